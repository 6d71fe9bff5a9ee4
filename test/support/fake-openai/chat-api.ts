// Builds what OpenAI's Chat Completions API sends for a scripted reply: the completion object, and for
// streaming the chunk sequence: a role chunk, content deltas, tool calls in pieces (the first piece of
// each call carries index, id, type and name; later pieces only index and a slice of the arguments),
// a chunk with finish_reason, an optional usage chunk (when the request asked with
// stream_options.include_usage), then `data: [DONE]` (written by the server).
import { estimateTokens, fixedPieces, type IdSource, unixSeconds, wordPieces } from './ids';
import type { ModelReply } from './script';

type Json = Record<string, unknown>;

const ARGUMENT_PIECE_CHARS = 8;
const SYSTEM_FINGERPRINT = 'fp_fake';

export interface ChatTurn {
  /** The body of a non-streaming response, or null when the reply is a failure (answered with a 500). */
  completion: Json | null;
  /** The stream chunks in order; the last is an `{ error }` object when the reply fails. */
  chunks: Json[];
}

interface NormalizedCall {
  id: string;
  name: string;
  arguments: string;
}

export function buildChatTurn(request: Json, reply: ModelReply, ids: IdSource): ChatTurn {
  const id = ids.id('chatcmpl');
  const created = unixSeconds();
  const model = typeof request['model'] === 'string' ? request['model'] : 'unknown';
  const streamOptions = request['stream_options'] as { include_usage?: boolean } | null | undefined;
  const includeUsage = streamOptions?.include_usage === true;
  const text = reply.text ?? '';
  const calls: NormalizedCall[] = (reply.toolCalls ?? []).map((call) => ({
    id: call.callId ?? ids.id('call'),
    name: call.name,
    arguments: typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments),
  }));
  const finishReason = reply.truncated ? 'length' : calls.length > 0 ? 'tool_calls' : 'stop';
  const usage = usageFor(request, reply);

  const chunks: Json[] = [];
  const chunk = (delta: Json, finish: string | null = null) =>
    chunks.push({
      id,
      object: 'chat.completion.chunk',
      created,
      model,
      service_tier: 'default',
      system_fingerprint: SYSTEM_FINGERPRINT,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
      // With include_usage, OpenAI sends `usage: null` on every chunk but the last.
      ...(includeUsage ? { usage: null } : {}),
    });

  chunk({ role: 'assistant', content: '', refusal: null });
  for (const piece of (reply.reasoning ?? []).flatMap((part) => wordPieces(part))) {
    chunk({ reasoning_content: piece });
  }
  for (const piece of wordPieces(text)) chunk({ content: piece });
  calls.forEach((call, index) => {
    chunk({ tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } }] });
    for (const piece of fixedPieces(call.arguments, ARGUMENT_PIECE_CHARS)) {
      chunk({ tool_calls: [{ index, function: { arguments: piece } }] });
    }
  });

  if (reply.failure) {
    chunks.push({ error: { message: reply.failure.message, type: 'server_error', param: null, code: reply.failure.code } });
    return { completion: null, chunks };
  }

  chunk({}, finishReason);
  if (includeUsage) {
    chunks.push({
      id,
      object: 'chat.completion.chunk',
      created,
      model,
      service_tier: 'default',
      system_fingerprint: SYSTEM_FINGERPRINT,
      choices: [],
      usage,
    });
  }

  const message: Json = {
    role: 'assistant',
    content: text === '' && calls.length > 0 ? null : text,
    refusal: null,
    annotations: [],
  };
  if (reply.reasoning?.length) message['reasoning_content'] = reply.reasoning.join('');
  if (calls.length > 0) {
    message['tool_calls'] = calls.map((call) => ({
      id: call.id,
      type: 'function',
      function: { name: call.name, arguments: call.arguments },
    }));
  }
  const completion: Json = {
    id,
    object: 'chat.completion',
    created,
    model,
    service_tier: 'default',
    system_fingerprint: SYSTEM_FINGERPRINT,
    choices: [{ index: 0, message, logprobs: null, finish_reason: finishReason }],
    usage,
  };
  return { completion, chunks };
}

function usageFor(request: Json, reply: ModelReply): Json {
  const scripted = reply.usage ?? {};
  const reasoningTokens = scripted.reasoningTokens ?? (reply.reasoning ? estimateTokens(reply.reasoning.join('')) : 0);
  const promptTokens = scripted.inputTokens ?? estimateTokens(request['messages']);
  const completionTokens =
    scripted.outputTokens ?? estimateTokens((reply.text ?? '') + JSON.stringify(reply.toolCalls ?? [])) + reasoningTokens;
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
    prompt_tokens_details: { cached_tokens: scripted.cachedTokens ?? 0, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: reasoningTokens,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}
