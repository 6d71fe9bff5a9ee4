/**
 * One running turn of one thread, from the user's message to `turn.completed`. It owns the turn's abort
 * controller, its item recorder, the steering count and its pause gate, keeps the thread's status in step
 * (running, waitingForApproval, paused, then done / failed / idle), records the turn (its usage so far)
 * at each step, and marks the thread as owned by this process while the turn runs, so another Tandem
 * process sharing the data folder can tell a live turn from a dead one.
 */
import {
  EMPTY_USAGE,
  type ActiveTurnState,
  type AgentItem,
  type ModelContextWindow,
  type ApprovalPolicy,
  type SandboxMode,
  type SettingsChangeItem,
  type ThreadStatus,
  type TurnPauseState,
  type Turn,
  type TurnError,
  type UserMessageItem,
} from '../../../shared/contract';
import type { Store } from '../store';
import type { EventBus } from '../transport/event-bus';
import { newItemId, toLoggedItem, TurnItems, type LoggedItem } from './items';
import type { ImageLoader } from './conversation';
import type { TurnInstructions } from './instructions';
import type { ModelClient } from './model/types';
import type { RetryPolicy } from './model/retry';
import { runManualCompaction, TurnCompaction } from './compaction/turn-compaction';
import { PauseGate } from './pause-gate';
import { runTurnLoop, type TurnLoopContext, type TurnOutcome } from './turn-loop';
import type { TurnSandbox } from './tools/permissions';
import type { AgentTool, ToolRegistry } from './tools/registry';
import { releaseTurnOwnership, claimTurnOwnership } from './turn-ownership';

export interface ThreadRunnerDeps {
  store: Store;
  events: EventBus;
  tools: ToolRegistry;
  retry: RetryPolicy;
  loadImage: ImageLoader;
  /** The model's context window, for compaction (compaction/); without it the conversation is never compacted. */
  contextWindowFor?: (model: string) => ModelContextWindow;
}

export interface TurnPlan {
  turn: Turn;
  userMessage: { text: string; images: string[] };
  /** Resolved before the user's message is stored; null when the provider cannot be used (the turn then fails with `failure`). */
  client: ModelClient | null;
  providerLabel: string;
  /** Why no client could be made. */
  failure: TurnError | null;
  /**
   * The sandbox and instructions for these settings, prepared after the message is stored (this reads
   * files, probes the sandbox), and again when the user changes the turn's autonomy.
   */
  prepare: (settings: TurnAutonomy) => Promise<{ sandbox: TurnSandbox; instructions: TurnInstructions }>;
  /** `thread.compact`: the turn compacts the conversation and does nothing else (`userMessage` is not stored). */
  compactOnly?: boolean;
  /** This turn's own tools (a plan-first turn's), instead of the agent's usual ones. */
  tools?: ToolRegistry;
  /**
   * Tools found for this turn (its MCP servers'), added to the others once the turn is prepared, and
   * notices for the thread (a server that failed to start). Never rejects.
   */
  extraTools?: () => Promise<{ tools: AgentTool[]; notices: AgentItem[] }>;
  /** See TurnLoopContext.beforeFinish; `items` records the message the model reads next. */
  beforeFinish?: (step: number, items: TurnItems) => boolean;
}

export interface TurnAutonomy {
  sandbox: SandboxMode;
  approvalPolicy: ApprovalPolicy;
}

/** What `turn.update` may change in a running turn. */
export interface TurnSettingsChange {
  sandbox?: SandboxMode;
  approvalPolicy?: ApprovalPolicy;
  model?: string;
}

export class ThreadRunner {
  readonly turn: Turn;
  private readonly abort = new AbortController();
  private readonly items: TurnItems;
  private readonly log: LoggedItem[];
  private steersSinceLastCall = 0;
  private readonly queuedSteerIds = new Set<string>();
  private readonly pause = new PauseGate((state, previous) => this.pauseChanged(state, previous));
  /** The sandbox or approval policy changed since the turn's permissions were prepared. */
  private autonomyChanged = false;
  private finished: Promise<Turn> | null = null;

  constructor(
    private readonly deps: ThreadRunnerDeps,
    private readonly plan: TurnPlan,
  ) {
    this.turn = plan.turn;
    this.log = deps.store.items
      .list(plan.turn.threadId)
      .map(toLoggedItem)
      .filter((i): i is LoggedItem => i !== null);
    this.items = new TurnItems({
      store: deps.store,
      events: deps.events,
      threadId: plan.turn.threadId,
      turnId: plan.turn.id,
      onStored: (logged) => this.log.push(logged),
    });
  }

