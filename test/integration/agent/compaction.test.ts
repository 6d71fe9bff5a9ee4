// Conversation compaction against the fake OpenAI server: a long scripted session in a small context
// window never sends a request over the window, compacts along the way, and the summary requests carry
// the task's key facts planted in its first turn. The thread then resumes from the compacted history after
// the agent is re-created on the same data folder; a summary request the server finds too long is sent
// again with less history; and `thread.compact` compacts on demand.
import { afterEach, describe, expect, it } from 'vitest';
import type { ContextCompactionItem, Turn, WireApi } from '../../../shared/contract';
import { saveContextWindow } from '../../../electron/core/agent/compaction/context-window';
import { createAgent } from '../../../electron/core/agent/create-agent';
import { ProviderService } from '../../../electron/core/provider/provider-service';
import { Store } from '../../../electron/core/store';
import { EventBus } from '../../../electron/core/transport/event-bus';
import { startFakeOpenAI, type FakeOpenAIServer } from '../../support/fake-openai';
import { AgentHarness, FAKE_KEY, FAKE_MODEL } from './support/agent-harness';
import { bodyTokens, ERROR_FACT, FACTS, FULL_ACCESS, PATH_FACT, ScriptedSession, userText } from './support/compaction-session';

let fake: FakeOpenAIServer | null = null;
let harness: AgentHarness | null = null;

afterEach(async () => {
  await harness?.close();
  harness = null;
  await fake?.close();
  fake = null;
});

async function startSession(window: number, wireApi: WireApi = 'responses'): Promise<{ session: ScriptedSession; h: AgentHarness; f: FakeOpenAIServer }> {
  const session = new ScriptedSession();
  fake = await startFakeOpenAI({ route: session.route });
  harness = AgentHarness.start({ fake, wireApi });
  saveContextWindow(harness.store, { model: FAKE_MODEL, contextWindow: window, threshold: null });
  return { session, h: harness, f: fake };
}

async function runTurns(session: ScriptedSession, h: AgentHarness, from: number, to: number): Promise<Turn[]> {
  const turns: Turn[] = [];
  for (let turn = from; turn <= to; turn += 1) {
    session.startTurn(turn);
    const done = await h.run(userText(turn), FULL_ACCESS);
    if (done.status !== 'completed') throw new Error(`turn ${turn} ended ${done.status}: ${done.error?.message}`);
    turns.push(done);
  }
  return turns;
}

const compactions = (h: AgentHarness) => h.items().filter((i): i is ContextCompactionItem => i.type === 'contextCompaction');

