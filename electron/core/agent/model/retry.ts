/**
 * Retries for model calls, done here rather than in the SDK (which is built with maxRetries: 0) so each
 * retry can be shown as "retrying 2/5". Exponential backoff with jitter; Retry-After wins when the server
 * sends it. A call is retried only while nothing of it has reached the user: once an item has started
 * streaming, a failure ends the turn with an error item instead of replaying output already shown.
 */
import { ModelError } from './errors';
import type { ModelClient, ModelEvent, ModelRequest } from './types';

export interface RetryPolicy {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** Delay before the first retry; doubles each time. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited for: the turn fails and says when to try again. */
  maxRetryAfterMs: number;
  /** ± fraction of random spread on each backoff delay, so many clients do not retry in lockstep. */
  jitter: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 5,
  baseDelayMs: 500,
  maxDelayMs: 20_000,
  maxRetryAfterMs: 120_000,
  jitter: 0.2,
};

export interface RetryNotice {
  /** 1-based number of the retry about to happen. */
  attempt: number;
  maxRetries: number;
  delayMs: number;
  error: ModelError;
}

/** How long to wait before retry number `attempt` (1-based). */
export function retryDelayMs(policy: RetryPolicy, attempt: number, retryAfterMs: number | null, random: () => number = Math.random): number {
  if (retryAfterMs !== null) return Math.round(retryAfterMs);
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  const spread = 1 + policy.jitter * (2 * random() - 1);
  return Math.max(0, Math.round(Math.min(policy.maxDelayMs, exponential * spread)));
}

/**
 * Streams one model call, retrying retryable failures that happen before the first event. Errors come
 * out as ModelError; when the request's signal aborts, the stream simply ends.
 */
export async function* streamWithRetries(
  client: ModelClient,
  request: ModelRequest,
  policy: RetryPolicy,
  onRetry: (notice: RetryNotice) => void,
  /** Called before each request is sent (1-based), e.g. to record it in the ledger. */
  onAttempt: (attempt: number) => void = () => undefined,
): AsyncGenerator<ModelEvent> {
  for (let attempt = 0; ; attempt += 1) {
    let yielded = false;
    onAttempt(attempt + 1);
    try {
      for await (const event of client.stream(request)) {
        yielded = true;
        yield event;
      }
      return;
    } catch (error) {
      if (request.signal.aborted) return;
      const failure = error instanceof ModelError ? error : new ModelError('internal', String(error), { retryable: false, cause: error });
      if (yielded || !failure.retryable) throw failure;
      if (attempt >= policy.maxRetries) throw exhausted(failure, policy.maxRetries);
      const retryAfter = failure.retryAfterMs;
      if (retryAfter !== null && retryAfter > policy.maxRetryAfterMs) {
        throw new ModelError(failure.kind, `${failure.message} The server asked to wait ${Math.ceil(retryAfter / 1000)} s before trying again.`, {
          retryable: false,
          httpStatus: failure.httpStatus,
        });
      }
      const delayMs = retryDelayMs(policy, attempt + 1, retryAfter);
      onRetry({ attempt: attempt + 1, maxRetries: policy.maxRetries, delayMs, error: failure });
      await sleep(delayMs, request.signal);
      if (request.signal.aborted) return;
    }
  }
}

function exhausted(error: ModelError, retries: number): ModelError {
  if (retries === 0) return error;
  return new ModelError(error.kind, `${error.message} Gave up after ${retries} ${retries === 1 ? 'retry' : 'retries'}.`, {
    retryable: false,
    httpStatus: error.httpStatus,
    cause: error,
  });
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
