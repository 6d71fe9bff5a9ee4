/**
 * Plan-first runs as the contract sees them (`plan.*`). It owns each thread's saved plan: it starts the
 * read-only planning turn and the run turn through the AgentService (each with its own tools, brief and
 * finish rule), stores every change and announces it with `plan.changed`, and closes runs whose turn
 * ended — or whose process died — so a plan never stays "running" with nothing running it.
 */
import {
  RpcError,
  type PlanStepEdit,
  type ThreadPlan,
  type UserMessageItem,
} from '../../../../shared/contract';
import type { Store } from '../../store';
import type { EventBus } from '../../transport/event-bus';
import type { Handlers } from '../../transport/router';
import type { AgentService } from '../agent-service';
import { newItemId, type TurnItems } from '../items';
import type { AgentTool } from '../tools/registry';
import { liveOwnerElsewhere } from '../turn-ownership';
import { NO_PLAN_REMINDER, openStepsReminder, PLANNING_INSTRUCTIONS, RUN_INSTRUCTIONS, runMessage } from './plan-instructions';
import { renderPlanMarkdown, writePlanFile } from './plan-markdown';
import { endedRun, openSteps, proposedPlan, startedRun, withCheckResult, withEdits, withStepChecking } from './plan-model';
import { completeStepTool, proposePlanTool, type PlanDesk } from './plan-tools';

/** How often a run is told that steps are still open before it may end anyway (each costs a model call). */
const RUN_REMINDERS = 2;

/** Tools a planning turn does without: it must not edit, and its checklist is propose_plan's. */
const NOT_WHILE_PLANNING = new Set(['apply_patch', 'update_plan']);
/** In a run the plan is the checklist. */
const NOT_WHILE_RUNNING = new Set(['update_plan']);

export interface PlanServiceOptions {
  store: Store;
  events: EventBus;
  agent: Pick<AgentService, 'startTurn' | 'isRunning' | 'workingFolder'>;
}

export class PlanService {
  constructor(private readonly options: PlanServiceOptions) {
    this.closeAbandonedRuns();
  }

  get(threadId: string): ThreadPlan | null {
    this.requireThread(threadId);
    return this.options.store.plans.get(threadId);
  }

  /** Starts the read-only turn in which the model looks around and calls propose_plan. */
  propose(input: { threadId: string; text: string; model?: string | undefined }): { turnId: string; done: Promise<unknown> } {
    this.requireThread(input.threadId);
    const threadId = input.threadId;
    let turnId: string | null = null;
    let proposed = false;
    let reminded = false;
    const desk: PlanDesk = {
      current: () => this.options.store.plans.get(threadId),
      propose: (steps) => {
        proposed = true;
        this.put(proposedPlan(threadId, steps, turnId));
      },
      markChecking: () => undefined,
      recordCheck: () => undefined,
    };
    const { turn, done } = this.options.agent.startTurn(
      { threadId, text: input.text, ...(input.model ? { model: input.model } : {}) },
      {
        sandbox: 'read-only',
        tools: (standard) => [...standard.filter((t) => !NOT_WHILE_PLANNING.has(t.name)), proposePlanTool(desk)],
        instructions: { label: 'plan-first: propose a plan', text: PLANNING_INSTRUCTIONS },
        beforeFinish: (step, items) => {
          if (proposed || reminded) return false;
          reminded = true;
          remind(items, step, NO_PLAN_REMINDER);
          return true;
        },
      },
    );
    turnId = turn.id;
    return { turnId: turn.id, done };
  }

  /** The user's edits; a thread without a plan gets one written by hand. */
  save(threadId: string, steps: readonly PlanStepEdit[]): ThreadPlan {
    this.requireThread(threadId);
    const plan = this.options.store.plans.get(threadId);
    if (plan?.status === 'running') throw new RpcError('conflict', 'The plan is running: stop the run to edit it.');
    const next = withEdits(plan ?? proposedPlan(threadId, [], null), steps);
    this.put(next);
    return next;
  }

