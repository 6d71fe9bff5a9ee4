/**
 * Conversation compaction on the scripted long session of the compaction test (test/integration/agent/
 * support/compaction-session.ts): BENCH_TURNS turns (default 300), each running one real command whose
 * output fills the window, against the fake OpenAI server, with a small context window (BENCH_WINDOW,
 * default 16,000 tokens). Reports how many compactions ran, the tokens of the next request before and
 * after each (the estimate that decided it), how long each took (the summary request to the fake server
 * and storing the item), the largest request sent, and how big the last request would have been with
 * the whole history.
 */
import path from 'node:path';
import type { ContextCompactionItem } from '../shared/contract';
import { saveContextWindow } from '../electron/core/agent/compaction/context-window';
import { estimateConversationTokens } from '../electron/core/agent/compaction/token-estimate';
import { buildConversation } from '../electron/core/agent/conversation';
import { toLoggedItem, type LoggedItem } from '../electron/core/agent/items';
import { printResults, round, summarize } from './support';

const TURNS = Number(process.env.BENCH_TURNS ?? 300);
const WINDOW = Number(process.env.BENCH_WINDOW ?? 16_000);

async function main(): Promise<void> {
  // The spec the fake checks requests against; set before the fake's modules load (its path is read at load).
  process.env.TANDEM_OPENAPI_SPEC ??= path.resolve('../shared/openai/openapi.json');
  const { startFakeOpenAI } = await import('../test/support/fake-openai');
  const { AgentHarness, FAKE_MODEL } = await import('../test/integration/agent/support/agent-harness');
  const { bodyTokens, FACTS, FULL_ACCESS, ScriptedSession, SUMMARY_MARK, userText } = await import('../test/integration/agent/support/compaction-session');

  const session = new ScriptedSession();
  const fake = await startFakeOpenAI({ route: session.route });
  const harness = AgentHarness.start({ fake, wireApi: 'responses' });
  saveContextWindow(harness.store, { model: FAKE_MODEL, contextWindow: WINDOW, threshold: null });
  try {
    const started = performance.now();
    for (let turn = 1; turn <= TURNS; turn += 1) {
      session.startTurn(turn);
      const done = await harness.run(userText(turn), FULL_ACCESS);
      if (done.status !== 'completed') throw new Error(`turn ${turn} ended ${done.status}: ${done.error?.message ?? ''}`);
    }
    const wallMs = performance.now() - started;
    fake.assertNoViolations();

    const log = harness.store.items
      .list(harness.threadId)
      .map(toLoggedItem)
      .filter((l): l is LoggedItem => l !== null);
    const compactions = log.map((l) => l.item).filter((i): i is ContextCompactionItem => i.type === 'contextCompaction');
    const requests = fake.requests.filter((r) => r.endpoint === 'responses');
    const turnRequests = requests.filter((r) => !r.rawBody.includes(SUMMARY_MARK));
    const largest = Math.max(...requests.map((r) => bodyTokens(r.rawBody)));
    const withCompaction = estimateConversationTokens(await buildConversation(log));
    const withoutCompaction = estimateConversationTokens(await buildConversation(log.filter((l) => l.item.type !== 'contextCompaction')));
    const factsKept = session.summaryRequests.every((body) => FACTS.every((fact) => body.includes(JSON.stringify(fact).slice(1, -1))));

    const before = summarize(compactions.map((c) => c.tokensBefore));
    const after = summarize(compactions.map((c) => c.tokensAfter));
    const duration = summarize(compactions.map((c) => c.durationMs));
    printResults(
      `compaction: ${TURNS}-turn scripted session in a ${WINDOW.toLocaleString('en-US')}-token window`,
      [
        ['session wall time, s', wallMs / 1000],
        ['model requests (turns / summaries)', `${turnRequests.length} / ${session.summaryRequests.length}`],
        ['compactions', compactions.length],
        ['tokens before compacting, p50 / max', `${before.p50} / ${before.max}`],
        ['tokens after compacting, p50 / max', `${after.p50} / ${after.max}`],
        ['compaction duration, p50 / p95 / max ms', `${duration.p50} / ${duration.p95} / ${duration.max}`],
        ['largest request sent (whole body / 4), tokens', `${largest} (window ${WINDOW})`],
        ['conversation at the end: sent / whole history, tokens', `${withCompaction} / ${withoutCompaction}`],
        ['every summary request carried the key facts', factsKept ? 'yes' : 'NO'],
      ],
      {
        turns: TURNS,
        window: WINDOW,
        wallS: round(wallMs / 1000),
        turnRequests: turnRequests.length,
        summaryRequests: session.summaryRequests.length,
        compactions: compactions.length,
        tokensBeforeP50: before.p50,
        tokensBeforeMax: before.max,
        tokensAfterP50: after.p50,
        tokensAfterMax: after.max,
        durationP50Ms: duration.p50,
        durationP95Ms: duration.p95,
        durationMaxMs: duration.max,
        largestRequestTokens: largest,
        finalConversationTokens: withCompaction,
        finalHistoryTokens: withoutCompaction,
        factsKept,
      },
    );
    if (largest > WINDOW || !factsKept) process.exitCode = 1;
  } finally {
    await harness.close();
    await fake.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
