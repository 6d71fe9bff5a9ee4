/**
 * One compaction: ask the model for a handoff note on the history since the last compaction, and make
 * the `contextCompaction` item that replaces that history in what the model sees. The summary request is
 * a model call with no tools whose input is the history as a transcript. When the transcript would not
 * fit the window, the oldest items are left out (counted in `droppedItems`); when the server still
 * answers that the request is too long, the transcript's budget is halved and the request sent again.
 */
import type { ContextCompactionItem, ModelContextWindow, TokenUsage, UserMessageItem } from '../../../../shared/contract';
import { newItemId, type LoggedItem } from '../items';
import { ModelError } from '../model/errors';
import { streamWithRetries, type RetryNotice, type RetryPolicy } from '../model/retry';
import type { ConversationEntry, ModelClient } from '../model/types';
import { compactedHistory, sinceLastCompaction } from './history';
import { cap, SUMMARY_INSTRUCTIONS, SUMMARY_REQUEST, TRANSCRIPT_HEADING, transcriptBlock } from './summary-prompt';
import { estimateConversationTokens, estimateTextTokens } from './token-estimate';

/** User messages kept verbatim after a compaction, newest first until either bound is reached. */
export const MAX_KEPT_USER_MESSAGES = 8;
/** Share of the window the kept user messages may take (and never more than KEPT_USER_TOKENS_MAX). */
const KEPT_USER_SHARE = 0.15;
const KEPT_USER_TOKENS_MAX = 20_000;
/** Room left for the summary itself: this share of the window, at most SUMMARY_OUTPUT_MAX tokens. */
const SUMMARY_OUTPUT_SHARE = 0.2;
const SUMMARY_OUTPUT_MAX = 8_000;
/** No single item takes more than this share of the transcript (a huge command output is cut in the middle). */
const ITEM_SHARE = 0.25;
/** Times the transcript is halved after the server says the request is too long. */
const MAX_OVERFLOW_RETRIES = 4;
/** Below this, a transcript says too little to summarize: give up rather than write a note from nothing. */
const MIN_TRANSCRIPT_TOKENS = 256;

export interface CompactRequest {
  client: ModelClient;
  model: string;
  /**
   * The thread's whole log as it stands; what follows the latest compaction is summarized. Read again
   * once the summary is back, so a message the user typed meanwhile is kept rather than lost.
   */
  log(): readonly LoggedItem[];
  window: ModelContextWindow;
  trigger: ContextCompactionItem['trigger'];
  /** The estimated size of the request that would have been sent (for the record). */
  tokensBefore: number;
  /** Tokens the next request carries besides its conversation: instructions and tool definitions. */
  fixedTokens: number;
  retry: RetryPolicy;
  signal: AbortSignal;
  cacheKey?: string;
  onRetry(notice: RetryNotice): void;
  /** Called before each summary request is sent: what goes out, for the ledger. */
  onRequest(sent: { instructionsChars: number; transcriptChars: number; items: number; attempt: number }): void;
}

export interface CompactResult {
  item: ContextCompactionItem;
  usage: TokenUsage | null;
  /** Summary requests sent (1 + overflow retries). */
  requests: number;
}

/** Thrown when there is nothing to compact (the history is empty or was just compacted). */
export class NothingToCompact extends Error {}

export async function compactHistory(request: CompactRequest): Promise<CompactResult> {
  const started = Date.now();
  const { previous, items } = sinceLastCompaction(request.log());
  if (items.length === 0) throw new NothingToCompact('There is nothing new to compact since the last compaction.');

  const window = request.window.contextWindow;
  const outputRoom = Math.min(SUMMARY_OUTPUT_MAX, Math.floor(window * SUMMARY_OUTPUT_SHARE));
  const requestLimit = Math.min(Math.floor(window * request.window.threshold), window - outputRoom);
  const framing = estimateTextTokens(SUMMARY_INSTRUCTIONS) + estimateTextTokens(SUMMARY_REQUEST) + estimateTextTokens(TRANSCRIPT_HEADING) + 32;
  let budget = requestLimit - framing;

  for (let attempt = 1; ; attempt += 1) {
    if (budget < MIN_TRANSCRIPT_TOKENS) {
      throw new ModelError('contextLength', `The context window of ${request.model} (${window.toLocaleString('en-US')} tokens) is too small to summarize the conversation in.`, { retryable: false });
    }
    const transcript = buildTranscript(previous, items, budget);
    request.onRequest({ instructionsChars: SUMMARY_INSTRUCTIONS.length, transcriptChars: transcript.text.length, items: transcript.included, attempt });
    try {
      const { text, usage } = await summarize(request, transcript.text);
      const now = sinceLastCompaction(request.log());
      const keptUserMessages = keptMessages(now.previous, now.items, window);
      const item: ContextCompactionItem = {
        type: 'contextCompaction',
        id: newItemId(),
        summary: text,
        keptUserMessages,
        replacedItems: now.items.length,
        droppedItems: items.length - transcript.included,
        tokensBefore: request.tokensBefore,
        tokensAfter: 0,
        trigger: request.trigger,
        durationMs: 0,
      };
      item.tokensAfter = request.fixedTokens + estimateConversationTokens(compactedHistory(item));
      item.durationMs = Date.now() - started;
      return { item, usage, requests: attempt };
    } catch (error) {
      const overflow = error instanceof ModelError && error.kind === 'contextLength';
      if (!overflow || attempt > MAX_OVERFLOW_RETRIES || request.signal.aborted) throw error;
      // Our estimate was low for this server: send half as much history.
      budget = Math.floor(Math.min(budget, estimateTextTokens(transcript.text)) / 2);
    }
  }
}

