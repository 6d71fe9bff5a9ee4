/**
 * From a delta reaching the core to its event reaching the UI client (goal p95 < 16 ms).
 *
 * The real core and its real WebSocket server run in this process; a WebSocket client stands in for
 * the page. The fake OpenAI server streams a long answer word by word with a small gap between
 * events (so deltas arrive as a real model's do, not in one burst). Each `item.delta` is timed when
 * the turn loop hands it to the event bus and again when the client has parsed its frame; the two
 * clocks are the same clock. Side by side: a bare `ws` echo of the same payloads over loopback, the
 * floor any transport pays.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WebSocket, WebSocketServer } from 'ws';
import { createCore } from '../electron/core/app';
import { FileKeychain } from '../electron/core/secrets/file-keychain';
import { startWebServer } from '../electron/core/transport/web-server';
import { printResults, round, summarize } from './support';

const WORDS = Number(process.env.BENCH_WORDS ?? 600);
const GAP_MS = Number(process.env.BENCH_GAP_MS ?? 2);

async function main() {
  process.env.TANDEM_OPENAPI_SPEC ??= path.resolve('../shared/openai/openapi.json');
  const { startFakeOpenAI } = await import('../test/support/fake-openai');
  const fake = await startFakeOpenAI({ apiKey: 'sk-bench' });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-bench-events-'));
  const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-bench-repo-'));
  const core = createCore({
    dataDir,
    version: 'bench',
    env: { ...process.env, OPENAI_BASE_URL: fake.baseUrl, OPENAI_API_KEY: 'sk-bench' },
    platform: { mode: 'web', keychain: new FileKeychain(dataDir), hotkey: null },
  });
  await core.router.dispatch('provider.update', { kind: 'compatible', baseUrl: fake.baseUrl, model: 'gpt-5-mini', wireApi: 'responses' }, { clientId: 'bench' });
  const server = await startWebServer({ router: core.router, events: core.events, clients: core.clients, staticDir: path.resolve('out/renderer') });

  const emitted: number[] = [];
  core.events.subscribe((event) => {
    if (event === 'item.delta') emitted.push(performance.now());
  });

  const ws = new WebSocket(`ws://127.0.0.1:${server.port}/rpc`, { headers: { authorization: `Bearer ${server.token}` } });
  await new Promise((r) => ws.once('open', r));
  const received: number[] = [];
  let done: () => void = () => {};
  const finished = new Promise<void>((r) => (done = r));
  let nextId = 1;
  const pending = new Map<number, (v: unknown) => void>();
  ws.on('message', (data: Buffer) => {
    const frame = JSON.parse(data.toString()) as { t: string; event?: string; id?: number; ok?: boolean; result?: unknown; error?: unknown };
    if (frame.t === 'evt' && frame.event === 'item.delta') received.push(performance.now());
    if (frame.t === 'evt' && frame.event === 'turn.completed') done();
    if (frame.t === 'res') {
      if (!frame.ok) throw new Error(JSON.stringify(frame.error));
      pending.get(frame.id!)?.(frame.result);
    }
  });
  const call = (method: string, input: unknown) =>
    new Promise<unknown>((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      ws.send(JSON.stringify({ t: 'req', id, method, input }));
    });

  const workspace = (await call('workspaces.add', { path: repo })) as { id: string };
  const thread = (await call('threads.create', { workspaceId: workspace.id })) as { id: string };
  const text = Array.from({ length: WORDS }, (_, i) => `word${i}`).join(' ');
  fake.script([{ reply: { text }, delayMsBetweenEvents: GAP_MS }]);
  await call('turn.start', { threadId: thread.id, text: 'Stream a long answer.' });
  await finished;
  if (received.length !== emitted.length) throw new Error(`emitted ${emitted.length} deltas, received ${received.length}`);
  const latency = summarize(received.map((t, i) => t - emitted[i]!));

  // The floor: the same number of similar frames through a bare ws server on loopback.
  const floorServer = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise((r) => floorServer.once('listening', r));
  const floorSamples: number[] = [];
  floorServer.on('connection', (sock) => {
    void (async () => {
      for (let i = 0; i < emitted.length; i++) {
        sock.send(JSON.stringify({ t: 'evt', event: 'item.delta', payload: { sent: performance.now(), delta: { text: ` word${i}` } } }));
        await new Promise((r) => setTimeout(r, GAP_MS));
      }
      sock.close();
    })();
  });
  const floorClient = new WebSocket(`ws://127.0.0.1:${(floorServer.address() as { port: number }).port}`);
  floorClient.on('message', (d: Buffer) => {
    const f = JSON.parse(d.toString()) as { payload: { sent: number } };
    floorSamples.push(performance.now() - f.payload.sent);
  });
  await new Promise((r) => floorClient.once('close', r));
  floorServer.close();
  const floor = summarize(floorSamples);

  printResults(
    'agent events: delta in the core → event at the UI client (WebSocket)',
    [
      ['deltas', latency.n],
      ['p50 ms', latency.p50],
      ['p95 ms', latency.p95],
      ['p99 ms', latency.p99],
      ['bare ws loopback p50 ms', floor.p50],
      ['bare ws loopback p95 ms', floor.p95],
    ],
    { deltas: latency.n, p50Ms: round(latency.p50, 2), p95Ms: round(latency.p95, 2), p99Ms: round(latency.p99, 2), bareWsP50Ms: round(floor.p50, 2), bareWsP95Ms: round(floor.p95, 2), goalP95Ms: 16 },
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