  get threadId(): string {
    return this.turn.threadId;
  }

  /**
   * Stores the user's message (synchronously, before anything can fail), marks the thread running and
   * starts the loop. Returns at once; `done` resolves with the finished turn.
   */
  start(): Turn {
    const message: UserMessageItem = {
      type: 'userMessage',
      id: newItemId(),
      text: this.plan.userMessage.text,
      images: this.plan.userMessage.images,
      steer: null,
    };
    const stored = this.plan.compactOnly ? null : this.items.storeQuietly(message);
    claimTurnOwnership(this.deps.store, this.threadId, this.turn.id);
    this.deps.store.turns.record(this.turn);
    this.setStatus('running');
    this.deps.events.emit('turn.started', { threadId: this.threadId, turn: { ...this.turn } });
    if (stored) this.items.announce(stored);
    this.finished = this.run();
    return { ...this.turn };
  }

  /** Resolves when the turn has ended (whatever the outcome); never rejects. */
  get done(): Promise<Turn> {
    return this.finished ?? Promise.resolve({ ...this.turn });
  }

  interrupt(): void {
    this.abort.abort();
  }

  /** Stores a message typed while the turn runs; the next model call carries it. */
  steer(text: string): UserMessageItem {
    const message: UserMessageItem = { type: 'userMessage', id: newItemId(), text, images: [], steer: { afterStep: this.turn.modelCalls } };
    this.items.record(message);
    this.steersSinceLastCall += 1;
    this.queuedSteerIds.add(message.id);
    return message;
  }

  /**
   * Changes the turn's settings from its next step: the model at the next model call; the sandbox and
   * approval policy at the next tool call (its permissions and instructions are prepared again then).
   * Approvals already waiting stay waiting: loosening never answers them. Records what changed as an
   * item; null when nothing did.
   */
  update(change: TurnSettingsChange): SettingsChangeItem | null {
    const differs = <K extends keyof TurnSettingsChange>(key: K) => (change[key] !== undefined && change[key] !== this.turn[key] ? change[key]! : null);
    const item: SettingsChangeItem = {
      type: 'settingsChange',
      id: newItemId(),
      sandbox: differs('sandbox'),
      approvalPolicy: differs('approvalPolicy'),
      model: differs('model'),
      afterStep: this.turn.modelCalls,
    };
    if (item.sandbox === null && item.approvalPolicy === null && item.model === null) return null;
    if (item.sandbox !== null) this.turn.sandbox = item.sandbox;
    if (item.approvalPolicy !== null) this.turn.approvalPolicy = item.approvalPolicy;
    if (item.model !== null) this.turn.model = item.model;
    if (item.sandbox !== null || item.approvalPolicy !== null) this.autonomyChanged = true;
    this.items.record(item);
    this.deps.events.emit('turn.updated', { threadId: this.threadId, turn: { ...this.turn } });
    return item;
  }

  /** Asks the turn to pause at its next step boundary. */
  pauseTurn(): TurnPauseState {
    this.pause.request();
    return this.pause.state;
  }

  resumeTurn(): TurnPauseState {
    this.pause.release();
    return this.pause.state;
  }

  state(pendingApprovals: ActiveTurnState['pendingApprovals']): ActiveTurnState {
    return { turn: { ...this.turn }, inProgress: this.items.inProgress(), pendingApprovals, queuedSteers: this.queuedSteerIds.size, pause: this.pause.state };
  }

  private async run(): Promise<Turn> {
    let outcome: TurnOutcome;
    try {
      outcome = await this.loop();
    } catch (error) {
      const message = `The turn failed inside Tandem: ${error instanceof Error ? error.message : String(error)}`;
      try {
        outcome = this.failWith('internal', message);
      } catch {
        // Not even the error could be stored (the thread is gone, the disk is full): end the turn anyway.
        outcome = { status: 'failed', error: { kind: 'internal', message } };
      }
    }
    this.turn.status = outcome.status;
    this.turn.error = outcome.status === 'failed' ? outcome.error : null;
    this.turn.completedAt = Date.now();
    try {
      this.deps.store.turns.record(this.turn);
      this.setStatus(outcome.status === 'completed' ? 'done' : outcome.status === 'failed' ? 'failed' : 'idle');
      releaseTurnOwnership(this.deps.store, this.threadId, this.turn.id);
    } catch (error) {
      console.error(`[tandem] could not record the end of turn ${this.turn.id}`, error);
    }
    this.deps.events.emit('turn.completed', { threadId: this.threadId, turn: { ...this.turn } });
    return { ...this.turn };
  }