/**
 * The newest items whose blocks fit `budget` tokens, oldest first, after the previous note (kept first:
 * it stands for everything before it). `included` counts the items whose blocks made it in.
 */
export function buildTranscript(previous: ContextCompactionItem | null, items: readonly LoggedItem[], budget: number): { text: string; included: number } {
  const perItem = Math.max(64, Math.floor(budget * ITEM_SHARE));
  const head: string[] = [];
  let used = 0;
  if (previous) {
    const block = transcriptBlock(previous, perItem * 2)!;
    const cost = estimateTextTokens(block);
    if (cost <= budget / 2) {
      head.push(block);
      used += cost;
    }
  }
  const blocks: string[] = [];
  let included = 0;
  for (let i = items.length - 1; i >= 0; i -= 1) {
    const block = transcriptBlock(items[i]!.item, perItem);
    if (block === null) {
      included += 1;
      continue;
    }
    const cost = estimateTextTokens(block) + 2;
    if (used + cost > budget) break;
    blocks.push(block);
    used += cost;
    included += 1;
  }
  blocks.reverse();
  return { text: [TRANSCRIPT_HEADING, ...head, ...blocks].join('\n\n'), included };
}

/** The user's most recent messages (typed ones, not the earlier note), newest kept first within the bounds. */
export function keptMessages(previous: ContextCompactionItem | null, items: readonly LoggedItem[], window: number): string[] {
  const all = [
    ...(previous?.keptUserMessages ?? []),
    ...items.filter((l): l is LoggedItem & { item: UserMessageItem } => l.item.type === 'userMessage').map((l) => l.item.text),
  ].filter((t) => t.trim() !== '');
  const budget = Math.min(KEPT_USER_TOKENS_MAX, Math.floor(window * KEPT_USER_SHARE));
  const kept: string[] = [];
  let used = 0;
  for (let i = all.length - 1; i >= 0 && kept.length < MAX_KEPT_USER_MESSAGES; i -= 1) {
    const text = all[i]!;
    const cost = estimateTextTokens(text);
    if (used + cost <= budget) {
      kept.push(text);
      used += cost;
    } else {
      // The newest message always stays (it is usually the task), cut in the middle if it must be.
      if (kept.length === 0) kept.push(cap(text, budget));
      break;
    }
  }
  return kept.reverse();
}

async function summarize(request: CompactRequest, transcript: string): Promise<{ text: string; usage: TokenUsage | null }> {
  const input: ConversationEntry[] = [
    { kind: 'user', text: transcript, images: [] },
    { kind: 'user', text: SUMMARY_REQUEST, images: [] },
  ];
  const texts = new Map<string, string>();
  let usage: TokenUsage | null = null;
  let completed = false;
  const events = streamWithRetries(
    request.client,
    { model: request.model, instructions: SUMMARY_INSTRUCTIONS, input, tools: [], ...(request.cacheKey ? { cacheKey: request.cacheKey } : {}), signal: request.signal },
    request.retry,
    request.onRetry,
  );
  for await (const event of events) {
    if (event.type === 'text.delta') texts.set(event.id, (texts.get(event.id) ?? '') + event.delta);
    else if (event.type === 'text.done') texts.set(event.id, event.text);
    else if (event.type === 'completed') {
      completed = true;
      usage = event.usage;
    }
  }
  if (request.signal.aborted) throw new ModelError('internal', 'The compaction was stopped.', { retryable: false });
  if (!completed) throw new ModelError('streamCut', 'The model server ended the summary before it was complete.', { retryable: false });
  const text = [...texts.values()].join('\n\n').trim();
  if (!text) throw new ModelError('modelFailed', 'The model returned an empty summary, so the conversation was not compacted.', { retryable: false });
  return { text, usage };
}