  /** Starts a turn that works through the open steps; each is done only when its check passes. */
  run(threadId: string): { turnId: string; done: Promise<unknown> } {
    this.requireThread(threadId);
    const plan = this.options.store.plans.get(threadId);
    if (!plan) throw new RpcError('not_found', 'This thread has no plan yet: ask for one first.');
    if (plan.status === 'running' || this.options.agent.isRunning(threadId)) throw new RpcError('conflict', 'A turn is already running in this thread.');
    if (openSteps(plan).length === 0) throw new RpcError('conflict', 'Every step of this plan is done already.');

    let reminders = 0;
    const desk: PlanDesk = {
      current: () => this.options.store.plans.get(threadId),
      propose: () => undefined,
      markChecking: (stepId) => this.update(threadId, (p) => withStepChecking(p, stepId)),
      recordCheck: (stepId, run) => this.update(threadId, (p) => withCheckResult(p, stepId, run)),
    };
    const tools = (standard: readonly AgentTool[]) => [...standard.filter((t) => !NOT_WHILE_RUNNING.has(t.name)), completeStepTool(desk)];
    const { turn, done } = this.options.agent.startTurn(
      { threadId, text: runMessage(plan) },
      {
        tools,
        instructions: { label: 'plan-first: run the plan', text: RUN_INSTRUCTIONS },
        beforeFinish: (step, items) => {
          const current = this.options.store.plans.get(threadId);
          if (!current || openSteps(current).length === 0 || reminders >= RUN_REMINDERS) return false;
          reminders += 1;
          remind(items, step, openStepsReminder(current));
          return true;
        },
      },
    );
    this.put(startedRun(plan, turn.id));
    const ended = done.then(() => this.update(threadId, (p) => (p.runBy === turn.id && p.status === 'running' ? endedRun(p) : p)));
    return { turnId: turn.id, done: ended };
  }

  discard(threadId: string): boolean {
    this.requireThread(threadId);
    if (this.options.store.plans.get(threadId)?.status === 'running') throw new RpcError('conflict', 'The plan is running: stop the run first.');
    const discarded = this.options.store.plans.delete(threadId);
    if (discarded) this.options.events.emit('plan.changed', { threadId, plan: null });
    return discarded;
  }

  async writeFile(threadId: string): Promise<string> {
    const thread = this.requireThread(threadId);
    const plan = this.options.store.plans.get(threadId);
    if (!plan) throw new RpcError('not_found', 'This thread has no plan to save.');
    return writePlanFile(this.options.agent.workingFolder(threadId), renderPlanMarkdown(plan, thread.title));
  }

  handlers(): Pick<Handlers, 'plan.get' | 'plan.propose' | 'plan.save' | 'plan.run' | 'plan.discard' | 'plan.writeFile'> {
    return {
      'plan.get': ({ threadId }) => ({ plan: this.get(threadId) }),
      'plan.propose': (input) => ({ turnId: this.propose(input).turnId }),
      'plan.save': ({ threadId, steps }) => this.save(threadId, steps),
      'plan.run': ({ threadId }) => ({ turnId: this.run(threadId).turnId }),
      'plan.discard': ({ threadId }) => ({ discarded: this.discard(threadId) }),
      'plan.writeFile': async ({ threadId }) => ({ path: await this.writeFile(threadId) }),
    };
  }

  private update(threadId: string, change: (plan: ThreadPlan) => ThreadPlan): void {
    const plan = this.options.store.plans.get(threadId);
    if (!plan) return; // discarded meanwhile
    const next = change(plan);
    if (next !== plan) this.put(next);
  }

  private put(plan: ThreadPlan): void {
    this.options.store.plans.put(plan);
    this.options.events.emit('plan.changed', { threadId: plan.threadId, plan });
  }

  /** A run whose turn is gone (Tandem stopped mid-run) ends as it stands; another live process's run is left alone. */
  private closeAbandonedRuns(): void {
    for (const plan of this.options.store.plans.listRunning()) {
      if (this.options.agent.isRunning(plan.threadId) || liveOwnerElsewhere(this.options.store, plan.threadId) !== null) continue;
      this.put(endedRun(plan));
    }
  }

  private requireThread(threadId: string) {
    const thread = this.options.store.threads.get(threadId);
    if (!thread) throw new RpcError('not_found', `No thread with id ${threadId}`);
    return thread;
  }
}

/** Tandem's own message to the model, read at its next call (placed like a steering message). */
function remind(items: TurnItems, step: number, text: string): void {
  const message: UserMessageItem = { type: 'userMessage', id: newItemId(), text, images: [], steer: { afterStep: step }, fromTandem: true };
  items.record(message);
}
