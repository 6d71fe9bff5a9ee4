/**
 * The Responses API (OpenAI's default) as a ModelClient. Stateless: every call sends the whole
 * conversation (`store: false`), so a thread survives restarts and works against any server that speaks
 * the API. Reasoning models are asked for summaries and their encrypted reasoning, which goes back on
 * the next call so the model keeps its train of thought across tool calls.
 *
 * The raw event stream is read (not the SDK's strict `responses.stream()` helper), tolerating servers
 * that skip `output_item.added` or send text without content-part events.
 */
import type OpenAI from 'openai';
import type {
  ResponseCreateParamsStreaming,
  ResponseInputItem,
  ResponseOutputItem,
  ResponseStreamEvent,
  ResponseUsage,
} from 'openai/resources/responses/responses';
import type { TokenUsage } from '../../../../shared/contract';
import { classifyRequestError, classifyStreamError, isAbort, ModelError, modelFailure, streamEndedEarly } from './errors';
import type { ConversationEntry, ModelClient, ModelEvent, ModelRequest } from './types';

export class ResponsesModelClient implements ModelClient {
  readonly wireApi = 'responses' as const;

  constructor(private readonly sdk: OpenAI) {}

  async *stream(request: ModelRequest): AsyncGenerator<ModelEvent> {
    let stream: AsyncIterable<ResponseStreamEvent>;
    try {
      stream = await this.sdk.responses.create(responsesBody(request), { signal: request.signal });
    } catch (error) {
      if (isAbort(error, request.signal)) return;
      throw classifyRequestError(error);
    }

    const reader = new ResponsesStreamReader();
    try {
      for await (const event of stream) {
        yield* reader.read(event);
        if (reader.finished) break;
      }
    } catch (error) {
      if (isAbort(error, request.signal)) return;
      throw classifyStreamError(error);
    }
    if (request.signal.aborted) return;
    if (!reader.finished) throw streamEndedEarly();
  }
}

