/**
 * Five worktree threads at once: UI event latency while they all run commands (goal p95 < 50 ms).
 *
 * The real core and its real WebSocket server run in this process, as `tandem serve` runs them; a
 * WebSocket client stands in for the page. Five threads are created in worktree mode (five worktrees
 * and branches of one repository) and each is given a turn at the same moment. The fake OpenAI server
 * answers every request with the same step — a shell command that does some real work in the worktree
 * (writes files, lists them, runs git) — ROUNDS times per thread, then a short answer; the commands run
 * sandboxed in the agent's terminals, five at a time, on this 2-core machine.
 *
 * Latency: every event is timed when the core hands it to the event bus and again when the client has
 * parsed its frame (one clock). Events of one name keep their order on one WebSocket, so the n-th
 * emission of a name is matched with its n-th arrival; names the client is not sent (terminal output
 * of terminals it did not attach) are left out and counted. Beside it: the core's event-loop delay over
 * the same run (how much of the latency is the core itself being busy) and the machine's load.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { WebSocket } from 'ws';
import { createCore } from '../electron/core/app';
import { FileKeychain } from '../electron/core/secrets/file-keychain';
import { startWebServer } from '../electron/core/transport/web-server';
import { printResults, round, summarize } from './support';

const THREADS = Number(process.env.BENCH_THREADS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);

/** What each model step asks for: real work in the thread's worktree, a few hundred lines of output. */
const COMMAND = [
  'for i in $(seq 1 200); do echo "line $i of $(basename "$PWD")"; done > work.txt',
  'wc -l work.txt',
  'ls -la',
  'git status --short 2>&1 | head -20',
  'seq 1 300',
].join(' && ');

