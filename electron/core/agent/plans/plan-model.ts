/**
 * The plan as data, with no I/O: making a plan from the model's proposal, applying the user's edits,
 * recording a check, and starting and ending a run. Every function returns a new plan; the plan service
 * stores and announces it.
 */
import { randomUUID } from 'node:crypto';
import type { PlanCheckRun, PlanStepEdit, PlanStepRecord, ThreadPlan } from '../../../../shared/contract';

/** Lines of a check's output kept on the step (the whole output is in the commandExecution item). */
const OUTPUT_TAIL_LINES = 20;
const OUTPUT_TAIL_CHARS = 2_000;

export function newStepId(): string {
  return `step_${randomUUID().slice(0, 8)}`;
}

export function proposedPlan(threadId: string, steps: readonly { title: string; check: string }[], turnId: string | null, now = Date.now()): ThreadPlan {
  return {
    threadId,
    status: 'draft',
    steps: steps.map((s) => ({ id: newStepId(), title: s.title.trim(), check: s.check.trim(), state: 'pending', lastCheck: null })),
    proposedBy: turnId,
    runBy: null,
    updatedAt: now,
  };
}

/**
 * The user's edited list replaces the steps, in its order. A step keeps its state and last check only
 * when it kept its id and its check did not change: a passed check proves nothing about a different one.
 */
export function withEdits(plan: ThreadPlan, edits: readonly PlanStepEdit[], now = Date.now()): ThreadPlan {
  const before = new Map(plan.steps.map((s) => [s.id, s]));
  const seen = new Set<string>();
  const steps = edits.map((edit): PlanStepRecord => {
    const title = edit.title.trim();
    const check = edit.check.trim();
    const old = edit.id && !seen.has(edit.id) ? before.get(edit.id) : undefined;
    if (edit.id) seen.add(edit.id);
    if (!old) return { id: newStepId(), title, check, state: 'pending', lastCheck: null };
    if (old.check !== check) return { id: old.id, title, check, state: 'pending', lastCheck: null };
    return { ...old, title, state: old.state === 'checking' ? 'pending' : old.state };
  });
  const status = steps.every((s) => s.state === 'done') ? 'done' : plan.status === 'running' ? 'running' : plan.status === 'done' ? 'incomplete' : plan.status;
  return { ...plan, steps, status, updatedAt: now };
}

export function openSteps(plan: ThreadPlan): PlanStepRecord[] {
  return plan.steps.filter((s) => s.state !== 'done');
}

export function startedRun(plan: ThreadPlan, turnId: string, now = Date.now()): ThreadPlan {
  return { ...plan, status: 'running', runBy: turnId, updatedAt: now };
}

/** The run's turn ended: a check cut short proves nothing, and the plan is done only if every step is. */
export function endedRun(plan: ThreadPlan, now = Date.now()): ThreadPlan {
  const steps = plan.steps.map((s) => (s.state === 'checking' ? { ...s, state: s.lastCheck ? ('failed' as const) : ('pending' as const) } : s));
  const status = steps.every((s) => s.state === 'done') ? 'done' : 'incomplete';
  return { ...plan, steps, status, updatedAt: now };
}

export function withStepChecking(plan: ThreadPlan, stepId: string, now = Date.now()): ThreadPlan {
  return { ...plan, steps: plan.steps.map((s) => (s.id === stepId ? { ...s, state: 'checking' } : s)), updatedAt: now };
}

/**
 * Records a check that ran to its end: the step is done only when it exited 0 (and did not time out).
 * `run` null means the check did not run (declined, interrupted): the step goes back to what it was.
 */
export function withCheckResult(plan: ThreadPlan, stepId: string, run: PlanCheckRun | null, now = Date.now()): ThreadPlan {
  const steps = plan.steps.map((s): PlanStepRecord => {
    if (s.id !== stepId) return s;
    if (!run) return { ...s, state: s.lastCheck ? (checkPassed(s.lastCheck) ? 'done' : 'failed') : 'pending' };
    return { ...s, state: checkPassed(run) ? 'done' : 'failed', lastCheck: run };
  });
  return { ...plan, steps, updatedAt: now };
}

export function checkPassed(run: Pick<PlanCheckRun, 'exitCode' | 'timedOut'>): boolean {
  return run.exitCode === 0 && !run.timedOut;
}

/** The end of a command's output, as kept on a step. */
export function outputTail(output: string): string {
  const lines = output.replace(/\s+$/, '').split('\n');
  let tail = lines.slice(-OUTPUT_TAIL_LINES).join('\n');
  if (tail.length > OUTPUT_TAIL_CHARS) tail = `…${tail.slice(tail.length - OUTPUT_TAIL_CHARS + 1)}`;
  return tail;
}
