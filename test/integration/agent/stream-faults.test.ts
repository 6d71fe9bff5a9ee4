// What a user sees when the model server misbehaves: each fault ends in the right items (a retry shown as
// "retrying n/N", an error item that says what happened, the text streamed so far kept), and the user's
// message is never lost.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AgentItem, ErrorItem, WireApi } from '../../../shared/contract';
import { startFakeOpenAI, type FakeOpenAIServer } from '../../support/fake-openai';
import { AgentHarness, FAST_RETRY } from './support/agent-harness';

let fake: FakeOpenAIServer;
let harness: AgentHarness | null = null;

beforeAll(async () => {
  fake = await startFakeOpenAI();
  return () => fake.close();
});

afterEach(async () => {
  await harness?.close();
  harness = null;
  fake.assertNoViolations();
  fake.reset();
});

const PROMPT = 'Explain the build script';

function start(wireApi: WireApi = 'responses', retry = FAST_RETRY): AgentHarness {
  harness = AgentHarness.start({ fake, wireApi, retry });
  return harness;
}

function lastError(items: AgentItem[]): ErrorItem {
  const error = items.at(-1);
  if (error?.type !== 'error') throw new Error(`the last item is ${error?.type}, not an error`);
  return error;
}

function expectUserMessageFirst(items: AgentItem[]): void {
  expect(items[0]).toMatchObject({ type: 'userMessage', text: PROMPT });
}

describe.each<WireApi>(['responses', 'chat'])('stream faults over the %s API', (wireApi) => {
  it('429 then success: waits as Retry-After says, shows the retry, then answers', async () => {
    const h = start(wireApi);
    fake.script([{ status: 429, headers: { 'retry-after': '1' } }, { reply: { text: 'All good.' } }]);
    const t0 = performance.now();
    const turn = await h.run(PROMPT);
    const elapsed = performance.now() - t0;

    expect(turn.status).toBe('completed');
    expect(elapsed).toBeGreaterThanOrEqual(950);
    const retries = h.eventsNamed<{ attempt: number; maxRetries: number; delayMs: number; reason: string }>('turn.retrying');
    expect(retries).toEqual([expect.objectContaining({ attempt: 1, maxRetries: FAST_RETRY.maxRetries, delayMs: 1000 })]);
    expect(retries[0]!.reason).toMatch(/rate limiting.*429/);
    expect(h.items().map((i) => i.type)).toEqual(['userMessage', 'agentMessage']);
    expectUserMessageFirst(h.items());
  });

  it('500s until the retries run out: an error item, the thread marked failed', async () => {
    const h = start(wireApi);
    fake.script(Array.from({ length: FAST_RETRY.maxRetries + 1 }, () => ({ status: 500 })));
    const turn = await h.run(PROMPT);

    expect(turn.status).toBe('failed');
    expect(turn.error?.kind).toBe('server');
    expect(fake.requests.filter((r) => r.endpoint === wireApi)).toHaveLength(FAST_RETRY.maxRetries + 1);
    expect(h.eventsNamed<{ attempt: number }>('turn.retrying').map((r) => r.attempt)).toEqual([1, 2, 3]);
    // Every request that went out is in the ledger, retries included.
    expect(h.store.ledger.list().map((e) => e.purpose).sort()).toEqual(['agent-turn', 'agent-turn-retry', 'agent-turn-retry', 'agent-turn-retry']);
    const items = h.items();
    expectUserMessageFirst(items);
    const error = lastError(items);
    expect(error).toMatchObject({ kind: 'server', httpStatus: 500 });
    expect(error.message).toMatch(/model server failed \(500\).*Gave up after 3 retries/s);
    expect(h.status()).toBe('failed');
  });

  it('a malformed SSE event before any output is retried', async () => {
    const h = start(wireApi);
    fake.script([{ malformedSse: true, malformedAfterEvents: 1, reply: { text: 'ignored' } }, { reply: { text: 'Second time lucky.' } }]);
    const turn = await h.run(PROMPT);
    expect(turn.status).toBe('completed');
    expect(h.eventsNamed<{ reason: string }>('turn.retrying')[0]?.reason).toMatch(/not valid JSON/);
    expect(h.items().at(-1)).toMatchObject({ type: 'agentMessage', text: 'Second time lucky.' });
  });

  it('a malformed SSE event mid-reply: the text so far kept, then an error item', async () => {
    const h = start(wireApi);
    // Responses: created, in_progress, item added, part added, "Alpha " … ; Chat: role chunk, "Alpha " …
    fake.script([{ malformedSse: true, malformedAfterEvents: wireApi === 'responses' ? 6 : 3, reply: { text: 'Alpha beta gamma delta epsilon' } }]);
    const turn = await h.run(PROMPT);

    expect(turn.status).toBe('failed');
    const items = h.items();
    expectUserMessageFirst(items);
    expect(items.map((i) => i.type)).toEqual(['userMessage', 'agentMessage', 'error']);
    expect((items[1] as { text: string }).text).toBe('Alpha beta');
    expect(lastError(items).kind).toBe('malformedStream');
    expect(h.eventsNamed('turn.retrying')).toHaveLength(0);
  });

  it('a stream cut mid-item (connection reset): partial text kept, a streamCut error', async () => {
    const h = start(wireApi);
    fake.script([{ cutAfterEvents: wireApi === 'responses' ? 6 : 3, reply: { text: 'One two three four five' } }]);
    const turn = await h.run(PROMPT);

    expect(turn.status).toBe('failed');
    const items = h.items();
    expectUserMessageFirst(items);
    expect(items.map((i) => i.type)).toEqual(['userMessage', 'agentMessage', 'error']);
    expect((items[1] as { text: string }).text).toBe('One two');
    expect(lastError(items)).toMatchObject({ kind: 'streamCut' });
    expect(lastError(items).message).toMatch(/dropped in the middle of the reply/);
  });

  it('a stream that ends cleanly but early (no final event): a streamCut error', async () => {
    const h = start(wireApi);
    fake.script([{ cutAfterEvents: wireApi === 'responses' ? 6 : 3, cutMode: 'eof', reply: { text: 'One two three four five' } }]);
    const turn = await h.run(PROMPT);
    expect(turn.status).toBe('failed');
    expect(lastError(h.items())).toMatchObject({ kind: 'streamCut' });
    expect(lastError(h.items()).message).toMatch(/ended the stream before the reply was complete/);
    expectUserMessageFirst(h.items());
  });

  it('a slow stream, then cancel: stops at once, keeps what streamed, thread idle', async () => {
    const h = start(wireApi);
    const words = Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ');
    fake.script([{ delayMsBetweenEvents: 100, reply: { text: words } }]);
    const { done } = h.start(PROMPT);
    await h.waitForEvent<{ delta: { kind: string } }>('item.delta', (p) => p.delta.kind === 'text');
    const t0 = performance.now();
    expect(h.agent.service.interrupt(h.threadId)).toBe(true);
    const turn = await done;

    expect(performance.now() - t0).toBeLessThan(1000);
    expect(turn.status).toBe('interrupted');
    expect(h.status()).toBe('idle');
    const items = h.items();
    expectUserMessageFirst(items);
    expect(items.map((i) => i.type)).toEqual(['userMessage', 'agentMessage']);
    const partial = (items[1] as { text: string }).text;
    expect(partial.startsWith('word0')).toBe(true);
    expect(partial.length).toBeLessThan(words.length);
    await expect.poll(() => fake.requests.at(-1)?.clientAborted).toBe(true);
  });
});

