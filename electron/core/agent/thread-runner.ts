/**
 * One running turn of one thread, from the user's message to `turn.completed`. It owns the turn's abort
 * controller, its item recorder and the steering count, keeps the thread's status in step (running,
 * waitingForApproval, then done / failed / idle), and marks the thread as owned by this process while the
 * turn runs, so another Tandem process sharing the data folder can tell a live turn from a dead one.
 */
import {
  EMPTY_USAGE,
  type ActiveTurnState,
  type AgentItem,
  type ThreadStatus,
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
import { runTurnLoop, type TurnOutcome } from './turn-loop';
import type { TurnSandbox } from './tools/permissions';
import type { ToolRegistry } from './tools/registry';
import { releaseTurnOwnership, claimTurnOwnership } from './turn-ownership';

export interface ThreadRunnerDeps {
  store: Store;
  events: EventBus;
  tools: ToolRegistry;
  retry: RetryPolicy;
  loadImage: ImageLoader;
}

export interface TurnPlan {
  turn: Turn;
  userMessage: { text: string; images: string[] };
  /** Resolved before the user's message is stored; null when the provider cannot be used (the turn then fails with `failure`). */
  client: ModelClient | null;
  providerLabel: string;
  /** Why no client could be made. */
  failure: TurnError | null;
  /** The sandbox and instructions, prepared after the message is stored (this reads files, probes the sandbox). */
  prepare: () => Promise<{ sandbox: TurnSandbox; instructions: TurnInstructions }>;
}

export class ThreadRunner {
  readonly turn: Turn;
  private readonly abort = new AbortController();
  private readonly items: TurnItems;
  private readonly log: LoggedItem[];
  private steersSinceLastCall = 0;
  private readonly queuedSteerIds = new Set<string>();
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
    const stored = this.items.storeQuietly(message);
    claimTurnOwnership(this.deps.store, this.threadId, this.turn.id);
    this.setStatus('running');
    this.deps.events.emit('turn.started', { threadId: this.threadId, turn: { ...this.turn } });
    this.items.announce(stored);
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

  state(pendingApprovals: ActiveTurnState['pendingApprovals']): ActiveTurnState {
    return { turn: { ...this.turn }, inProgress: this.items.inProgress(), pendingApprovals, queuedSteers: this.queuedSteerIds.size };
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
      prepared = await this.plan.prepare();
    } catch (error) {
      return this.failWith('internal', `The turn could not be prepared: ${error instanceof Error ? error.message : String(error)}`);
    }
    const { sandbox, instructions } = prepared;
    return runTurnLoop({
      store: this.deps.store,
      events: this.deps.events,
      client: this.plan.client,
      tools: this.deps.tools,
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
    });
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
