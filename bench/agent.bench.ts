/**
 * The agent's own costs, apart from the model's:
 * 1. Harness overhead per model round trip (goal p50 < 5 ms). A turn of BENCH_STEPS model calls, each an
 *    update_plan call (a tool that does no I/O of its own), runs against the fake OpenAI server with no
 *    delays, in a child process of its own. The real model client is wrapped to time how long each call
 *    waits on the network and the server; the harness overhead of a round trip is everything else —
 *    rebuilding the conversation, the ledger entry, handling the streamed events, storing and
 *    announcing items, running the tool. For scale, the same request bodies are then replayed with the
 *    bare SDK against the same server.
 * 2. Reopening a thread of 2,000 items (goal < 300 ms): a fresh process's view of it — open the database,
 *    read the thread's item log (what `threads.get` returns), and rebuild the model's conversation from
 *    it (what the next turn does first).
 *
 * Env: BENCH_STEPS (default 200), BENCH_REOPEN_RUNS (default 20), BENCH_WIRE (responses | chat, default
 * responses).
 */
import { execFileSync, fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import OpenAI from 'openai';
import type { AgentItem, WireApi } from '../shared/contract';
import { buildConversation } from '../electron/core/agent/conversation';
import { createAgent } from '../electron/core/agent/create-agent';
import { createAgentModelClient, type ModelClient } from '../electron/core/agent/model';
import type { ResolvedProvider } from '../electron/core/provider/provider-service';
import { newItemId, toLoggedItem, type LoggedItem } from '../electron/core/agent/items';
import { Store } from '../electron/core/store';
import { EventBus } from '../electron/core/transport/event-bus';
import { printResults, round, summarize } from './support';

const STEPS = Number(process.env.BENCH_STEPS ?? 200);
const REOPEN_RUNS = Number(process.env.BENCH_REOPEN_RUNS ?? 20);
const WIRE = (process.env.BENCH_WIRE ?? 'responses') as WireApi;
const THREAD_ITEMS = 2_000;
const MODEL = 'gpt-5-mini';

/** The fake server's side, in its own process so its work (spec checks, SSE) is not billed to the agent. */
async function serveFake(): Promise<void> {
  // The spec the fake checks requests against; set before the fake's modules load (its path is read at load).
  process.env.TANDEM_OPENAPI_SPEC ??= path.resolve('../shared/openai/openapi.json');
  const { startFakeOpenAI } = await import('../test/support/fake-openai');
  const fake = await startFakeOpenAI();
  process.on('message', (message: { id: number; op: 'script' | 'bodies' | 'reset' | 'check' | 'close'; steps?: never[] }) => {
    const reply = (result: unknown) => process.send!({ id: message.id, result });
    switch (message.op) {
      case 'script':
        fake.script(message.steps ?? []);
        return reply(null);
      case 'bodies':
        return reply(fake.requests.filter((r) => r.endpoint === WIRE).map((r) => r.body));
      case 'reset':
        fake.reset();
        return reply(null);
      case 'check':
        return reply(fake.violations.map((v) => v.message));
      case 'close':
        void fake.close().then(() => {
          reply(null);
          process.disconnect();
        });
    }
  });
  process.send!({ id: 0, result: fake.baseUrl });
}

function startFakeProcess() {
  const child = fork(process.argv[1]!, [], { env: { ...process.env, AGENT_BENCH_ROLE: 'fake' }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const pending = new Map<number, (result: unknown) => void>();
  let nextId = 1;
  const ready = new Promise<string>((resolve) => pending.set(0, (url) => resolve(url as string)));
  child.on('message', (message: { id: number; result: unknown }) => {
    pending.get(message.id)?.(message.result);
    pending.delete(message.id);
  });
  const call = <T>(op: string, extra: object = {}) =>
    new Promise<T>((resolve) => {
      const id = nextId++;
      pending.set(id, (r) => resolve(r as T));
      child.send({ id, op, ...extra });
    });
  return { ready, call };
}

const planStep = (i: number) => ({ reply: { toolCalls: [{ name: 'update_plan', arguments: { plan: [{ step: `Step ${i}`, status: 'in_progress' }] } }] } });

async function roundTripOverhead() {
  const fake = startFakeProcess();
  const baseUrl = await fake.ready;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-bench-agent-'));
  const repo = path.join(dir, 'repo');
  fs.mkdirSync(repo);
  execFileSync('git', ['init', '-q'], { cwd: repo });
  const store = Store.open(path.join(dir, 'data'));
  const events = new EventBus();
  const marks: number[] = [];
  events.subscribe((event) => {
    if (event === 'turn.started' || event === 'turn.usage') marks.push(performance.now());
  });
  const provider = { resolve: () => ({ kind: 'compatible' as const, baseUrl, apiKey: 'bench', model: MODEL, wireApi: WIRE }) };
  // The real model client, timed: how long each call spent waiting on the network and the server, and
  // how long the agent took to handle each event it streamed (items, storage, events).
  const waitingMs: number[] = [];
  const handlingMs: number[] = [];
  const timedClient = (p: ResolvedProvider): ModelClient => {
    const real = createAgentModelClient(p);
    return {
      wireApi: real.wireApi,
      async *stream(request) {
        let waiting = 0;
        let handling = 0;
        let mark = performance.now();
        for await (const event of real.stream(request)) {
          const got = performance.now();
          waiting += got - mark;
          yield event;
          mark = performance.now();
          handling += mark - got;
        }
        waitingMs.push(waiting + (performance.now() - mark));
        handlingMs.push(handling);
      },
    };
  };
  const agent = createAgent({ store, events, provider, dataDir: path.join(dir, 'data'), interactive: false, service: { homeDir: dir, modelClientFor: timedClient } });
  const workspace = store.workspaces.add({ path: repo, name: 'repo', isGit: true });
  const thread = store.threads.create({ workspaceId: workspace.id, title: 'bench' });

  try {
    const steps = [...Array.from({ length: STEPS - 1 }, (_, i) => planStep(i)), { reply: { text: 'Done.' } }];
    // A first turn warms up both processes (JIT, the fake's spec validators), so neither side of the
    // comparison pays for it; only the second turn is measured.
    const warmUp = store.threads.create({ workspaceId: workspace.id, title: 'warm-up' });
    await fake.call('script', { steps });
    await agent.service.startTurn({ threadId: warmUp.id, text: 'Go through the steps.', cwd: repo, approvalPolicy: 'never' }).done;
    await fake.call('reset');
    marks.length = 0;
    waitingMs.length = 0;
    handlingMs.length = 0;
    await fake.call('script', { steps });
    const turn = await agent.service.startTurn({ threadId: thread.id, text: 'Go through the steps.', cwd: repo, approvalPolicy: 'never' }).done;
    if (turn.status !== 'completed') throw new Error(`the benchmark turn ended ${turn.status}: ${turn.error?.message}`);
    const violations = await fake.call<string[]>('check');
    if (violations.length) throw new Error(`the fake server saw bad requests: ${violations.join('; ')}`);
    const agentMs = marks.slice(1).map((at, i) => at - marks[i]!);
    // Everything the agent did in a round trip but wait for the server: building the request, the
    // ledger, handling the stream, storing items, running the tool.
    const harnessMs = agentMs.map((ms, i) => ms - waitingMs[i]!);

    // The same requests, byte for byte, through the bare SDK, against the same server.
    const bodies = await fake.call<Record<string, unknown>[]>('bodies');
    await fake.call('reset');
    await fake.call('script', { steps });
    const sdk = new OpenAI({ baseURL: baseUrl, apiKey: 'bench', maxRetries: 0 });
    const bareMs: number[] = [];
    for (const body of bodies) {
      const t0 = performance.now();
      const stream = (WIRE === 'responses' ? await sdk.responses.create(body as never) : await sdk.chat.completions.create(body as never)) as unknown as AsyncIterable<unknown>;
      for await (const _event of stream) {
        // drain
      }
      bareMs.push(performance.now() - t0);
    }
    return { agent: summarize(agentMs), bare: summarize(bareMs), overhead: summarize(harnessMs), handling: summarize(handlingMs) };
  } finally {
    await agent.dispose();
    store.close();
    await fake.call('close');
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A realistic mix: a user message, then per step reasoning, text, a command with output, sometimes a patch or plan. */
function sampleItems(count: number): { turnId: string; item: AgentItem }[] {
  const items: { turnId: string; item: AgentItem }[] = [];
  let turn = 0;
  let step = 0;
  const output = Array.from({ length: 40 }, (_, i) => `line ${i}: ${'x'.repeat(60)}`).join('\n');
  while (items.length < count) {
    if (step === 0 || step > 12) {
      turn += 1;
      step = 1;
      items.push({ turnId: `turn_${turn}`, item: { type: 'userMessage', id: newItemId(), text: `Please do task ${turn} and check it works.`, images: [], steer: null } });
      continue;
    }
    const turnId = `turn_${turn}`;
    const call = { callId: `call_${items.length}`, name: 'shell', arguments: JSON.stringify({ command: 'npm test -- --reporter=dot' }) };
    const kind = items.length % 4;
    if (kind === 0) items.push({ turnId, item: { type: 'reasoning', id: newItemId(), summary: ['Thinking about the failing test and where it comes from.'], replay: null, step } });
    else if (kind === 1) items.push({ turnId, item: { type: 'agentMessage', id: newItemId(), text: 'Running the tests to see what fails before changing anything.', step } });
    else if (kind === 2) {
      items.push({
        turnId,
        item: { type: 'commandExecution', id: newItemId(), call, step, command: 'npm test', cwd: '/repo', status: 'completed', exitCode: 1, output, durationMs: 2300, timedOut: false, sandbox: 'workspace-write', terminalId: null, reason: null },
      });
      step += 1;
    } else {
      const diff = `--- a/src/app.ts\n+++ b/src/app.ts\n@@ -1,3 +1,3 @@\n-const a = 1;\n+const a = 2;\n ${'context\n'.repeat(5)}`;
      items.push({
        turnId,
        item: {
          type: 'fileChange',
          id: newItemId(),
          call: { ...call, name: 'apply_patch' },
          step,
          cwd: '/repo',
          status: 'completed',
          changes: [{ kind: 'update', path: '/repo/src/app.ts', newPath: null, diff, additions: 1, deletions: 1 }],
          reason: null,
        },
      });
      step += 1;
    }
  }
  return items;
}

async function reopenThread() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-bench-reopen-'));
  try {
    let threadId: string;
    {
      const store = Store.open(dir);
      threadId = store.threads.create({ workspaceId: null, title: 'long thread' }).id;
      const insert = store.db.transaction(() => {
        for (const { turnId, item } of sampleItems(THREAD_ITEMS)) store.items.append({ id: item.id, threadId, turnId, type: item.type, data: item });
      });
      insert();
      store.close();
    }
    const bytes = fs.statSync(path.join(dir, 'tandem.db')).size + (fs.existsSync(path.join(dir, 'tandem.db-wal')) ? fs.statSync(path.join(dir, 'tandem.db-wal')).size : 0);

    const open: number[] = [];
    const read: number[] = [];
    const rebuild: number[] = [];
    const total: number[] = [];
    for (let run = 0; run < REOPEN_RUNS; run++) {
      const t0 = performance.now();
      const store = Store.open(dir);
      const t1 = performance.now();
      const rows = store.items.list(threadId);
      store.threads.get(threadId);
      const t2 = performance.now();
      const log = rows.map(toLoggedItem).filter((l): l is LoggedItem => l !== null);
      await buildConversation(log);
      const t3 = performance.now();
      store.close();
      if (rows.length !== THREAD_ITEMS) throw new Error(`expected ${THREAD_ITEMS} items, read ${rows.length}`);
      open.push(t1 - t0);
      read.push(t2 - t1);
      rebuild.push(t3 - t2);
      total.push(t3 - t0);
    }
    return { open: summarize(open), read: summarize(read), rebuild: summarize(rebuild), total: summarize(total), dbMb: bytes / 1024 / 1024 };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const trip = await roundTripOverhead();
  const reopen = await reopenThread();
  printResults(
    `agent: harness overhead per model round trip (${WIRE}, ${STEPS} calls) and reopening a ${THREAD_ITEMS}-item thread`,
    [
      ['agent round trip, p50 ms', trip.agent.p50],
      ['bare SDK round trip (same bodies, for scale), p50 ms', trip.bare.p50],
      ['harness overhead per round trip, p50 ms (goal < 5)', trip.overhead.p50],
      ['harness overhead per round trip, p95 ms', trip.overhead.p95],
      ['  of which handling streamed events, p50 ms', trip.handling.p50],
      [`reopen ${THREAD_ITEMS} items: open database, p50 ms`, reopen.open.p50],
      [`reopen ${THREAD_ITEMS} items: read the item log, p50 ms`, reopen.read.p50],
      [`reopen ${THREAD_ITEMS} items: rebuild the conversation, p50 ms`, reopen.rebuild.p50],
      [`reopen ${THREAD_ITEMS} items: total, p50 ms (goal < 300)`, reopen.total.p50],
      [`reopen ${THREAD_ITEMS} items: total, max ms`, reopen.total.max],
      ['database size, MB', reopen.dbMb],
    ],
    {
      wireApi: WIRE,
      steps: STEPS,
      agentRoundTripP50Ms: round(trip.agent.p50, 2),
      bareRoundTripP50Ms: round(trip.bare.p50, 2),
      overheadP50Ms: round(trip.overhead.p50, 2),
      overheadP95Ms: round(trip.overhead.p95, 2),
      streamHandlingP50Ms: round(trip.handling.p50, 2),
      reopenItems: THREAD_ITEMS,
      reopenTotalP50Ms: round(reopen.total.p50),
      reopenTotalMaxMs: round(reopen.total.max),
      reopenReadP50Ms: round(reopen.read.p50),
      reopenRebuildP50Ms: round(reopen.rebuild.p50),
    },
  );
}

(process.env.AGENT_BENCH_ROLE === 'fake' ? serveFake() : main()).catch((err) => {
  console.error(err);
  process.exit(1);
});
