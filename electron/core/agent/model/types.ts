/**
 * The model seam: one request shape and one stream of events, whichever wire API carries them. The turn
 * loop talks only in these terms; responses-client.ts and chat-client.ts translate to and from the wire.
 */
import type { ModelToolCall, TokenUsage } from '../../../../shared/contract';

/** An image for the model, already read from disk. */
export interface ImageInput {
  /** `data:image/png;base64,…` */
  dataUrl: string;
}

/** The conversation as the model sees it, independent of the wire API. */
export type ConversationEntry =
  | { kind: 'user'; text: string; images: ImageInput[] }
  /** One model call's output: optional reasoning, text, and the tool calls it made. */
  | {
      kind: 'assistant';
      text: string;
      reasoning: { id: string; summary: string[]; encryptedContent: string }[];
      toolCalls: ModelToolCall[];
    }
  /** What a tool call returned: the text the model reads, and any images it asked to see (view_image). */
  | { kind: 'toolResult'; callId: string; output: string; images: ImageInput[] };

/** A function tool as the model is told about it. */
export interface ToolDefinition {
  name: string;
  description: string;
  /** JSON Schema of the arguments object. */
  parameters: Record<string, unknown>;
}

export interface ModelRequest {
  model: string;
  instructions: string;
  input: ConversationEntry[];
  tools: ToolDefinition[];
  /** Lets the server reuse its prompt cache across the calls of one thread. */
  cacheKey?: string;
  signal: AbortSignal;
}

/**
 * What a model call streams. Text and reasoning come as started → delta* → done per output item, each
 * with an id local to the call; tool calls arrive whole once their arguments are complete; `completed`
 * is always last on success.
 */
export type ModelEvent =
  | { type: 'text.started'; id: string }
  | { type: 'text.delta'; id: string; delta: string }
  | { type: 'text.done'; id: string; text: string }
  | { type: 'reasoning.started'; id: string }
  | { type: 'reasoning.delta'; id: string; index: number; delta: string }
  | { type: 'reasoning.done'; id: string; summary: string[]; replay: { id: string; encryptedContent: string } | null }
  | { type: 'toolCall'; call: ModelToolCall }
  | { type: 'completed'; usage: TokenUsage | null };

export interface ModelClient {
  readonly wireApi: 'responses' | 'chat';
  /** Streams one model call. Throws ModelError; ends quietly (without `completed`) when the signal aborts. */
  stream(request: ModelRequest): AsyncIterable<ModelEvent>;
}
