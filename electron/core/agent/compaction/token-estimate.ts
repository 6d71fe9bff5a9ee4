/**
 * A tokenizer-free estimate of how many tokens a request takes. Text counts as its JSON-escaped UTF-8
 * size over four (about right for English prose, a little generous for code, and it counts the escaping
 * of newlines and quotes the wire adds), plus a few tokens of framing per entry; an image counts as a
 * fixed amount, as providers bill images by size, not by the length of their data URL. Erring high is the
 * point: the estimate decides when to compact, and compacting a little early is harmless where sending
 * a request the model cannot take is not.
 */
import type { ConversationEntry, ToolDefinition } from '../model/types';

const BYTES_PER_TOKEN = 4;
/** Role markers, ids and separators the wire adds around each entry. */
const ENTRY_OVERHEAD_TOKENS = 8;
/** What OpenAI bills a detailed 1024×1024 image, rounded up; local servers charge less. */
export const IMAGE_TOKENS = 1_000;

const encoder = new TextEncoder();

export function estimateTextTokens(text: string): number {
  if (!text) return 0;
  // JSON.stringify counts the escapes (\n, \") the request body carries.
  return Math.ceil(encoder.encode(JSON.stringify(text)).length / BYTES_PER_TOKEN);
}

export function estimateEntryTokens(entry: ConversationEntry): number {
  let tokens = ENTRY_OVERHEAD_TOKENS;
  switch (entry.kind) {
    case 'user':
      tokens += estimateTextTokens(entry.text) + entry.images.length * IMAGE_TOKENS;
      break;
    case 'assistant':
      tokens += estimateTextTokens(entry.text);
      for (const call of entry.toolCalls) tokens += ENTRY_OVERHEAD_TOKENS + estimateTextTokens(call.name) + estimateTextTokens(call.arguments) + estimateTextTokens(call.callId);
      // Encrypted reasoning goes back to the server, which counts the reasoning it stands for.
      for (const r of entry.reasoning) tokens += ENTRY_OVERHEAD_TOKENS + estimateTextTokens(r.summary.join('\n')) + estimateTextTokens(r.encryptedContent);
      break;
    case 'toolResult':
      tokens += estimateTextTokens(entry.output) + estimateTextTokens(entry.callId) + entry.images.length * IMAGE_TOKENS;
      break;
  }
  return tokens;
}

export function estimateConversationTokens(entries: readonly ConversationEntry[]): number {
  let tokens = 0;
  for (const entry of entries) tokens += estimateEntryTokens(entry);
  return tokens;
}

export function estimateToolTokens(tools: readonly ToolDefinition[]): number {
  return tools.length === 0 ? 0 : estimateTextTokens(JSON.stringify(tools));
}

/** Instructions + conversation + tool definitions: the whole request as the model will count it. */
export function estimateRequestTokens(request: { instructions: string; input: readonly ConversationEntry[]; tools: readonly ToolDefinition[] }): number {
  return estimateTextTokens(request.instructions) + estimateConversationTokens(request.input) + estimateToolTokens(request.tools);
}
