/**
 * "Test connection": one real, tiny model request with the config the user is looking at, and a plain
 * sentence about what happened. A successful GET /models would prove little (many servers answer it
 * without auth, and it says nothing about the model or the wire API), so this asks the model itself for
 * a few tokens through the same API the agent will use.
 */
import OpenAI from 'openai';
import type { ConnectionTestKind, ConnectionTestResult, ProviderKind, WireApi } from '../../../shared/contract';
import { createModelClient, OPENAI_API_BASE_URL } from './client';

export interface ConnectionTestConfig {
  /** undefined means OpenAI's own endpoint. */
  baseUrl: string | undefined;
  apiKey: string | null;
  model: string;
  wireApi: WireApi;
  kind: ProviderKind;
}

/** Long enough for a cold local model to load its first token, short enough for a person to wait. */
export const CONNECTION_TEST_TIMEOUT_MS = 15_000;

/** OpenAI's smallest allowed max_output_tokens; enough for "ok", and cheap. */
const PROBE_MAX_TOKENS = 16;
const PROBE_PROMPT = 'Reply with the single word: ok';

const API_NAMES: Record<WireApi, string> = { responses: 'Responses', chat: 'Chat Completions' };

export async function testConnection(
  cfg: ConnectionTestConfig,
  opts: { timeoutMs?: number } = {},
): Promise<ConnectionTestResult> {
  if (cfg.kind === 'openai' && !cfg.apiKey) {
    return result('no_key', 'Add your OpenAI API key, then test the connection again.', null, 0);
  }
  const baseUrl = cfg.baseUrl ?? OPENAI_API_BASE_URL;
  if (!isHttpUrl(baseUrl)) {
    return result('unreachable', `"${baseUrl}" is not an http(s) URL; enter one like http://127.0.0.1:11434/v1.`, null, 0);
  }
  if (cfg.model.trim() === '') {
    return result('model_not_found', 'Enter a model name, then test the connection again.', null, 0);
  }

  const timeoutMs = opts.timeoutMs ?? CONNECTION_TEST_TIMEOUT_MS;
  const client = createModelClient({ baseUrl, apiKey: cfg.apiKey, timeoutMs, maxRetries: 0 });
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const abort = new AbortController();
    const request = cfg.wireApi === 'responses' ? probeResponses(client, cfg, abort.signal) : probeChat(client, cfg, abort.signal);
    // The raw response, not the SDK's parsed object: the SDK's post-processing throws a confusing
    // TypeError on a body that is not an API object (an HTML page at a wrong URL), and that case deserves
    // its own answer. HTTP errors still arrive as the SDK's APIError.
    const response = await request.asResponse();
    const body = await readJson(response, Math.max(timeoutMs - elapsed(), 1), abort);
    const latencyMs = elapsed();
    if (!answersLike(body, cfg.wireApi)) {
      return result(
        'wrong_api',
        `${baseUrl} answered, but not like an OpenAI-compatible ${API_NAMES[cfg.wireApi]} API; check the base URL or switch the wire API to ${API_NAMES[otherApi(cfg.wireApi)]}.`,
        response.status,
        latencyMs,
      );
    }
    return result('ok', `Connected: ${cfg.model} answered through the ${API_NAMES[cfg.wireApi]} API in ${latencyMs} ms.`, response.status, latencyMs);
  } catch (error) {
    return classifyFailure(error, { ...cfg, baseUrl, timeoutMs }, elapsed());
  }
}

function probeResponses(client: OpenAI, cfg: ConnectionTestConfig, signal: AbortSignal) {
  // store: false keeps test pings out of the user's stored responses on OpenAI.
  return client.responses.create(
    { model: cfg.model, input: PROBE_PROMPT, max_output_tokens: PROBE_MAX_TOKENS, store: false },
    { signal },
  );
}

function probeChat(client: OpenAI, cfg: ConnectionTestConfig, signal: AbortSignal) {
  const messages: OpenAI.ChatCompletionMessageParam[] = [{ role: 'user', content: PROBE_PROMPT }];
  // OpenAI's reasoning models refuse max_tokens; many local servers only know max_tokens.
  return cfg.kind === 'openai'
    ? client.chat.completions.create({ model: cfg.model, messages, max_completion_tokens: PROBE_MAX_TOKENS }, { signal })
    : client.chat.completions.create({ model: cfg.model, messages, max_tokens: PROBE_MAX_TOKENS }, { signal });
}

