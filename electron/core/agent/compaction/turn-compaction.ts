/**
 * Compaction inside a turn. Before each model call the turn loop asks `fit`: when the request would pass
 * the threshold, the history is compacted first (compact.ts), the `contextCompaction` item is stored and
 * announced like any other, and the conversation is rebuilt from it. A server that still says the request
 * is too long gets one compaction and another try (`recover`). `runManualCompaction` is the on-demand
 * path (`thread.compact`): a turn that does only this.
 */
import type { ContextCompactionItem, ModelContextWindow, TokenUsage } from '../../../../shared/contract';
import { buildConversation } from '../conversation';
import { ModelError } from '../model/errors';
import type { ConversationEntry } from '../model/types';
import { addUsage, announceRetry, fail, type TurnLoopContext, type TurnOutcome } from '../turn-loop';
import { compactHistory, NothingToCompact } from './compact';
import { sinceLastCompaction } from './history';
import { ContextMeter } from './context-meter';
import { estimateRequestTokens, estimateTextTokens, estimateToolTokens } from './token-estimate';

export type FitResult = { input: ConversationEntry[] } | { outcome: TurnOutcome };

export class TurnCompaction {
  private readonly meter = new ContextMeter();

  /** The window is looked up at each call: the turn's model may change while it runs. */
  constructor(private readonly windowFor: (model: string) => ModelContextWindow) {}

  /** The conversation to send next, compacted first if it would pass the threshold — or how the turn ends. */
  async fit(ctx: TurnLoopContext, input: ConversationEntry[]): Promise<FitResult> {
    const window = this.windowFor(ctx.turn.model);
    const tokens = this.meter.measure(estimateRequestTokens({ instructions: ctx.instructions.text, input, tools: ctx.tools.definitions }));
    if (tokens <= Math.floor(window.contextWindow * window.threshold)) return { input };
    // Just compacted and still too big (the newest messages alone are too long): send it if it fits at all.
    if (ctx.log.at(-1)?.item.type === 'contextCompaction') return tokens <= window.contextWindow ? { input } : { outcome: tooLong(ctx, tokens, window) };
    return this.compactAndRebuild(ctx, window, tokens);
  }

  /** After a call: the usage the server reported for the request just sent. */
  record(usage: TokenUsage | null): void {
    this.meter.record(usage);
  }

  /**
   * The server refused the request as too long although the estimate said it fit: compact and go on,
   * unless the history was compacted just before (then there is nothing left to gain).
   */
  async recover(ctx: TurnLoopContext): Promise<FitResult | null> {
    if (ctx.log.at(-1)?.item.type === 'contextCompaction') return null;
    // Only the user's own messages since the last compaction: a summary would keep them anyway, so the
    // server's refusal stands (with its advice to shorten the message or start a new thread).
    if (sinceLastCompaction(ctx.log).items.every((logged) => logged.item.type === 'userMessage')) return null;
    const window = this.windowFor(ctx.turn.model);
    return this.compactAndRebuild(ctx, window, window.contextWindow);
  }

  private async compactAndRebuild(ctx: TurnLoopContext, window: ModelContextWindow, tokensBefore: number): Promise<FitResult> {
    const done = await compactInTurn(ctx, window, 'auto', tokensBefore);
    if ('outcome' in done) return done;
    this.meter.reset();
    const input = await buildConversation(ctx.log.slice(), ctx.loadImage);
    const tokens = this.meter.measure(estimateRequestTokens({ instructions: ctx.instructions.text, input, tools: ctx.tools.definitions }));
    return tokens <= window.contextWindow ? { input } : { outcome: tooLong(ctx, tokens, window) };
  }
}

/** `thread.compact`: the whole turn is one compaction. */
export async function runManualCompaction(ctx: TurnLoopContext, window: ModelContextWindow): Promise<TurnOutcome> {
  ctx.turn.modelCalls = 1;
  const input = await buildConversation(ctx.log.slice(), ctx.loadImage);
  const tokensBefore = estimateRequestTokens({ instructions: ctx.instructions.text, input, tools: ctx.tools.definitions });
  const done = await compactInTurn(ctx, window, 'manual', tokensBefore);
  return 'outcome' in done ? done.outcome : { status: 'completed' };
}

async function compactInTurn(
  ctx: TurnLoopContext,
  window: ModelContextWindow,
  trigger: ContextCompactionItem['trigger'],
  tokensBefore: number,
): Promise<{ item: ContextCompactionItem } | { outcome: TurnOutcome }> {
  try {
    const result = await compactHistory({
      client: ctx.client,
      model: ctx.turn.model,
      log: () => ctx.log,
      window,
      trigger,
      tokensBefore,
      fixedTokens: estimateTextTokens(ctx.instructions.text) + estimateToolTokens(ctx.tools.definitions),
      retry: ctx.retry,
      signal: ctx.signal,
      cacheKey: ctx.turn.threadId,
      onRetry: announceRetry(ctx),
      onRequest: (sent) =>
        ctx.store.ledger.record({
          threadId: ctx.turn.threadId,
          purpose: sent.attempt === 1 ? 'agent-compaction' : 'agent-compaction-retry',
          provider: ctx.providerLabel,
          model: ctx.turn.model,
          context: [
            { kind: 'instructions', label: 'compaction instructions', chars: sent.instructionsChars },
            { kind: 'conversation', label: `conversation transcript (${sent.items} items)`, chars: sent.transcriptChars },
          ],
        }),
    });
    if (result.usage) addUsage(ctx.turn.usage, result.usage);
    ctx.events.emit('turn.usage', { threadId: ctx.turn.threadId, turnId: ctx.turn.id, usage: { ...ctx.turn.usage } });
    ctx.items.record(result.item);
    return { item: result.item };
  } catch (error) {
    if (ctx.signal.aborted) return { outcome: { status: 'interrupted' } };
    if (error instanceof NothingToCompact) return { outcome: fail(ctx, 'internal', error.message, null) };
    const failure = error instanceof ModelError ? error : new ModelError('internal', `Compacting the conversation failed inside Tandem: ${String(error)}`, { retryable: false });
    return { outcome: fail(ctx, failure.kind, `Compacting the conversation failed: ${failure.message}`, failure.httpStatus) };
  }
}

function tooLong(ctx: TurnLoopContext, tokens: number, window: ModelContextWindow): TurnOutcome {
  return fail(
    ctx,
    'contextLength',
    `Even after compacting, the next request (about ${tokens.toLocaleString('en-US')} tokens) does not fit ${window.model}'s context window of ${window.contextWindow.toLocaleString('en-US')} tokens. Shorten your last message, or set a larger window for this model in Settings.`,
    null,
  );
}


