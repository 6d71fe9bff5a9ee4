/**
 * The loop of one turn: send the conversation to the model, stream what it says into items, run the tools
 * it calls, and repeat until it answers without calling a tool. Steering messages typed meanwhile are
 * already in the log and go out with the next model call; if the model was about to stop, it gets
 * another call to read them. Interrupting aborts the signal: the stream stops, a running command is
 * killed, a pending approval is cancelled, and what streamed so far is kept.
 */
import type { AgentErrorKind, AgentMessageItem, ErrorItem, ModelToolCall, ReasoningItem, TokenUsage, Turn, TurnError } from '../../../shared/contract';
import type { LedgerContextPart } from '../store/repositories/ledger';
import type { Store } from '../store';
import type { EventBus } from '../transport/event-bus';
import { buildConversation, type ImageLoader } from './conversation';
import type { TurnInstructions } from './instructions';
import { newItemId, type LoggedItem, type TurnItems } from './items';
import { ModelError } from './model/errors';
import { streamWithRetries, type RetryNotice, type RetryPolicy } from './model/retry';
import type { ConversationEntry, ModelClient, ModelEvent } from './model/types';
import type { AgentPermissions, CommandExecutor } from './tools/permissions';
import { contextSnapshotParts } from './tools/get-context';
import type { ToolRegistry } from './tools/registry';
import type { TurnCompaction } from './compaction/turn-compaction';

export interface TurnLoopContext {
  store: Store;
  events: EventBus;
  client: ModelClient;
  tools: ToolRegistry;
  permissions: AgentPermissions;
  commands: CommandExecutor;
  retry: RetryPolicy;
  loadImage: ImageLoader;
  /** The provider as the ledger names it. */
  providerLabel: string;
  turn: Turn;
  instructions: TurnInstructions;
  /** The thread's completed items, kept up to date as items are stored. */
  log: LoggedItem[];
  items: TurnItems;
  signal: AbortSignal;
  /** Steering messages stored since the last model call was sent; reading resets the count. */
  takeSteerCount(): number;
  setWaitingForApproval(waiting: boolean): void;
  /**
   * A step boundary (before each model call and each tool call): waits here while the turn is paused,
   * and applies autonomy changed meanwhile (`permissions`, `commands`, `instructions` and the turn's
   * settings may be replaced). False when the turn was interrupted meanwhile.
   */
  checkpoint(): Promise<boolean>;
  /** Compaction (compaction/): keeps each request within the model's context window. */
  compaction?: TurnCompaction;
  /**
   * Asked when the model answers without a tool call: true when it must go on (a plan run with steps
   * still open), having recorded a message for the next call to carry.
   */
  beforeFinish?(step: number): boolean;
}

export type TurnOutcome = { status: 'completed' } | { status: 'interrupted' } | { status: 'failed'; error: TurnError };

