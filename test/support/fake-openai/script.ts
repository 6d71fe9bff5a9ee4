// The scripting vocabulary of the fake OpenAI server: what a test queues up, one step per model request.
//
//   server.script([
//     { responses: { text: 'Hello' } },                                   // only a POST /v1/responses may take it
//     { chat: { toolCalls: [{ name: 'shell', arguments: { cmd: 'ls' } }] } }, // only POST /v1/chat/completions
//     { reply: { reasoning: ['Thinking…'], text: 'Done' } },              // either API
//     { status: 401 },                                                    // an OpenAI-style error body
//     { status: 429, headers: { 'retry-after': '1' } },
//     { malformedSse: true },                                             // a broken `data:` line mid-stream
//     { reply: { text: 'Hi' }, cutAfterEvents: 3 },                       // the connection drops after 3 events
//     { reply: { text: 'Slow…' }, delayMsBetweenEvents: 200 },            // slow stream, for cancel tests
//   ]);
//
// Each model request (POST /v1/responses or /v1/chat/completions) that passes auth, the spec check and the
// model check takes the next step. GET /v1/models never takes a step.

/** One function (tool) call the model makes. */
export interface ScriptedToolCall {
  name: string;
  /** A JSON string as the model would send it, or an object that is serialized for you. */
  arguments: string | Record<string, unknown>;
  /** The call id the client must answer with; generated when absent. */
  callId?: string;
}

/** Token counts reported in usage; any count left out is estimated from the request and reply sizes. */
export interface ScriptedUsage {
  inputTokens?: number;
  outputTokens?: number;
  reasoningTokens?: number;
  cachedTokens?: number;
}

/** What the model "says" in one turn. Output order is reasoning, then text, then tool calls. */
export interface ModelReply {
  /** Assistant text; streamed in word-sized deltas. */
  text?: string;
  /**
   * Reasoning summary parts. Responses: a reasoning item with one summary part each.
   * Chat Completions has no reasoning in OpenAI's API; like vLLM, Ollama and DeepSeek the fake then sends
   * them as `delta.reasoning_content` (non-streaming: `message.reasoning_content`).
   */
  reasoning?: string[];
  toolCalls?: ScriptedToolCall[];
  usage?: ScriptedUsage;
  /**
   * The reply was cut short by the output token limit: Responses ends with `response.incomplete`
   * (reason max_output_tokens), Chat Completions with finish_reason `length`.
   */
  truncated?: boolean;
  /**
   * The model fails after producing its output. Responses: `response.failed` (non-streaming: a failed
   * response object). Chat Completions: an `{ error }` object in the stream (non-streaming: a 500).
   */
  failure?: { code: 'server_error' | 'rate_limit_exceeded' | 'invalid_prompt'; message: string };
}

/** How a streamed reply is delivered. Ignored for non-streaming requests except `malformedSse`. */
export interface StreamShaping {
  /** Pause between SSE events, e.g. to give a test time to cancel mid-stream. */
  delayMsBetweenEvents?: number;
  /** Stop after this many events. */
  cutAfterEvents?: number;
  /**
   * How the stream stops at `cutAfterEvents`: `reset` drops the TCP connection mid-response (the client
   * sees a network error); `eof` ends the response cleanly but without the final event. Default `reset`.
   */
  cutMode?: 'reset' | 'eof';
  /** Send a `data:` line that is not JSON after `malformedAfterEvents` events (default 2), then end. */
  malformedSse?: boolean;
  malformedAfterEvents?: number;
}

/** Answer a model request with a model turn. Give at most one of `reply`, `responses`, `chat`. */
export interface ReplyStep extends StreamShaping {
  /** A reply for whichever API is called. */
  reply?: ModelReply;
  /** A reply only a Responses request may take; a Chat Completions request arriving first is a violation. */
  responses?: ModelReply;
  /** A reply only a Chat Completions request may take. */
  chat?: ModelReply;
  /** Wait this long before sending the response headers (for client timeout tests). */
  delayMsBeforeResponse?: number;
}

/** The shape of OpenAI's error objects: `{ "error": { message, type, param, code } }`. */
export interface OpenAIErrorObject {
  message: string;
  type: string;
  param: string | null;
  code: string | null;
}

/** Answer a model request with an HTTP error. */
export interface ErrorStep {
  status: number;
  /** Fields to override in the default OpenAI-style error body for this status. */
  error?: Partial<OpenAIErrorObject>;
  /** A raw body instead of the OpenAI error shape (e.g. a local server's plain-text error). */
  body?: string;
  headers?: Record<string, string>;
  delayMsBeforeResponse?: number;
}

export type ScriptStep = ReplyStep | ErrorStep;

export type ModelApi = 'responses' | 'chat';

export function isErrorStep(step: ScriptStep): step is ErrorStep {
  return 'status' in step && typeof step.status === 'number';
}

/** The reply a step gives for `api`, or why it cannot be used for that API. */
export function replyFor(step: ReplyStep, api: ModelApi): { reply: ModelReply } | { mismatch: string } {
  if (step.responses && api !== 'responses') return { mismatch: 'the next scripted step is for the Responses API' };
  if (step.chat && api !== 'chat') return { mismatch: 'the next scripted step is for the Chat Completions API' };
  return { reply: step.reply ?? step.responses ?? step.chat ?? { text: DEFAULT_REPLY_TEXT } };
}

/** What a reply step without any reply says (e.g. `{ malformedSse: true }`). */
export const DEFAULT_REPLY_TEXT = 'Hello from the fake OpenAI server.';

/** Throws on a step that cannot mean anything, so a typo in a test fails loudly at script() time. */
export function assertValidStep(step: ScriptStep, index: number): void {
  const where = `script step ${index}`;
  if (isErrorStep(step)) {
    if (!Number.isInteger(step.status) || step.status < 400 || step.status > 599) {
      throw new Error(`${where}: status must be an HTTP error status (400–599), got ${step.status}`);
    }
    for (const key of ['reply', 'responses', 'chat', 'malformedSse', 'cutAfterEvents'] as const) {
      if (key in step) throw new Error(`${where}: an error step (status) cannot also have "${key}"`);
    }
    return;
  }
  const replies = [step.reply, step.responses, step.chat].filter((r) => r !== undefined);
  if (replies.length > 1) throw new Error(`${where}: give only one of reply, responses and chat`);
  if (step.cutAfterEvents !== undefined && (!Number.isInteger(step.cutAfterEvents) || step.cutAfterEvents < 0)) {
    throw new Error(`${where}: cutAfterEvents must be a non-negative integer`);
  }
  for (const call of replies[0]?.toolCalls ?? []) {
    if (!call.name) throw new Error(`${where}: a tool call needs a name`);
  }
}
