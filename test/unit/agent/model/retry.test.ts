import { describe, expect, it } from 'vitest';
import { ModelError } from '../../../../electron/core/agent/model/errors';
import { retryDelayMs, streamWithRetries, type RetryNotice, type RetryPolicy } from '../../../../electron/core/agent/model/retry';
import type { ModelClient, ModelEvent, ModelRequest } from '../../../../electron/core/agent/model/types';

const POLICY: RetryPolicy = { maxRetries: 3, baseDelayMs: 5, maxDelayMs: 40, maxRetryAfterMs: 1_000, jitter: 0.2 };

/** A model client that plays one scripted outcome per call: events, then optionally an error. */
function scripted(calls: { events?: ModelEvent[]; error?: ModelError }[]): ModelClient & { calls: number } {
  const client = {
    wireApi: 'chat' as const,
    calls: 0,
    async *stream(): AsyncGenerator<ModelEvent> {
      const call = calls[client.calls++];
      if (!call) throw new Error('no more scripted calls');
      for (const event of call.events ?? []) yield event;
      if (call.error) throw call.error;
    },
  };
  return client;
}

function request(signal = new AbortController().signal): ModelRequest {
  return { model: 'm', instructions: '', input: [], tools: [], signal };
}

async function collect(client: ModelClient, req = request(), policy = POLICY) {
  const notices: RetryNotice[] = [];
  const events: ModelEvent[] = [];
  let error: unknown = null;
  try {
    for await (const e of streamWithRetries(client, req, policy, (n) => notices.push(n))) events.push(e);
  } catch (e) {
    error = e;
  }
  return { notices, events, error };
}

const retryable = (kind: 'server' | 'network' = 'server', retryAfterMs: number | null = null) =>
  new ModelError(kind, `${kind} trouble`, { retryable: true, retryAfterMs });
const done: ModelEvent = { type: 'completed', usage: null };

describe('retryDelayMs', () => {
  it('doubles from the base, capped, with jitter inside ±jitter', () => {
    const policy: RetryPolicy = { maxRetries: 5, baseDelayMs: 500, maxDelayMs: 3_000, maxRetryAfterMs: 60_000, jitter: 0.2 };
    expect(retryDelayMs(policy, 1, null, () => 0.5)).toBe(500);
    expect(retryDelayMs(policy, 2, null, () => 0.5)).toBe(1000);
    expect(retryDelayMs(policy, 3, null, () => 0.5)).toBe(2000);
    expect(retryDelayMs(policy, 4, null, () => 0.5)).toBe(3000);
    expect(retryDelayMs(policy, 1, null, () => 0)).toBe(400);
    expect(retryDelayMs(policy, 1, null, () => 1)).toBe(600);
  });

  it('uses Retry-After as given when the server sends one', () => {
    expect(retryDelayMs(POLICY, 1, 2_500)).toBe(2_500);
    expect(retryDelayMs(POLICY, 3, 0)).toBe(0);
  });
});

describe('streamWithRetries', () => {
  it('retries failures that happen before the first event, announcing each retry', async () => {
    const client = scripted([{ error: retryable() }, { error: retryable('network') }, { events: [done] }]);
    const { notices, events, error } = await collect(client);
    expect(error).toBeNull();
    expect(events).toEqual([done]);
    expect(notices.map((n) => [n.attempt, n.maxRetries, n.error.kind])).toEqual([
      [1, 3, 'server'],
      [2, 3, 'network'],
    ]);
  });

  it('never retries once something has streamed', async () => {
    const client = scripted([{ events: [{ type: 'text.started', id: 't' }], error: retryable() }, { events: [done] }]);
    const { notices, error } = await collect(client);
    expect(notices).toEqual([]);
    expect(error).toBeInstanceOf(ModelError);
    expect(client.calls).toBe(1);
  });

  it('never retries what cannot succeed on retry', async () => {
    const client = scripted([{ error: new ModelError('auth', 'bad key', { retryable: false }) }]);
    const { error, notices } = await collect(client);
    expect((error as ModelError).kind).toBe('auth');
    expect(notices).toEqual([]);
  });

  it('gives up after maxRetries, saying so', async () => {
    const client = scripted(Array.from({ length: 4 }, () => ({ error: retryable() })));
    const { error, notices } = await collect(client);
    expect(notices).toHaveLength(3);
    expect(client.calls).toBe(4);
    expect((error as ModelError).message).toBe('server trouble Gave up after 3 retries.');
    expect((error as ModelError).retryable).toBe(false);
  });

  it('waits what Retry-After asks, and refuses to wait longer than the policy allows', async () => {
    const ok = scripted([{ error: retryable('server', 30) }, { events: [done] }]);
    const t0 = performance.now();
    const { notices } = await collect(ok);
    expect(notices[0]!.delayMs).toBe(30);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(25);

    const tooLong = scripted([{ error: retryable('server', 5_000) }]);
    const { error } = await collect(tooLong);
    expect((error as ModelError).message).toMatch(/asked to wait 5 s before trying again/);
  });

  it('an abort during the backoff ends the stream quietly', async () => {
    const controller = new AbortController();
    const client = scripted([{ error: retryable('server', 10_000) }, { events: [done] }]);
    const policy = { ...POLICY, maxRetryAfterMs: 60_000 };
    setTimeout(() => controller.abort(), 20);
    const t0 = performance.now();
    const { events, error } = await collect(client, request(controller.signal), policy);
    expect(performance.now() - t0).toBeLessThan(1_000);
    expect(events).toEqual([]);
    expect(error).toBeNull();
    expect(client.calls).toBe(1);
  });
});
