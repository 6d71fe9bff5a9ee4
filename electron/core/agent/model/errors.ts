/**
 * Every way a model call can fail, as one error with a kind, whether a retry can help, and a message a
 * user can act on. The SDK's error classes, fetch failures and parse errors are all folded in here, so
 * the turn loop and the retry policy never look at SDK internals.
 */
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import type { AgentErrorKind } from '../../../../shared/contract';

export class ModelError extends Error {
  override readonly name = 'ModelError';

  constructor(
    readonly kind: AgentErrorKind,
    message: string,
    readonly options: {
      /** Whether the same request may succeed if sent again. */
      retryable: boolean;
      httpStatus?: number | null;
      /** What the server asked us to wait (Retry-After), in ms. */
      retryAfterMs?: number | null;
      cause?: unknown;
    },
  ) {
    super(message, { cause: options.cause });
  }

  get retryable(): boolean {
    return this.options.retryable;
  }
  get httpStatus(): number | null {
    return this.options.httpStatus ?? null;
  }
  get retryAfterMs(): number | null {
    return this.options.retryAfterMs ?? null;
  }
}

/** The call was cancelled by us (interrupt, dispose); never shown as an error. */
export function isAbort(error: unknown, signal?: AbortSignal): boolean {
  if (signal?.aborted) return true;
  if (error instanceof APIUserAbortError) return true;
  return error instanceof Error && error.name === 'AbortError';
}

