/**
 * Plan-first runs: a thread's saved plan — a checklist whose every step names the check (one shell
 * command) that proves it. The agent proposes a plan in a read-only turn (`plan.propose`), the user edits
 * it (`plan.save`), then runs it (`plan.run`): a step becomes `done` only when Tandem ran its check and
 * the check exited 0. The plan is stored with the thread and announced with `plan.changed` on every change.
 */
import { z } from 'zod';
import { event, method } from './define';

/**
 * A step's state: `pending` (not proven yet), `checking` (its check runs now), `done` (the check passed),
 * `failed` (the last check failed; the step stays open).
 */
export type PlanStepState = 'pending' | 'checking' | 'done' | 'failed';

/** The last time a step's check ran. */
export interface PlanCheckRun {
  /** null when the command was killed (a timeout, an interrupt) or never ran. */
  exitCode: number | null;
  timedOut: boolean;
  /** The last lines of its output. */
  outputTail: string;
  /** The commandExecution item that ran it, in the thread's log. */
  itemId: string;
  at: number;
}

export interface PlanStepRecord {
  /** Stable across edits, so a renamed step keeps its history. */
  id: string;
  title: string;
  /** One bash command line that exits 0 when the step is done. */
  check: string;
  state: PlanStepState;
  lastCheck: PlanCheckRun | null;
}

/**
 * `draft` — proposed or edited, not run yet; `running` — a turn works through it now; `incomplete` — a
 * run ended with steps still open; `done` — every step's check passed.
 */
export type PlanStatus = 'draft' | 'running' | 'incomplete' | 'done';

export interface ThreadPlan {
  threadId: string;
  status: PlanStatus;
  steps: PlanStepRecord[];
  /** The turn that proposed it, and the turn running it (or that ran it last). */
  proposedBy: string | null;
  runBy: string | null;
  updatedAt: number;
}

/** Limits shared by the model's proposal and the user's edits. */
export const PLAN_LIMITS = { steps: 30, title: 300, check: 2_000 } as const;

const Id = z.string().min(1).max(64);

export const PlanStepTitle = z.string().trim().min(1, 'A step needs a title').max(PLAN_LIMITS.title, `A step title is at most ${PLAN_LIMITS.title} characters`);
export const PlanStepCheck = z
  .string()
  .trim()
  .min(1, 'A step needs a check: a command that exits 0 when the step is done')
  .max(PLAN_LIMITS.check, `A check is at most ${PLAN_LIMITS.check} characters`);

/** A step as the editor sends it: `id` for a step that already exists, none for a new one. */
export const PlanStepEdit = z.object({ id: Id.optional(), title: PlanStepTitle, check: PlanStepCheck }).strict();
export type PlanStepEdit = z.infer<typeof PlanStepEdit>;

export const PlanSaveInput = z
  .object({
    threadId: Id,
    steps: z.array(PlanStepEdit).min(1, 'A plan needs at least one step').max(PLAN_LIMITS.steps, `A plan has at most ${PLAN_LIMITS.steps} steps`),
  })
  .strict();

export const PlanProposeInput = z
  .object({
    threadId: Id,
    /** What the user wants done; the agent answers with a plan instead of doing it. */
    text: z.string().trim().min(1, 'Say what the plan is for').max(200_000, 'The message is too long (200,000 characters at most)'),
    model: z.string().trim().min(1).max(200).optional(),
  })
  .strict();

export const planMethods = {
  /** The thread's saved plan (null when it has none). */
  'plan.get': method<{ plan: ThreadPlan | null }>()(z.object({ threadId: Id }).strict()),
  /** Starts a read-only turn in which the agent looks at the repository and proposes a plan. */
  'plan.propose': method<{ turnId: string }>()(PlanProposeInput),
  /** Replaces the steps (the user's edits); steps whose title and check did not change keep their state. */
  'plan.save': method<ThreadPlan>()(PlanSaveInput),
  /** Starts a turn that works through the plan; refused when every step is done or a turn runs. */
  'plan.run': method<{ turnId: string }>()(z.object({ threadId: Id }).strict()),
  /** Forgets the thread's plan. */
  'plan.discard': method<{ discarded: boolean }>()(z.object({ threadId: Id }).strict()),
  /** Writes the plan as PLAN.md in the thread's folder (its worktree, or its working folder). */
  'plan.writeFile': method<{ path: string }>()(z.object({ threadId: Id }).strict()),
};

export const planEvents = {
  /** The thread's plan changed (proposed, edited, a step checked, discarded: then `plan` is null). */
  'plan.changed': event<{ threadId: string; plan: ThreadPlan | null }>(),
};
