/**
 * Chat Completions (most OpenAI-compatible servers: Ollama, LM Studio, vLLM, OpenRouter) as a ModelClient.
 * Tool calls arrive in pieces keyed by index and are handed on whole once the choice finishes. Reasoning
 * text, where a server streams it (`reasoning_content` as vLLM, Ollama and DeepSeek do, or `reasoning`),
 * becomes a reasoning item; it is not sent back, as those servers expect.
 */
import type OpenAI from 'openai';
import type {
  ChatCompletionChunk,
  ChatCompletionContentPart,
  ChatCompletionCreateParamsStreaming,
  ChatCompletionMessageParam,
} from 'openai/resources/chat/completions';
import type { TokenUsage } from '../../../../shared/contract';
import { classifyRequestError, classifyStreamError, isAbort, ModelError, streamEndedEarly } from './errors';
import type { ConversationEntry, ModelClient, ModelEvent, ModelRequest } from './types';

const TEXT_ID = 'text';
const REASONING_ID = 'reasoning';

export class ChatModelClient implements ModelClient {
  readonly wireApi = 'chat' as const;

  constructor(private readonly sdk: OpenAI) {}

  async *stream(request: ModelRequest): AsyncGenerator<ModelEvent> {
    let stream: AsyncIterable<ChatCompletionChunk>;
    try {
      stream = await this.sdk.chat.completions.create(chatBody(request), { signal: request.signal });
    } catch (error) {
      if (isAbort(error, request.signal)) return;
      throw classifyRequestError(error);
    }

    const reader = new ChatStreamReader();
    try {
      for await (const chunk of stream) yield* reader.read(chunk);
    } catch (error) {
      if (isAbort(error, request.signal)) return;
      throw classifyStreamError(error);
    }
    if (request.signal.aborted) return;
    yield* reader.finish();
  }
}

export function chatBody(request: ModelRequest): ChatCompletionCreateParamsStreaming {
  return {
    model: request.model,
    messages: [{ role: 'system', content: request.instructions }, ...toChatMessages(request.input)],
    ...(request.tools.length
      ? {
          tools: request.tools.map((tool) => ({
            type: 'function' as const,
            function: { name: tool.name, description: tool.description, parameters: tool.parameters },
          })),
          tool_choice: 'auto' as const,
        }
      : {}),
    stream: true,
    stream_options: { include_usage: true },
  };
}

export function toChatMessages(entries: readonly ConversationEntry[]): ChatCompletionMessageParam[] {
  const messages: ChatCompletionMessageParam[] = [];
  for (const entry of entries) {
    switch (entry.kind) {
      case 'user': {
        if (entry.images.length === 0) {
          messages.push({ role: 'user', content: entry.text });
          break;
        }
        const content: ChatCompletionContentPart[] = [
          ...(entry.text ? [{ type: 'text' as const, text: entry.text }] : []),
          ...entry.images.map((image) => ({ type: 'image_url' as const, image_url: { url: image.dataUrl } })),
        ];
        messages.push({ role: 'user', content });
        break;
      }
      case 'assistant':
        if (!entry.text && entry.toolCalls.length === 0) break; // reasoning only: nothing to send back
        messages.push({
          role: 'assistant',
          content: entry.text || null,
          ...(entry.toolCalls.length
            ? {
                tool_calls: entry.toolCalls.map((call) => ({
                  id: call.callId,
                  type: 'function' as const,
                  function: { name: call.name, arguments: call.arguments },
                })),
              }
            : {}),
        });
        break;
      case 'toolResult':
        messages.push({ role: 'tool', tool_call_id: entry.callId, content: entry.output });
        // Tool messages carry text only: an image the model asked to see follows as a user message.
        if (entry.images.length) {
          messages.push({ role: 'user', content: entry.images.map((image) => ({ type: 'image_url' as const, image_url: { url: image.dataUrl } })) });
        }
        break;
    }
  }
  return messages;
}

interface PartialCall {
  id: string;
  name: string;
  arguments: string;
}

class ChatStreamReader {
  private text: string | null = null;
  private reasoning: string | null = null;
  private reasoningDone = false;
  private readonly calls = new Map<number, PartialCall>();
  private finishReason: string | null = null;
  private usage: TokenUsage | null = null;

  *read(chunk: ChatCompletionChunk): Generator<ModelEvent> {
    if (chunk.usage) this.usage = toUsage(chunk.usage);
    const choice = chunk.choices?.[0];
    if (!choice) return;
    const delta = choice.delta as ChatCompletionChunk.Choice.Delta & { reasoning_content?: string | null; reasoning?: string | null };

    const thinking = delta.reasoning_content ?? delta.reasoning;
    if (typeof thinking === 'string' && thinking !== '' && !this.reasoningDone) {
      if (this.reasoning === null) {
        this.reasoning = '';
        yield { type: 'reasoning.started', id: REASONING_ID };
      }
      this.reasoning += thinking;
      yield { type: 'reasoning.delta', id: REASONING_ID, index: 0, delta: thinking };
    }

    if (typeof delta.content === 'string' && delta.content !== '') {
      yield* this.closeReasoning();
      if (this.text === null) {
        this.text = '';
        yield { type: 'text.started', id: TEXT_ID };
      }
      this.text += delta.content;
      yield { type: 'text.delta', id: TEXT_ID, delta: delta.content };
    }

    for (const piece of delta.tool_calls ?? []) {
      yield* this.closeReasoning();
      const call = this.calls.get(piece.index) ?? { id: '', name: '', arguments: '' };
      if (piece.id) call.id = piece.id;
      if (piece.function?.name) call.name += piece.function.name;
      if (piece.function?.arguments) call.arguments += piece.function.arguments;
      this.calls.set(piece.index, call);
    }

    if (choice.finish_reason) this.finishReason = choice.finish_reason;
  }

  *finish(): Generator<ModelEvent> {
    if (this.finishReason === null) throw streamEndedEarly();
    yield* this.closeReasoning();
    if (this.text !== null) yield { type: 'text.done', id: TEXT_ID, text: this.text };
    if (this.finishReason === 'length') {
      throw new ModelError('truncated', 'The reply was cut off: the model reached its output token limit.', { retryable: false });
    }
    if (this.finishReason === 'content_filter') {
      throw new ModelError('modelFailed', "The model's reply was withheld by the server's content filter.", { retryable: false });
    }
    const ordered = [...this.calls.entries()].sort(([a], [b]) => a - b);
    for (const [index, call] of ordered) {
      if (!call.name) throw new ModelError('malformedStream', `The model server sent tool call #${index} without a name.`, { retryable: false });
      yield { type: 'toolCall', call: { callId: call.id || `call_${index}_${Date.now().toString(36)}`, name: call.name, arguments: call.arguments || '{}' } };
    }
    yield { type: 'completed', usage: this.usage };
  }

  private *closeReasoning(): Generator<ModelEvent> {
    if (this.reasoning === null || this.reasoningDone) return;
    this.reasoningDone = true;
    yield { type: 'reasoning.done', id: REASONING_ID, summary: [this.reasoning], replay: null };
  }
}

function toUsage(usage: NonNullable<ChatCompletionChunk['usage']>): TokenUsage {
  return {
    inputTokens: usage.prompt_tokens ?? 0,
    cachedInputTokens: usage.prompt_tokens_details?.cached_tokens ?? 0,
    outputTokens: usage.completion_tokens ?? 0,
    reasoningOutputTokens: usage.completion_tokens_details?.reasoning_tokens ?? 0,
    totalTokens: usage.total_tokens ?? (usage.prompt_tokens ?? 0) + (usage.completion_tokens ?? 0),
  };
}