const CONTEXT_CODES = new Set(['context_length_exceeded', 'string_above_max_length']);
const CONTEXT_WORDS = /context[ _-]?(length|window)|maximum context|too many tokens|prompt is too long|exceeds the (model'?s )?context/i;

/** Classifies a failure of the HTTP request itself (before any stream event was read). */
export function classifyRequestError(error: unknown): ModelError {
  if (error instanceof ModelError) return error;
  if (error instanceof APIConnectionTimeoutError) {
    return new ModelError('network', 'The model server did not answer in time.', { retryable: true, cause: error });
  }
  if (error instanceof APIConnectionError) {
    const detail = describeCause(error);
    return new ModelError('network', `Could not reach the model server${detail ? ` (${detail})` : ''}.`, { retryable: true, cause: error });
  }
  if (error instanceof APIError) return classifyApiError(error);
  if (error instanceof SyntaxError) {
    return new ModelError('malformedStream', `The model server sent a reply that is not valid JSON (${error.message}).`, { retryable: true, cause: error });
  }
  return new ModelError('network', `The model request failed: ${error instanceof Error ? error.message : String(error)}`, { retryable: true, cause: error });
}

/**
 * Classifies a failure while reading the stream. An error object inside the stream is the model failing;
 * anything else (a reset, a fetch "terminated") means the connection dropped mid-response.
 */
export function classifyStreamError(error: unknown): ModelError {
  if (error instanceof ModelError) return error;
  if (error instanceof SyntaxError) {
    return new ModelError('malformedStream', 'The model server sent a stream event that is not valid JSON; the reply stopped there.', {
      retryable: true,
      cause: error,
    });
  }
  if (error instanceof APIError && error.status === undefined && !(error instanceof APIConnectionError)) {
    return modelFailure(errorCode(error), error.message);
  }
  if (error instanceof APIError && error.status !== undefined) return classifyApiError(error);
  const detail = error instanceof Error ? describeCause(error) || error.message : String(error);
  return new ModelError('streamCut', `The connection to the model server dropped in the middle of the reply (${detail}).`, {
    retryable: true,
    cause: error,
  });
}

/** A failure the model reported inside an otherwise healthy stream (`response.failed`, an `error` event). */
export function modelFailure(code: string | null | undefined, message: string | undefined): ModelError {
  const text = message?.trim() || 'no details given';
  if ((code && CONTEXT_CODES.has(code)) || CONTEXT_WORDS.test(text)) return contextLength(text, null);
  if (code === 'rate_limit_exceeded') {
    return new ModelError('rateLimited', `The model server is rate limiting requests: ${text}`, { retryable: true });
  }
  if (code === 'server_error' || code === 'server_is_overloaded' || code === 'vector_store_timeout') {
    return new ModelError('server', `The model failed while answering: ${text}`, { retryable: true });
  }
  return new ModelError('modelFailed', `The model failed while answering: ${text}`, { retryable: false });
}

export function streamEndedEarly(): ModelError {
  return new ModelError('streamCut', 'The model server ended the stream before the reply was complete.', { retryable: true });
}

function classifyApiError(error: APIError): ModelError {
  const status = error.status ?? null;
  const server = serverMessage(error);
  const code = errorCode(error);
  const base = { httpStatus: status, cause: error };
  switch (status) {
    case 400:
    case 413:
    case 422:
      if ((code && CONTEXT_CODES.has(code)) || CONTEXT_WORDS.test(server)) return contextLength(server, status);
      return new ModelError('badRequest', `The model server rejected the request (${status}): ${server}`, { ...base, retryable: false });
    case 401:
      return new ModelError(
        'auth',
        `The model server refused the API key (401): ${server} Check the key in Settings, or OPENAI_API_KEY for tandem exec.`,
        { ...base, retryable: false },
      );
    case 403:
      return new ModelError('forbidden', `The model server denied access (403): ${server}`, { ...base, retryable: false });
    case 404:
      return new ModelError('notFound', `The model server answered 404: ${server} Check the base URL and the model name.`, { ...base, retryable: false });
    case 408:
    case 409:
      return new ModelError('network', `The model server asked to try again (${status}): ${server}`, {
        ...base,
        retryable: true,
        retryAfterMs: retryAfterMs(error.headers),
      });
    case 429:
      if (code === 'insufficient_quota') {
        return new ModelError('rateLimited', `The account has no quota left (429): ${server}`, { ...base, retryable: false });
      }
      return new ModelError('rateLimited', `The model server is rate limiting requests (429): ${server}`, {
        ...base,
        retryable: true,
        retryAfterMs: retryAfterMs(error.headers),
      });
    default:
      if (status !== null && status >= 500) {
        return new ModelError('server', `The model server failed (${status}): ${server}`, {
          ...base,
          retryable: true,
          retryAfterMs: retryAfterMs(error.headers),
        });
      }
      return new ModelError('badRequest', `The model server rejected the request (${status ?? 'no status'}): ${server}`, { ...base, retryable: false });
  }
}

function contextLength(server: string, status: number | null): ModelError {
  return new ModelError(
    'contextLength',
    `The conversation no longer fits in the model's context window: ${server} Start a new thread, or continue with a shorter request.`,
    { retryable: false, httpStatus: status },
  );
}

/** The server's own words: the `error.message` of an OpenAI-style body, else the raw body, else the SDK message. */
function serverMessage(error: APIError): string {
  const body = error.error as { message?: unknown } | string | undefined;
  if (body && typeof body === 'object' && typeof body.message === 'string' && body.message.trim()) return ensureStop(body.message.trim());
  if (typeof body === 'string' && body.trim()) return ensureStop(body.trim().slice(0, 500));
  const message = error.message.replace(/^\d{3}\s*/, '').trim();
  return ensureStop(message || 'no details given');
}

function errorCode(error: APIError): string | null {
  if (error.code) return error.code;
  const body = error.error as { code?: unknown } | undefined;
  return body && typeof body === 'object' && typeof body.code === 'string' ? body.code : null;
}

function ensureStop(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

function describeCause(error: Error): string {
  let cause: unknown = error.cause;
  for (let depth = 0; cause instanceof Error && depth < 4; depth += 1) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code) return code === 'ECONNREFUSED' ? 'connection refused' : code;
    if (!cause.cause) return cause.message;
    cause = cause.cause;
  }
  return '';
}

/** Retry-After as the SDK reads it: `retry-after-ms`, else `retry-after` in seconds or as an HTTP date. */
export function retryAfterMs(headers: Headers | undefined, now = Date.now()): number | null {
  if (!headers) return null;
  const ms = headers.get('retry-after-ms');
  if (ms !== null && ms.trim() !== '' && Number.isFinite(Number(ms))) return Math.max(0, Number(ms));
  const value = headers.get('retry-after');
  if (value === null || value.trim() === '') return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}