/**
 * The body as JSON, or undefined when it is not JSON. The SDK's timeout ends at the response headers, so
 * a body that stalls gets the rest of the time budget, then counts as a timeout and the request is aborted.
 */
async function readJson(response: Response, timeoutMs: number, abort: AbortController): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  const stalled = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      abort.abort();
      reject(new OpenAI.APIConnectionTimeoutError());
    }, timeoutMs);
  });
  try {
    const text = await Promise.race([response.text(), stalled]);
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return undefined;
    }
  } finally {
    clearTimeout(timer);
  }
}

/** A server at the wrong URL can answer 200 with an HTML page or its own error object. */
function answersLike(body: unknown, api: WireApi): boolean {
  if (body === null || typeof body !== 'object') return false;
  const record = body as Record<string, unknown>;
  return api === 'responses' ? Array.isArray(record['output']) : Array.isArray(record['choices']);
}

interface FailureContext extends ConnectionTestConfig {
  baseUrl: string;
  timeoutMs: number;
}

function classifyFailure(error: unknown, ctx: FailureContext, latencyMs: number): ConnectionTestResult {
  // Timeout first: it is a subclass of APIConnectionError.
  if (error instanceof OpenAI.APIConnectionTimeoutError) {
    return result(
      'unreachable',
      `${ctx.baseUrl} did not answer within ${formatDuration(ctx.timeoutMs)}; check that the server is running and the URL is right.`,
      null,
      latencyMs,
    );
  }
  if (error instanceof OpenAI.APIConnectionError) {
    return result('unreachable', unreachableMessage(ctx.baseUrl, networkFailure(error)), null, latencyMs);
  }
  if (!(error instanceof OpenAI.APIError) || error.status === undefined) {
    // A connection that breaks while the body is read fails outside the SDK, as fetch's own error.
    const failure = networkFailure(error);
    if (failure.code) return result('unreachable', unreachableMessage(ctx.baseUrl, failure), null, latencyMs);
    const detail = error instanceof Error ? error.message : String(error);
    return result('unknown', `The test request failed before reaching the server: ${detail}.`, null, latencyMs);
  }

  const status = error.status;
  const serverMessage = serverMessageOf(error);
  const api = API_NAMES[ctx.wireApi];
  const host = hostOf(ctx.baseUrl);

  if (isModelNotFound(error, status, serverMessage, ctx.model)) {
    const hint = new URL(ctx.baseUrl).port === '11434' ? `run "ollama pull ${ctx.model}" or pick a model the server has` : 'check the model name';
    return result('model_not_found', `The model "${ctx.model}" was not found at ${host}; ${hint}.`, status, latencyMs);
  }
  if (status === 401) {
    const message = ctx.apiKey
      ? 'The API key was rejected (401); check that it is complete and has not been revoked.'
      : `${host} requires an API key (401); enter one and test again.`;
    return result('bad_key', message, status, latencyMs);
  }
  if (status === 403) {
    return result('forbidden', `${host} refused access (403)${said(serverMessage)}; check what this key is allowed to use.`, status, latencyMs);
  }
  if (status === 404 || status === 405) {
    const message = `${ctx.baseUrl} has no ${api} endpoint (${status}); switch the wire API to ${API_NAMES[otherApi(ctx.wireApi)]}, or check that the base URL ends in /v1.`;
    return result('wrong_api', message, status, latencyMs);
  }
  if (status === 429) {
    const message =
      error.code === 'insufficient_quota'
        ? 'The account has no quota left (429 insufficient_quota); check its plan and billing, then try again.'
        : `${host} is rate limiting requests (429); wait a moment and try again.`;
    return result('rate_limited', message, status, latencyMs);
  }
  if (status >= 500) {
    return result('server_error', `${host} had an internal error (${status})${said(serverMessage)}; try again in a moment.`, status, latencyMs);
  }
  return result('unknown', `${host} rejected the test request (${status})${said(serverMessage)}.`, status, latencyMs);
}