  private async loop(): Promise<TurnOutcome> {
    if (!this.plan.client) {
      const failure = this.plan.failure ?? { kind: 'noProvider' as const, message: 'No model is configured.' };
      return this.failWith(failure.kind, failure.message);
    }
    let prepared;
    try {
      // A change made while this prepares is applied at the first step boundary.
      this.autonomyChanged = false;
      prepared = await this.plan.prepare({ sandbox: this.turn.sandbox, approvalPolicy: this.turn.approvalPolicy });
    } catch (error) {
      return this.failWith('internal', `The turn could not be prepared: ${error instanceof Error ? error.message : String(error)}`);
    }
    const { sandbox, instructions } = prepared;
    let tools = this.plan.tools ?? this.deps.tools;
    if (this.plan.extraTools) {
      const extra = await this.plan.extraTools();
      for (const notice of extra.notices) this.items.record(notice);
      tools = tools.extend(extra.tools);
    }
    const ctx: TurnLoopContext = {
      store: this.deps.store,
      events: this.deps.events,
      client: this.plan.client,
      tools,
      permissions: sandbox.permissions,
      commands: sandbox.commands,
      retry: this.deps.retry,
      loadImage: this.deps.loadImage,
      providerLabel: this.plan.providerLabel,
      turn: this.turn,
      instructions,
      log: this.log,
      items: this.items,
      signal: this.abort.signal,
      takeSteerCount: () => {
        const n = this.steersSinceLastCall;
        this.steersSinceLastCall = 0;
        this.queuedSteerIds.clear();
        return n;
      },
      setWaitingForApproval: (waiting) => this.setStatus(waiting ? 'waitingForApproval' : 'running'),
      checkpoint: () => this.checkpoint(ctx),
      ...(this.plan.beforeFinish ? { beforeFinish: (step: number) => this.plan.beforeFinish!(step, this.items) } : {}),
    };
    // Compaction (compaction/): within the model's window at every call, or — for thread.compact — only that.
    const windowFor = this.deps.contextWindowFor;
    if (windowFor) ctx.compaction = new TurnCompaction(windowFor);
    if (this.plan.compactOnly && windowFor) return runManualCompaction(ctx, windowFor(this.turn.model));
    return runTurnLoop(ctx);
  }

  /** A step boundary of the loop: records the turn so far, waits out a pause, applies changed autonomy. */
  private async checkpoint(ctx: TurnLoopContext): Promise<boolean> {
    this.recordProgress();
    for (;;) {
      if (this.abort.signal.aborted) return false;
      if (this.pause.isRequested) {
        await this.pause.wait(this.abort.signal);
        continue;
      }
      if (this.autonomyChanged) {
        this.autonomyChanged = false;
        let prepared;
        try {
          prepared = await this.plan.prepare({ sandbox: this.turn.sandbox, approvalPolicy: this.turn.approvalPolicy });
        } catch (error) {
          throw new Error(`the new sandbox and approval settings could not be applied: ${error instanceof Error ? error.message : String(error)}`);
        }
        ctx.permissions = prepared.sandbox.permissions;
        ctx.commands = prepared.sandbox.commands;
        ctx.instructions = prepared.instructions;
        continue;
      }
      return true;
    }
  }

  /** The turn's usage so far survives a crash (a turn row left `inProgress` is closed on the next start). */
  private recordProgress(): void {
    try {
      this.deps.store.turns.record(this.turn);
    } catch (error) {
      console.error(`[tandem] could not record the progress of turn ${this.turn.id}`, error);
    }
  }

  private pauseChanged(state: TurnPauseState, previous: TurnPauseState): void {
    if (state === 'paused') this.setStatus('paused');
    else if (state === 'running' && previous === 'paused') this.setStatus('running');
    this.deps.events.emit('turn.pauseChanged', { threadId: this.threadId, turnId: this.turn.id, pause: state });
  }

  private failWith(kind: TurnError['kind'], message: string): TurnOutcome {
    const item: AgentItem = { type: 'error', id: newItemId(), kind, message, httpStatus: null, call: null, step: null };
    this.items.record(item);
    return { status: 'failed', error: { kind, message } };
  }

  private setStatus(status: ThreadStatus): void {
    const thread = this.deps.store.threads.update(this.threadId, { status });
    if (thread) this.deps.events.emit('threads.changed', thread);
  }
}

export function newTurn(fields: Omit<Turn, 'status' | 'startedAt' | 'completedAt' | 'error' | 'usage' | 'modelCalls'>): Turn {
  return { ...fields, status: 'inProgress', startedAt: Date.now(), completedAt: null, error: null, usage: { ...EMPTY_USAGE }, modelCalls: 0 };
}