describe('errors that retrying cannot fix', () => {
  it('401: one request, an auth error item', async () => {
    const h = start();
    fake.script([{ status: 401 }]);
    const turn = await h.run(PROMPT);
    expect(turn.status).toBe('failed');
    expect(fake.requests).toHaveLength(1);
    expect(lastError(h.items())).toMatchObject({ kind: 'auth', httpStatus: 401 });
    expect(lastError(h.items()).message).toMatch(/refused the API key \(401\): Incorrect API key/);
    expectUserMessageFirst(h.items());
  });

  it('403: a forbidden error item', async () => {
    const h = start('chat');
    fake.script([{ status: 403 }]);
    await h.run(PROMPT);
    expect(lastError(h.items())).toMatchObject({ kind: 'forbidden', httpStatus: 403 });
  });

  it('400: a bad request error item with the server message', async () => {
    const h = start();
    fake.script([{ status: 400, error: { message: "Invalid value for 'tool_choice'." } }]);
    await h.run(PROMPT);
    expect(lastError(h.items())).toMatchObject({ kind: 'badRequest', httpStatus: 400 });
    expect(lastError(h.items()).message).toContain("Invalid value for 'tool_choice'.");
  });

  it('context length exceeded: says so and what to do', async () => {
    const h = start();
    fake.script([
      {
        status: 400,
        error: {
          message: "This model's maximum context length is 128000 tokens. However, your messages resulted in 130512 tokens.",
          code: 'context_length_exceeded',
          param: 'input',
        },
      },
    ]);
    const turn = await h.run(PROMPT);
    expect(turn.error?.kind).toBe('contextLength');
    expect(lastError(h.items()).message).toMatch(/no longer fits in the model's context window.*Start a new thread/s);
  });

  it('the model fails mid-response (response.failed): a modelFailed error, not retried', async () => {
    const h = start();
    fake.script([{ reply: { text: 'Partial', failure: { code: 'invalid_prompt', message: 'The prompt was flagged.' } } }]);
    await h.run(PROMPT);
    expect(lastError(h.items())).toMatchObject({ kind: 'modelFailed' });
    expect(lastError(h.items()).message).toContain('The prompt was flagged.');
  });

  it('an unreachable server: network retries, then a network error', async () => {
    const h = start('chat', { ...FAST_RETRY, maxRetries: 1 });
    await fake.close();
    try {
      const turn = await h.run(PROMPT);
      expect(turn.error?.kind).toBe('network');
      expect(lastError(h.items()).message).toMatch(/Could not reach the model server \(connection refused\)/);
      expect(h.eventsNamed('turn.retrying')).toHaveLength(1);
    } finally {
      fake = await startFakeOpenAI();
    }
  });
});