describe('conversation compaction', () => {
  it('keeps a 300-turn session in an 8k window, carries the key facts, and resumes after a restart', async () => {
    const WINDOW = 8_000;
    const { session, h, f } = await startSession(WINDOW);
    await runTurns(session, h, 1, 300);

    const modelRequests = f.requests.filter((r) => r.endpoint === 'responses');
    expect(modelRequests.length).toBeGreaterThanOrEqual(600);
    const largest = Math.max(...modelRequests.map((r) => bodyTokens(r.rawBody)));
    expect(largest).toBeLessThanOrEqual(WINDOW);

    const done = compactions(h);
    expect(done.length).toBeGreaterThan(5);
    expect(session.summaryRequests).toHaveLength(done.length);
    for (const item of done) {
      expect(item.trigger).toBe('auto');
      expect(item.tokensAfter).toBeLessThan(item.tokensBefore);
      expect(item.keptUserMessages.length).toBeGreaterThan(0);
    }
    // Every summary request — the last one 300 turns later included — still carries the first turn's facts.
    for (const request of session.summaryRequests) for (const fact of FACTS) expect(request).toContain(JSON.stringify(fact).slice(1, -1));
    // The history before the latest compaction is no longer sent.
    const lastBody = modelRequests.at(-1)!.rawBody;
    expect(lastBody).not.toContain('Step 2: check');
    expect(lastBody).toContain('Earlier parts of this conversation were compacted');
    f.assertNoViolations();

    // Restart: a new agent on the same data folder sends the compacted history, not the whole log.
    await h.agent.dispose();
    h.store.close();
    const store = Store.open(h.dataDir);
    const events = new EventBus();
    const env = { ...process.env, OPENAI_BASE_URL: f.baseUrl, OPENAI_API_KEY: FAKE_KEY, HOME: h.home };
    const keychain = { kind: 'file' as const, get: () => null, set: () => undefined, delete: () => undefined };
    const provider = new ProviderService({ store, events, keychain, env });
    const agent = createAgent({ store, events, provider, dataDir: h.dataDir, env, interactive: false, service: { homeDir: h.home } });
    try {
      const before = f.requests.length;
      session.startTurn(301);
      const resumed = await agent.service.startTurn({ threadId: h.threadId, text: 'Step 301: wrap up and report.', ...FULL_ACCESS }).done;
      expect(resumed.status).toBe('completed');
      const first = f.requests[before]!.rawBody;
      expect(first).toContain('Earlier parts of this conversation were compacted');
      expect(first).toContain(ERROR_FACT);
      expect(first).toContain('Step 301: wrap up');
      expect(bodyTokens(first)).toBeLessThanOrEqual(WINDOW);
    } finally {
      await agent.dispose();
      store.close();
    }
  }, 240_000);

  it('sends the summary request again with less history when the server says it is too long', async () => {
    const WINDOW = 12_000;
    const { session, h, f } = await startSession(WINDOW);
    session.overflowNext = 1;
    await runTurns(session, h, 1, 40);

    expect(session.summaryRequests.length).toBeGreaterThanOrEqual(2);
    const [refused, retried] = session.summaryRequests as [string, string];
    expect(retried.length).toBeLessThan(refused.length * 0.75);
    const first = compactions(h)[0]!;
    expect(first.droppedItems).toBeGreaterThan(0);
    expect(first.replacedItems).toBeGreaterThan(first.droppedItems);
    // The error was handled inside the compaction: no error item, every turn completed.
    expect(h.items().some((i) => i.type === 'error')).toBe(false);
    f.assertNoViolations();
  }, 60_000);

  it.each<WireApi>(['responses', 'chat'])('compacts on demand with thread.compact over the %s API, and refuses while a turn runs or when nothing is new', async (wireApi) => {
    const { session, h, f } = await startSession(200_000, wireApi);
    await runTurns(session, h, 1, 4);
    expect(compactions(h)).toHaveLength(0);
    const itemsBefore = h.items().length;

    const { turn, done } = h.agent.service.compact(h.threadId);
    expect(turn.status).toBe('inProgress');
    expect(() => h.agent.service.compact(h.threadId)).toThrow(/turn is running/);
    expect(() => h.start('another task')).toThrow(/already running/);
    const ended = await done;
    expect(ended.status).toBe('completed');
    const [item] = compactions(h);
    expect(item).toMatchObject({ trigger: 'manual', replacedItems: itemsBefore, droppedItems: 0 });
    expect(item!.summary).toContain(PATH_FACT);
    expect(item!.keptUserMessages.at(-1)).toBe(userText(4));
    expect(h.eventsNamed<{ item: { type: string } }>('item.completed').some((e) => e.item.type === 'contextCompaction')).toBe(true);
    expect(() => h.agent.service.compact(h.threadId)).toThrow(/nothing to compact/);

    // The next turn starts from the summary.
    const before = f.requests.length;
    session.startTurn(5);
    await h.run(userText(5), FULL_ACCESS);
    const next = f.requests[before]!.rawBody;
    expect(next).not.toContain('turn 2: checked module_1');
    expect(next).toContain(PATH_FACT);
    f.assertNoViolations();
  }, 60_000);

  it('fails the turn in plain words when even the compacted request cannot fit the window', async () => {
    // 2,048 tokens: less than the instructions and tool definitions alone.
    const { session, h, f } = await startSession(2_048);
    session.startTurn(1);
    const turn = await h.run(userText(1), FULL_ACCESS);
    expect(turn.status).toBe('failed');
    expect(turn.error?.kind).toBe('contextLength');
    expect(turn.error?.message).toMatch(/Even after compacting, the next request .* does not fit gpt-5-mini's context window of 2,048 tokens/);
    expect(compactions(h)).toHaveLength(1);
    // Nothing over the window was sent: only the summary request went out.
    expect(f.requests.filter((r) => r.endpoint === 'responses')).toHaveLength(1);
    f.assertNoViolations();
  }, 60_000);

  it('keeps a message typed while the summary is being written', async () => {
    const { session, h, f } = await startSession(200_000);
    await runTurns(session, h, 1, 2);
    session.summaryDelayMs = 400;
    const before = f.requests.length;
    const { done } = h.agent.service.compact(h.threadId);
    await f.waitForRequests(before + 1);
    h.agent.service.steer(h.threadId, 'Also keep the README short.');
    expect((await done).status).toBe('completed');
    const [item] = compactions(h);
    expect(item!.keptUserMessages.at(-1)).toBe('Also keep the README short.');

    session.summaryDelayMs = 0;
    const next = f.requests.length;
    session.startTurn(3);
    await h.run(userText(3), FULL_ACCESS);
    expect(f.requests[next]!.rawBody).toContain('Also keep the README short.');
    f.assertNoViolations();
  }, 60_000);
});