async function main() {
  process.env.TANDEM_OPENAPI_SPEC ??= path.resolve('../shared/openai/openapi.json');
  const { startFakeOpenAI } = await import('../test/support/fake-openai');
  const fake = await startFakeOpenAI({ apiKey: 'sk-bench' });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-bench-worktrees-'));
  const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-bench-wt-repo-'));
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=Bench', '-c', 'user.email=bench@example.com', ...args], { cwd: repo, stdio: 'pipe' });
  git('init', '-q', '-b', 'main');
  fs.writeFileSync(path.join(repo, 'README.md'), '# bench\n');
  git('add', '-A');
  git('commit', '-q', '-m', 'initial');

  const core = createCore({
    dataDir,
    version: 'bench',
    env: { ...process.env, OPENAI_BASE_URL: fake.baseUrl, OPENAI_API_KEY: 'sk-bench' },
    platform: { mode: 'web', keychain: new FileKeychain(dataDir), hotkey: null },
  });
  await core.router.dispatch('provider.update', { kind: 'compatible', baseUrl: fake.baseUrl, model: 'gpt-5-mini', wireApi: 'responses' }, { clientId: 'bench' });
  const server = await startWebServer({ router: core.router, events: core.events, clients: core.clients, staticDir: path.resolve('out/renderer') });

  let measuring = false;
  const emitted = new Map<string, number[]>();
  core.events.subscribe((event) => {
    if (!measuring) return;
    const list = emitted.get(event) ?? [];
    list.push(performance.now());
    emitted.set(event, list);
  });

  const ws = new WebSocket(`ws://127.0.0.1:${server.port}/rpc`, { headers: { authorization: `Bearer ${server.token}` } });
  await new Promise((r) => ws.once('open', r));
  const received = new Map<string, number[]>();
  let completed = 0;
  let allDone: () => void = () => {};
  const finished = new Promise<void>((r) => (allDone = r));
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  ws.on('message', (data: Buffer) => {
    const at = performance.now();
    const frame = JSON.parse(data.toString()) as { t: string; event?: string; id?: number; ok?: boolean; result?: unknown; error?: unknown };
    if (frame.t === 'evt' && frame.event && measuring) {
      const list = received.get(frame.event) ?? [];
      list.push(at);
      received.set(frame.event, list);
      if (frame.event === 'turn.completed' && ++completed === THREADS) allDone();
    }
    if (frame.t === 'res') {
      const waiter = pending.get(frame.id!);
      pending.delete(frame.id!);
      if (frame.ok) waiter?.resolve(frame.result);
      else waiter?.reject(new Error(JSON.stringify(frame.error)));
    }
  });
  const call = (method: string, input: unknown) =>
    new Promise<unknown>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      ws.send(JSON.stringify({ t: 'req', id, method, input }));
    });

  const workspace = (await call('workspaces.add', { path: repo })) as { id: string };
  const createStart = performance.now();
  const threads: { id: string; worktree: { path: string } }[] = [];
  for (let i = 0; i < THREADS; i++) threads.push((await call('threads.create', { workspaceId: workspace.id, mode: { mode: 'worktree' } })) as (typeof threads)[number]);
  const createMs = (performance.now() - createStart) / THREADS;

  const step = { reply: { toolCalls: [{ name: 'shell', arguments: { command: COMMAND } }] } };
  fake.script([...Array.from({ length: THREADS * ROUNDS }, () => step), ...Array.from({ length: THREADS }, () => ({ reply: { text: 'Done.' } }))]);
  // How long the core's event loop was held up meanwhile: what of the latency is the core's own work.
  const loopDelay = monitorEventLoopDelay({ resolution: 5 });
  loopDelay.enable();
  measuring = true;
  const runStart = performance.now();
  await Promise.all(threads.map((t) => call('turn.start', { threadId: t.id, text: 'Do the work.', sandbox: 'workspace-write', approvalPolicy: 'on-request' })));
  await finished;
  const runMs = performance.now() - runStart;
  measuring = false;
  loopDelay.disable();
  const loopP95Ms = loopDelay.percentile(95) / 1e6;
  const loopMaxMs = loopDelay.max / 1e6;
  fake.assertNoViolations();

  const samples: number[] = [];
  const skipped: string[] = [];
  for (const [name, sent] of emitted) {
    const got = received.get(name) ?? [];
    if (got.length !== sent.length) {
      skipped.push(`${name} (${sent.length} emitted, ${got.length} received)`);
      continue;
    }
    for (let i = 0; i < sent.length; i++) samples.push(got[i]! - sent[i]!);
  }
  const latency = summarize(samples);
  const commands = threads.map((t) => fs.existsSync(path.join(t.worktree.path, 'work.txt'))).filter(Boolean).length;
  if (commands !== THREADS) throw new Error(`only ${commands} of ${THREADS} worktrees got their command's output`);
  if (fs.existsSync(path.join(repo, 'work.txt'))) throw new Error("a command wrote into the user's checkout");

  printResults(
    `worktree threads: ${THREADS} threads running commands at once, event in the core → at the UI client`,
    [
      ['threads', THREADS],
      ['model steps per thread', ROUNDS + 1],
      ['worktree create ms (each)', createMs],
      ['all turns done ms', runMs],
      ['events timed', latency.n],
      ['p50 ms', latency.p50],
      ['p95 ms', latency.p95],
      ['p99 ms', latency.p99],
      ['max ms', latency.max],
      ['event-loop delay p95 / max ms', `${loopP95Ms.toFixed(1)} / ${loopMaxMs.toFixed(1)}`],
      ['load average (1 min)', os.loadavg()[0]!],
      ['not sent to this client', skipped.length ? skipped.join(', ') : 'none'],
    ],
    {
      threads: THREADS,
      rounds: ROUNDS,
      events: latency.n,
      createMs: round(createMs),
      runMs: round(runMs),
      p50Ms: round(latency.p50, 2),
      p95Ms: round(latency.p95, 2),
      p99Ms: round(latency.p99, 2),
      maxMs: round(latency.max, 2),
      loopDelayP95Ms: round(loopP95Ms, 2),
      loopDelayMaxMs: round(loopMaxMs, 2),
      loadAverage: round(os.loadavg()[0]!, 1),
      goalP95Ms: 50,
    },
  );

  ws.close();
  await server.close();
  await core.dispose();
  await fake.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(repo, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