/** Models that take `reasoning` options (summaries, encrypted reasoning): OpenAI's o-series and gpt-5 family. */
export function isReasoningModel(model: string): boolean {
  return /^(o\d|gpt-5|codex-)/i.test(model.replace(/^openai\//i, ''));
}

export function responsesBody(request: ModelRequest): ResponseCreateParamsStreaming {
  const reasoning = isReasoningModel(request.model);
  return {
    model: request.model,
    instructions: request.instructions,
    input: toResponsesInput(request.input),
    tools: request.tools.map((tool) => ({
      type: 'function' as const,
      name: tool.name,
      description: tool.description,
      parameters: tool.parameters,
      strict: false,
    })),
    tool_choice: 'auto',
    parallel_tool_calls: false,
    store: false,
    stream: true,
    ...(reasoning ? { reasoning: { summary: 'auto' as const }, include: ['reasoning.encrypted_content' as const] } : {}),
    ...(request.cacheKey ? { prompt_cache_key: request.cacheKey } : {}),
  };
}

export function toResponsesInput(entries: readonly ConversationEntry[]): ResponseInputItem[] {
  const input: ResponseInputItem[] = [];
  for (const entry of entries) {
    switch (entry.kind) {
      case 'user':
        // Plain text as a string (the simplest form every server takes); a list only with images.
        input.push({
          type: 'message',
          role: 'user',
          content: entry.images.length
            ? [
                ...(entry.text ? [{ type: 'input_text' as const, text: entry.text }] : []),
                ...entry.images.map((image) => ({ type: 'input_image' as const, image_url: image.dataUrl, detail: 'auto' as const })),
              ]
            : entry.text,
        });
        break;
      case 'assistant':
        for (const r of entry.reasoning) {
          input.push({
            type: 'reasoning',
            id: r.id,
            summary: r.summary.map((text) => ({ type: 'summary_text' as const, text })),
            encrypted_content: r.encryptedContent,
          });
        }
        if (entry.text) input.push({ type: 'message', role: 'assistant', content: entry.text });
        for (const call of entry.toolCalls) {
          input.push({ type: 'function_call', call_id: call.callId, name: call.name, arguments: call.arguments });
        }
        break;
      case 'toolResult':
        input.push({
          type: 'function_call_output',
          call_id: entry.callId,
          output: entry.images.length
            ? [
                { type: 'input_text' as const, text: entry.output },
                ...entry.images.map((image) => ({ type: 'input_image' as const, image_url: image.dataUrl, detail: 'auto' as const })),
              ]
            : entry.output,
        });
        break;
    }
  }
  return input;
}

/** Turns raw Responses stream events into ModelEvents, keeping per-item state. */
class ResponsesStreamReader {
  finished = false;
  /** Item ids by output index, for servers that leave `item_id` out of deltas. */
  private readonly ids = new Map<number, string>();
  private readonly startedText = new Map<string, string>();
  private readonly startedReasoning = new Map<string, string[]>();

  *read(event: ResponseStreamEvent): Generator<ModelEvent> {
    switch (event.type) {
      case 'response.output_item.added': {
        const id = this.idOf(event.item.id, event.output_index);
        if (event.item.type === 'message') yield* this.startText(id);
        else if (event.item.type === 'reasoning') yield* this.startReasoning(id);
        return;
      }
      case 'response.output_text.delta': {
        const id = this.idOf(event.item_id, event.output_index);
        yield* this.startText(id);
        this.startedText.set(id, (this.startedText.get(id) ?? '') + event.delta);
        yield { type: 'text.delta', id, delta: event.delta };
        return;
      }
      case 'response.reasoning_summary_text.delta': {
        const id = this.idOf(event.item_id, event.output_index);
        yield* this.startReasoning(id);
        const parts = this.startedReasoning.get(id)!;
        parts[event.summary_index] = (parts[event.summary_index] ?? '') + event.delta;
        yield { type: 'reasoning.delta', id, index: event.summary_index, delta: event.delta };
        return;
      }
      case 'response.output_item.done':
        yield* this.finishItem(event.item, event.output_index);
        return;
      case 'response.completed':
        this.finished = true;
        yield { type: 'completed', usage: toUsage(event.response.usage) };
        return;
      case 'response.incomplete': {
        const reason = event.response.incomplete_details?.reason ?? 'unknown';
        throw new ModelError(
          'truncated',
          reason === 'max_output_tokens'
            ? 'The reply was cut off: the model reached its output token limit.'
            : `The model stopped before finishing its reply (${reason}).`,
          { retryable: false },
        );
      }
      case 'response.failed':
        throw modelFailure(event.response.error?.code, event.response.error?.message);
      case 'error':
        throw modelFailure(event.code, event.message);
      default:
        return;
    }
  }

  private *finishItem(item: ResponseOutputItem, outputIndex: number): Generator<ModelEvent> {
    const id = this.idOf(item.id, outputIndex);
    if (item.type === 'message') {
      const fromParts = item.content.map((part) => (part.type === 'output_text' ? part.text : part.refusal)).join('');
      const text = fromParts || this.startedText.get(id) || '';
      yield* this.startText(id);
      yield { type: 'text.done', id, text };
    } else if (item.type === 'reasoning') {
      const summary = item.summary.length ? item.summary.map((s) => s.text) : (this.startedReasoning.get(id) ?? []);
      yield* this.startReasoning(id);
      const replay = item.encrypted_content && item.id ? { id: item.id, encryptedContent: item.encrypted_content } : null;
      yield { type: 'reasoning.done', id, summary: summary.filter((s) => s !== undefined), replay };
    } else if (item.type === 'function_call') {
      yield { type: 'toolCall', call: { callId: item.call_id, name: item.name, arguments: item.arguments } };
    }
  }

  private *startText(id: string): Generator<ModelEvent> {
    if (this.startedText.has(id)) return;
    this.startedText.set(id, '');
    yield { type: 'text.started', id };
  }

  private *startReasoning(id: string): Generator<ModelEvent> {
    if (this.startedReasoning.has(id)) return;
    this.startedReasoning.set(id, []);
    yield { type: 'reasoning.started', id };
  }

  private idOf(itemId: string | undefined | null, outputIndex: number | undefined): string {
    if (itemId) {
      if (outputIndex !== undefined) this.ids.set(outputIndex, itemId);
      return itemId;
    }
    const known = outputIndex !== undefined ? this.ids.get(outputIndex) : undefined;
    return known ?? `output-${outputIndex ?? 0}`;
  }
}

function toUsage(usage: ResponseUsage | undefined | null): TokenUsage | null {
  if (!usage) return null;
  return {
    inputTokens: usage.input_tokens ?? 0,
    cachedInputTokens: usage.input_tokens_details?.cached_tokens ?? 0,
    outputTokens: usage.output_tokens ?? 0,
    reasoningOutputTokens: usage.output_tokens_details?.reasoning_tokens ?? 0,
    totalTokens: usage.total_tokens ?? (usage.input_tokens ?? 0) + (usage.output_tokens ?? 0),
  };
}