function said(serverMessage: string): string {
  return serverMessage ? `: ${serverMessage}` : '';
}

/**
 * OpenAI says model_not_found in `code` (a 400 from the Responses API, a 404 from Chat Completions);
 * other servers only say it in words: Ollama 'model "x" not found, try pulling it first' (404),
 * DeepSeek 'Model Not Exist' (400).
 */
function isModelNotFound(error: InstanceType<typeof OpenAI.APIError>, status: number, message: string, model: string): boolean {
  if (error.code === 'model_not_found') return true;
  if (status !== 404 && status !== 400) return false;
  const aboutMissingModel = /model/i.test(message) && /not (be )?found|(does ?n[o’']t|not) exist|no such|unknown model|not available/i.test(message);
  // A 404 naming the model is about the model, not the endpoint; a 400 may echo it for other reasons.
  return aboutMissingModel || (status === 404 && message.includes(model));
}

function unreachableMessage(baseUrl: string, { code, detail }: NetworkFailure): string {
  switch (code) {
    case 'ECONNREFUSED':
      return `Nothing is listening at ${baseUrl} (connection refused); start the server or fix the URL.`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `The host in ${baseUrl} could not be found; check the URL and your network.`;
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return `${baseUrl} closed the connection without answering; check that it is an OpenAI-compatible server.`;
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return `Connecting to ${baseUrl} timed out; check the URL and that the server is running.`;
    default:
      if (code && /CERT|SSL|TLS|SELF_SIGNED/i.test(code)) {
        return `The TLS certificate of ${baseUrl} was not accepted (${code}); check the URL or the server's certificate.`;
      }
      // No system code: fetch's own reason (e.g. "bad port" for ports browsers refuse) is the best we have.
      return `Could not reach ${baseUrl}${code || detail ? ` (${code ?? detail})` : ''}; check the URL and that the server is running.`;
  }
}

interface NetworkFailure {
  /** The system or undici error code, e.g. ECONNREFUSED. */
  code?: string;
  /** The innermost error message, for failures without a code. */
  detail?: string;
}

/** What is behind a fetch failure: the SDK wraps fetch's TypeError, which wraps the real cause. */
function networkFailure(error: unknown): NetworkFailure {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  let detail: string | undefined;
  while (queue.length > 0) {
    const current = queue.shift();
    if (current === null || typeof current !== 'object' || seen.has(current)) continue;
    seen.add(current);
    const record = current as { code?: unknown; cause?: unknown; errors?: unknown; message?: unknown };
    if (typeof record.code === 'string' && record.code !== '') return { code: record.code };
    if (typeof record.message === 'string' && record.message !== '') detail = record.message;
    queue.push(record.cause);
    // Connecting to a host with several addresses fails with an AggregateError of per-address errors.
    if (Array.isArray(record.errors)) queue.push(...(record.errors as unknown[]));
  }
  return detail ? { detail } : {};
}

/** What the server said, without the SDK's "404 " prefix, cut to one short sentence. */
function serverMessageOf(error: InstanceType<typeof OpenAI.APIError>): string {
  const body: unknown = error.error;
  let text: string;
  if (typeof body === 'string') text = body;
  else if (body && typeof body === 'object' && typeof (body as { message?: unknown }).message === 'string') {
    text = (body as { message: string }).message;
  } else text = error.message.replace(/^\d{3}\s+/, '').replace(/^status code \(no body\)$/, '');
  const flat = text.replace(/\s+/g, ' ').trim().replace(/[.\s]+$/, '');
  return flat.length > 160 ? `${flat.slice(0, 157)}…` : flat;
}

function formatDuration(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}

function hostOf(baseUrl: string): string {
  return new URL(baseUrl).host;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

function otherApi(api: WireApi): WireApi {
  return api === 'responses' ? 'chat' : 'responses';
}

function result(kind: ConnectionTestKind, message: string, httpStatus: number | null, latencyMs: number): ConnectionTestResult {
  return { ok: kind === 'ok', kind, message, httpStatus, latencyMs };
}