export async function runTurnLoop(ctx: TurnLoopContext): Promise<TurnOutcome> {
  const toolsPart: LedgerContextPart = {
    kind: 'tools',
    label: `tool definitions (${ctx.tools.names.join(', ')})`,
    chars: JSON.stringify(ctx.tools.definitions).length,
  };

  for (let step = 1; ; step += 1) {
    if (!(await ctx.checkpoint())) return { status: 'interrupted' };
    // From here on, a steering message belongs after this call: counted now, sent with the next one.
    ctx.turn.modelCalls = step;
    ctx.takeSteerCount();
    let input = await buildConversation(ctx.log.slice(), ctx.loadImage);
    if (ctx.signal.aborted) return { status: 'interrupted' };
    // Compaction: a request that would pass the model's threshold is compacted first (compaction/).
    if (ctx.compaction) {
      const fitted = await ctx.compaction.fit(ctx, input);
      if ('outcome' in fitted) return fitted.outcome;
      input = fitted.input;
    }

    // get_context results ride in the conversation: each request carrying them lists their chips.
    const context = [...ctx.instructions.parts, ...contextSnapshotParts(ctx.log), conversationPart(input), toolsPart];
    // One ledger entry per request sent, retries included: each one carried the context out.
    const recordRequest = (attempt: number) =>
      ctx.store.ledger.record({
        threadId: ctx.turn.threadId,
        purpose: attempt === 1 ? 'agent-turn' : 'agent-turn-retry',
        provider: ctx.providerLabel,
        model: ctx.turn.model,
        context,
      });

    const output = new StepOutput(ctx.items, step);
    // One signal per model call, tied to the turn's: the SDK leaves a listener on the signal it is
    // given, so a long turn would pile them up on one shared signal.
    const call = linkedAbort(ctx.signal);
    try {
      const events = streamWithRetries(
        ctx.client,
        { model: ctx.turn.model, instructions: ctx.instructions.text, input, tools: ctx.tools.definitions, cacheKey: ctx.turn.threadId, signal: call.signal },
        ctx.retry,
        announceRetry(ctx),
        recordRequest,
      );
      for await (const event of events) output.handle(event);
    } catch (error) {
      output.closeOpenItems();
      if (ctx.signal.aborted) return { status: 'interrupted' };
      const failure = error instanceof ModelError ? error : new ModelError('internal', `Tandem failed while reading the model's reply: ${String(error)}`, { retryable: false, cause: error });
      // Compaction: the server found the request too long although the estimate fit — compact, call again.
      if (failure.kind === 'contextLength' && ctx.compaction) {
        const recovered = await ctx.compaction.recover(ctx);
        if (recovered && 'outcome' in recovered) return recovered.outcome;
        if (recovered) continue;
      }
      return fail(ctx, failure.kind, failure.message, failure.httpStatus);
    } finally {
      call.release();
    }
    output.closeOpenItems();
    if (ctx.signal.aborted) return { status: 'interrupted' };
    if (!output.completed) return fail(ctx, 'streamCut', 'The model server ended the stream before the reply was complete.', null);

    if (output.usage) addUsage(ctx.turn.usage, output.usage);
    ctx.compaction?.record(output.usage);
    ctx.events.emit('turn.usage', { threadId: ctx.turn.threadId, turnId: ctx.turn.id, usage: { ...ctx.turn.usage } });

    if (output.calls.length === 0) {
      // The model is done — unless the user steered meanwhile: then it gets to read that.
      if (ctx.takeSteerCount() > 0) continue;
      if (ctx.beforeFinish?.(step)) continue;
      return { status: 'completed' };
    }

    for (const call of output.calls) {
      if (!(await ctx.checkpoint())) return { status: 'interrupted' };
      try {
        await ctx.tools.run({
          threadId: ctx.turn.threadId,
          turnId: ctx.turn.id,
          step,
          call,
          cwd: ctx.turn.cwd,
          sandbox: ctx.turn.sandbox,
          approvalPolicy: ctx.turn.approvalPolicy,
          signal: ctx.signal,
          items: ctx.items,
          permissions: ctx.permissions,
          commands: ctx.commands,
          setWaitingForApproval: ctx.setWaitingForApproval,
        });
      } catch (error) {
        // A tool records its own item for anything the model did; reaching here is a bug in Tandem.
        return fail(ctx, 'internal', `The ${call.name} tool failed inside Tandem: ${error instanceof Error ? error.message : String(error)}`, null);
      }
    }
  }
}

/** Ends the turn as failed, with an error item saying why. */
export function fail(ctx: Pick<TurnLoopContext, 'items'>, kind: AgentErrorKind, message: string, httpStatus: number | null): TurnOutcome {
  const item: ErrorItem = { type: 'error', id: newItemId(), kind, message, httpStatus, call: null, step: null };
  ctx.items.record(item);
  return { status: 'failed', error: { kind, message } };
}

/** Tells the windows a model call of this turn is being retried ("retrying 2/5"). */
export function announceRetry(ctx: Pick<TurnLoopContext, 'events' | 'turn'>): (notice: RetryNotice) => void {
  return (notice) =>
    ctx.events.emit('turn.retrying', {
      threadId: ctx.turn.threadId,
      turnId: ctx.turn.id,
      attempt: notice.attempt,
      maxRetries: notice.maxRetries,
      delayMs: notice.delayMs,
      reason: notice.error.message,
    });
}

