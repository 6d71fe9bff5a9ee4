// Builds what OpenAI's Responses API sends for a scripted reply: the response object, and for streaming
// the exact event sequence the `openai` SDK's strict `responses.stream()` accumulator accepts:
//
//   response.created → response.in_progress →
//   per output item: response.output_item.added → (item-specific events) → response.output_item.done →
//   response.completed | response.incomplete | response.failed (carrying the full response with usage)
//
// Item-specific events: reasoning → reasoning_summary_part.added / reasoning_summary_text.delta… / .done /
// reasoning_summary_part.done; message → content_part.added / output_text.delta… / output_text.done /
// content_part.done; function_call → function_call_arguments.delta… / function_call_arguments.done.
import { estimateTokens, fixedPieces, type IdSource, unixSeconds, wordPieces } from './ids';
import type { ModelReply } from './script';

type Json = Record<string, unknown>;

/** Fields of the request that the response object echoes back, as OpenAI does. */
const ECHOED_REQUEST_FIELDS = [
  'instructions',
  'max_output_tokens',
  'max_tool_calls',
  'previous_response_id',
  'reasoning',
  'store',
  'text',
  'tool_choice',
  'tools',
  'temperature',
  'top_p',
  'truncation',
  'parallel_tool_calls',
  'metadata',
  'service_tier',
  'prompt_cache_key',
  'safety_identifier',
  'background',
] as const;

const ARGUMENT_PIECE_CHARS = 8;

export interface ResponsesTurn {
  /** The response as the non-streaming API returns it (and as response.completed carries it). */
  response: Json;
  /** The stream events in order, each with its sequence_number. */
  events: Json[];
}

export function buildResponsesTurn(request: Json, reply: ModelReply, ids: IdSource): ResponsesTurn {
  const createdAt = unixSeconds();
  const base: Json = {
    id: ids.id('resp'),
    object: 'response',
    created_at: createdAt,
    status: 'in_progress',
    completed_at: null,
    background: false,
    error: null,
    incomplete_details: null,
    instructions: null,
    max_output_tokens: null,
    max_tool_calls: null,
    model: typeof request['model'] === 'string' ? request['model'] : 'unknown',
    output: [],
    parallel_tool_calls: true,
    previous_response_id: null,
    reasoning: { effort: null, summary: null },
    service_tier: 'default',
    store: true,
    temperature: 1,
    text: { format: { type: 'text' }, verbosity: 'medium' },
    tool_choice: 'auto',
    tools: [],
    top_p: 1,
    truncation: 'disabled',
    metadata: {},
  };
  for (const field of ECHOED_REQUEST_FIELDS) {
    if (request[field] !== undefined) base[field] = request[field];
  }

  const events: Json[] = [];
  const emit = (type: string, fields: Json) => events.push({ type, sequence_number: events.length, ...fields });
  const snapshot = (extra: Json = {}): Json => structuredClone({ ...base, ...extra });

  emit('response.created', { response: snapshot() });
  emit('response.in_progress', { response: snapshot() });

  const output: Json[] = [];
  const addItem = (started: Json, stream: (outputIndex: number, itemId: string) => Json) => {
    const outputIndex = output.length;
    const itemId = started['id'] as string;
    emit('response.output_item.added', { output_index: outputIndex, item: started });
    const done = stream(outputIndex, itemId);
    emit('response.output_item.done', { output_index: outputIndex, item: done });
    output.push(done);
  };

  const itemStatus = reply.truncated ? 'incomplete' : 'completed';

  if (reply.reasoning?.length) {
    const parts = reply.reasoning;
    addItem({ id: ids.id('rs'), type: 'reasoning', summary: [] }, (output_index, item_id) => {
      parts.forEach((text, summary_index) => {
        const at = { item_id, output_index, summary_index };
        emit('response.reasoning_summary_part.added', { ...at, part: { type: 'summary_text', text: '' } });
        for (const delta of wordPieces(text)) emit('response.reasoning_summary_text.delta', { ...at, delta });
        emit('response.reasoning_summary_text.done', { ...at, text });
        emit('response.reasoning_summary_part.done', { ...at, part: { type: 'summary_text', text } });
      });
      return { id: item_id, type: 'reasoning', summary: parts.map((text) => ({ type: 'summary_text', text })) };
    });
  }

  const text = reply.text ?? '';
  if (text !== '' || !reply.toolCalls?.length) {
    const id = ids.id('msg');
    addItem({ id, type: 'message', status: 'in_progress', role: 'assistant', content: [] }, (output_index, item_id) => {
      const at = { item_id, output_index, content_index: 0 };
      emit('response.content_part.added', { ...at, part: outputText('') });
      for (const delta of wordPieces(text)) emit('response.output_text.delta', { ...at, delta, logprobs: [] });
      emit('response.output_text.done', { ...at, text, logprobs: [] });
      emit('response.content_part.done', { ...at, part: outputText(text) });
      return { id: item_id, type: 'message', status: itemStatus, role: 'assistant', content: [outputText(text)] };
    });
  }

  for (const call of reply.toolCalls ?? []) {
    const args = typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments);
    const callId = call.callId ?? ids.id('call');
    const started = { id: ids.id('fc'), type: 'function_call', status: 'in_progress', arguments: '', call_id: callId, name: call.name };
    addItem(started, (output_index, item_id) => {
      for (const delta of fixedPieces(args, ARGUMENT_PIECE_CHARS)) {
        emit('response.function_call_arguments.delta', { item_id, output_index, delta });
      }
      emit('response.function_call_arguments.done', { item_id, output_index, name: call.name, arguments: args });
      return { ...started, status: itemStatus, arguments: args };
    });
  }

  const usage = usageFor(request, reply);
  let final: Json;
  if (reply.failure) {
    final = snapshot({ status: 'failed', error: { ...reply.failure }, output, usage });
    emit('response.failed', { response: final });
  } else if (reply.truncated) {
    final = snapshot({ status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' }, output, usage });
    emit('response.incomplete', { response: final });
  } else {
    final = snapshot({ status: 'completed', completed_at: unixSeconds(), output, usage });
    emit('response.completed', { response: final });
  }
  // The non-streaming API returns the same object the final event carries.
  return { response: final, events };
}

function outputText(text: string): Json {
  return { type: 'output_text', annotations: [], logprobs: [], text };
}

function usageFor(request: Json, reply: ModelReply): Json {
  const scripted = reply.usage ?? {};
  const reasoningTokens = scripted.reasoningTokens ?? (reply.reasoning ? estimateTokens(reply.reasoning.join('')) : 0);
  const inputTokens = scripted.inputTokens ?? estimateTokens([request['instructions'], request['input']]);
  const outputTokens =
    scripted.outputTokens ?? estimateTokens((reply.text ?? '') + JSON.stringify(reply.toolCalls ?? [])) + reasoningTokens;
  return {
    input_tokens: inputTokens,
    input_tokens_details: { cached_tokens: scripted.cachedTokens ?? 0, cache_write_tokens: 0 },
    output_tokens: outputTokens,
    output_tokens_details: { reasoning_tokens: reasoningTokens },
    total_tokens: inputTokens + outputTokens,
  };
}