/** Maps one model call's stream onto items: text and reasoning stream; tool calls are collected. */
class StepOutput {
  readonly calls: ModelToolCall[] = [];
  usage: TokenUsage | null = null;
  completed = false;
  private readonly texts = new Map<string, AgentMessageItem>();
  private readonly reasonings = new Map<string, ReasoningItem>();

  constructor(
    private readonly items: TurnItems,
    private readonly step: number,
  ) {}

  handle(event: ModelEvent): void {
    switch (event.type) {
      case 'text.started': {
        const item: AgentMessageItem = { type: 'agentMessage', id: newItemId(), text: '', step: this.step };
        this.texts.set(event.id, item);
        this.items.start(item);
        return;
      }
      case 'text.delta': {
        const item = this.texts.get(event.id);
        if (!item) return;
        item.text += event.delta;
        this.items.delta(item.id, { kind: 'text', text: event.delta });
        return;
      }
      case 'text.done': {
        const item = this.texts.get(event.id);
        if (!item) return;
        this.texts.delete(event.id);
        item.text = event.text;
        this.items.complete(item);
        return;
      }
      case 'reasoning.started': {
        const item: ReasoningItem = { type: 'reasoning', id: newItemId(), summary: [], replay: null, step: this.step };
        this.reasonings.set(event.id, item);
        this.items.start(item);
        return;
      }
      case 'reasoning.delta': {
        const item = this.reasonings.get(event.id);
        if (!item) return;
        item.summary[event.index] = (item.summary[event.index] ?? '') + event.delta;
        this.items.delta(item.id, { kind: 'reasoningSummary', index: event.index, text: event.delta });
        return;
      }
      case 'reasoning.done': {
        const item = this.reasonings.get(event.id);
        if (!item) return;
        this.reasonings.delete(event.id);
        item.summary = event.summary;
        item.replay = event.replay;
        this.items.complete(item);
        return;
      }
      case 'toolCall':
        this.calls.push(event.call);
        return;
      case 'completed':
        this.completed = true;
        this.usage = event.usage;
        return;
    }
  }

  /** Completes items cut short (a failure, an interrupt) with what had streamed, so every start has its end. */
  closeOpenItems(): void {
    for (const item of this.reasonings.values()) {
      item.summary = Array.from(item.summary, (s) => s ?? '');
      this.items.complete(item);
    }
    for (const item of this.texts.values()) this.items.complete(item);
    this.reasonings.clear();
    this.texts.clear();
  }
}

function linkedAbort(parent: AbortSignal): { signal: AbortSignal; release(): void } {
  const controller = new AbortController();
  const abort = () => controller.abort(parent.reason);
  if (parent.aborted) abort();
  else parent.addEventListener('abort', abort, { once: true });
  return { signal: controller.signal, release: () => parent.removeEventListener('abort', abort) };
}

export function addUsage(total: TokenUsage, add: TokenUsage): void {
  total.inputTokens += add.inputTokens;
  total.cachedInputTokens += add.cachedInputTokens;
  total.outputTokens += add.outputTokens;
  total.reasoningOutputTokens += add.reasoningOutputTokens;
  total.totalTokens += add.totalTokens;
}

function conversationPart(input: readonly ConversationEntry[]): LedgerContextPart {
  let chars = 0;
  let images = 0;
  for (const entry of input) {
    if (entry.kind === 'user') {
      chars += entry.text.length;
      images += entry.images.length;
      for (const image of entry.images) chars += image.dataUrl.length;
    } else if (entry.kind === 'assistant') {
      chars += entry.text.length;
      for (const call of entry.toolCalls) chars += call.name.length + call.arguments.length;
      for (const r of entry.reasoning) chars += r.summary.join('').length + r.encryptedContent.length;
    } else {
      chars += entry.output.length;
    }
  }
  const label = `conversation (${input.length} ${input.length === 1 ? 'entry' : 'entries'}${images ? `, ${images} image${images === 1 ? '' : 's'}` : ''})`;
  return { kind: 'conversation', label, chars };
}
