/**
 * Terminals, measured end to end against the built `tandem serve` over its real WebSocket, with the
 * client acking every 5,000 chars as the renderer does. Side by side in the same run:
 * - throughput from a pty to the client vs node-pty read directly in this process (the ceiling): ratio;
 * - keystroke echo round trip (write a key, see its echo) through the transport vs node-pty directly;
 * - CPU and memory of the core, the pty host and the shells with 10 idle terminals.
 *
 * Env: BENCH_THROUGHPUT_MB (default 100), BENCH_RUNS (3), BENCH_KEYS (300), BENCH_IDLE_MS (60000).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as nodePty from 'node-pty';
import WebSocket from 'ws';
import { TERMINAL_FLOW, type TerminalData } from '../shared/contract';
import { cpuMs, printResults, round, rssMb, summarize } from './support';

const MB = 1_000_000;
const THROUGHPUT_BYTES = Number(process.env.BENCH_THROUGHPUT_MB ?? 100) * MB;
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const KEYS = Number(process.env.BENCH_KEYS ?? 300);
const IDLE_MS = Number(process.env.BENCH_IDLE_MS ?? 60_000);
const IDLE_TERMINALS = 10;
const root = process.cwd();

// ~76-column lines of base64, the shape of a build log or `cat` of a big file. `stty -onlcr` keeps
// "\n" as is so both sides count the same bytes.
const FLOOD = (bytes: number) => `stty -onlcr; head -c ${Math.round((bytes * 3) / 4 / 1.0132)} /dev/zero | base64`;

interface Served {
  child: ChildProcess;
  port: number;
  token: string;
  dataDir: string;
  home: string;
}

function startServe(): Promise<Served> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-bench-term-'));
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-bench-home-'));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/tandem.cjs', 'serve', '--port', '0', '--data-dir', dataDir], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, SHELL: '/bin/bash', HOME: home },
    });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /running at http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]+)/.exec(out);
      if (m) resolve({ child, port: Number(m[1]), token: m[2]!, dataDir, home });
    });
    child.once('exit', (code) => reject(new Error(`tandem serve exited with ${code}: ${out}`)));
  });
}

/** A contract client over the real WebSocket, acking terminal output the way the renderer does. */
class RpcClient {
  private nextId = 1;
  private readonly pending = new Map<number, (frame: { ok: boolean; result?: unknown; error?: { message: string } }) => void>();
  private readonly listeners = new Set<(event: string, payload: unknown) => void>();
  private readonly unacked = new Map<string, number>();

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (raw) => {
      const frame = JSON.parse(raw.toString()) as { t: string; id?: number; event?: string; payload?: unknown; ok?: boolean; result?: unknown; error?: { message: string } };
      if (frame.t === 'res') {
        this.pending.get(frame.id!)?.(frame as never);
        this.pending.delete(frame.id!);
      } else if (frame.t === 'evt') {
        if (frame.event === 'terminal.data') this.ack(frame.payload as TerminalData);
        for (const l of this.listeners) l(frame.event!, frame.payload);
      }
    });
  }

  static connect(port: number, token: string): Promise<RpcClient> {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/rpc?token=${token}`);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new RpcClient(ws)));
      ws.once('error', reject);
    });
  }

  call<T>(method: string, input: unknown): Promise<T> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, (frame) => (frame.ok ? resolve(frame.result as T) : reject(new Error(frame.error?.message))));
      this.ws.send(JSON.stringify({ t: 'req', id, method, input }));
    });
  }

  /** Fire and forget (keystrokes, acks): the server answers, nobody waits. */
  notify(method: string, input: unknown): void {
    const id = this.nextId++;
    this.ws.send(JSON.stringify({ t: 'req', id, method, input }));
  }

  on(listener: (event: string, payload: unknown) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private ack({ id, data }: TerminalData): void {
    const n = (this.unacked.get(id) ?? 0) + data.length;
    if (n >= TERMINAL_FLOW.ackChars) {
      this.notify('terminal.ack', { id, chars: n });
      this.unacked.set(id, 0);
    } else this.unacked.set(id, n);
  }

  close(): void {
    this.ws.close();
  }
}

async function throughputDirect(bytes: number): Promise<number> {
  const started = performance.now();
  const pty = nodePty.spawn('/bin/bash', ['-c', FLOOD(bytes)], { cols: 120, rows: 30, encoding: null });
  let received = 0;
  pty.onData((d) => (received += (d as unknown as Buffer).length));
  await new Promise<void>((resolve) => pty.onExit(() => resolve()));
  const seconds = (performance.now() - started) / 1000;
  return received / MB / seconds;
}

async function throughputWs(client: RpcClient, bytes: number): Promise<{ mbps: number; chars: number }> {
  let id = '';
  let received = 0;
  let exited!: () => void;
  const done = new Promise<void>((resolve) => (exited = resolve));
  const off = client.on((event, payload) => {
    if (event === 'terminal.data' && (payload as TerminalData).id === id) received += (payload as TerminalData).data.length;
    if (event === 'terminal.exit' && (payload as { id: string }).id === id) exited();
  });
  const started = performance.now();
  const info = await client.call<{ id: string }>('terminal.create', { shell: '/bin/bash', args: ['-c', FLOOD(bytes)], cols: 120, rows: 30 });
  id = info.id;
  await done;
  const seconds = (performance.now() - started) / 1000;
  off();
  await client.call('terminal.close', { id });
  return { mbps: received / MB / seconds, chars: received };
}

/** Keystroke → echo, through the transport: one key at a time into bash's readline. */
async function echoWs(client: RpcClient): Promise<number[]> {
  const prompt = new Promise<void>((resolve) => {
    const off = client.on((event, payload) => {
      const p = payload as { id?: string; integration?: { state: string } };
      if ((event === 'terminal.changed' || event === 'terminal.created') && p.integration?.state === 'active') {
        off();
        resolve();
      }
    });
  });
  const info = await client.call<{ id: string; integration: { state: string } }>('terminal.create', { shell: '/bin/bash', cols: 120, rows: 30 });
  // The first prompt may have been reported before create() answered.
  if (info.integration.state !== 'active') await prompt;
  const samples: number[] = [];
  for (let i = 0; i < KEYS; i++) {
    // Clear the line now and then so readline never has to redraw a long one.
    if (i % 60 === 0) {
      client.notify('terminal.write', { id: info.id, data: '\x15' });
      await sleep(20);
    }
    const key = String.fromCharCode(97 + (i % 26));
    const echoed = waitForEvent(client, 'terminal.data', (p) => (p as TerminalData).id === info.id && (p as TerminalData).data.includes(key), 5_000);
    const t0 = performance.now();
    client.notify('terminal.write', { id: info.id, data: key });
    await echoed;
    samples.push(performance.now() - t0);
    await sleep(3);
  }
  await client.call('terminal.close', { id: info.id });
  return samples;
}

async function echoDirect(): Promise<number[]> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-bench-home-'));
  const pty = nodePty.spawn('/bin/bash', ['--norc', '-i'], { cols: 120, rows: 30, env: { ...process.env, HOME: home, PS1: '$ ' } });
  let waiter: ((data: string) => void) | null = null;
  pty.onData((d) => waiter?.(d));
  await sleep(500);
  const samples: number[] = [];
  for (let i = 0; i < KEYS; i++) {
    if (i % 60 === 0) {
      pty.write('\x15');
      await sleep(20);
    }
    const key = String.fromCharCode(97 + (i % 26));
    const echoed = new Promise<void>((resolve) => (waiter = (d) => d.includes(key) && resolve()));
    const t0 = performance.now();
    pty.write(key);
    await echoed;
    samples.push(performance.now() - t0);
    await sleep(3);
  }
  pty.kill();
  fs.rmSync(home, { recursive: true, force: true });
  return samples;
}

function waitForEvent(client: RpcClient, name: string, match: (payload: unknown) => boolean, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no ${name} within ${timeoutMs} ms`));
    }, timeoutMs);
    const off = client.on((event, payload) => {
      if (event === name && match(payload)) {
        clearTimeout(timer);
        off();
        resolve();
      }
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function childrenOf(pid: number): number[] {
  try {
    return execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .map((s) => Number(s.trim()))
      .filter((n) => n > 0);
  } catch {
    return [];
  }
}

function cmdline(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

async function idle(client: RpcClient, servePid: number) {
  const ids: string[] = [];
  for (let i = 0; i < IDLE_TERMINALS; i++) {
    const info = await client.call<{ id: string }>('terminal.create', { shell: '/bin/bash', cols: 120, rows: 30 });
    ids.push(info.id);
  }
  await sleep(2_000); // prompts drawn, startup work done
  const hostPid = childrenOf(servePid).find((p) => cmdline(p).includes('pty-host'));
  if (!hostPid) throw new Error('pty host process not found');
  const shells = childrenOf(hostPid);
  const cpu = () => ({ core: cpuMs(servePid), host: cpuMs(hostPid), shells: shells.reduce((sum, p) => sum + safeCpu(p), 0) });
  const before = cpu();
  const t0 = performance.now();
  await sleep(IDLE_MS);
  const wall = performance.now() - t0;
  const after = cpu();
  const pct = (k: 'core' | 'host' | 'shells') => ((after[k] - before[k]) / wall) * 100;
  const result = {
    seconds: round(wall / 1000, 1),
    terminals: IDLE_TERMINALS,
    shells: shells.length,
    cpuPctCore: round(pct('core'), 2),
    cpuPctHost: round(pct('host'), 2),
    cpuPctShells: round(pct('shells'), 2),
    rssMbCore: round(rssMb(servePid)),
    rssMbHost: round(rssMb(hostPid)),
  };
  for (const id of ids) await client.call('terminal.close', { id });
  return result;
}

function safeCpu(pid: number): number {
  try {
    return cpuMs(pid);
  } catch {
    return 0;
  }
}

async function main() {
  const served = await startServe();
  const client = await RpcClient.connect(served.port, served.token);
  try {
    // Idle first, so the footprint is a fresh host's, not one that has just carried a flood.
    const idleResult = await idle(client, served.child.pid!);
    const echoT = summarize(await echoWs(client));
    const echoD = summarize(await echoDirect());

    // Warm up both paths (page cache, JIT).
    await throughputDirect(5 * MB);
    await throughputWs(client, 5 * MB);

    const direct: number[] = [];
    const ws: number[] = [];
    let chars = 0;
    const hostPid = childrenOf(served.child.pid!).find((p) => cmdline(p).includes('pty-host'))!;
    const cpuPerMb = { core: 0, host: 0 };
    for (let i = 0; i < RUNS; i++) {
      direct.push(await throughputDirect(THROUGHPUT_BYTES));
      const before = { core: cpuMs(served.child.pid!), host: cpuMs(hostPid) };
      const r = await throughputWs(client, THROUGHPUT_BYTES);
      ws.push(r.mbps);
      chars = r.chars;
      // What each process spends per MB carried: a figure that machine load does not change much.
      cpuPerMb.core += (cpuMs(served.child.pid!) - before.core) / (r.chars / MB) / RUNS;
      cpuPerMb.host += (cpuMs(hostPid) - before.host) / (r.chars / MB) / RUNS;
    }
    const directMbps = summarize(direct).p50;
    const wsMbps = summarize(ws).p50;


    const ratio = wsMbps / directMbps;
    printResults(
      'terminals',
      [
        ['flood size (MB, 76-col lines)', round(chars / MB)],
        ['node-pty direct (MB/s, median)', round(directMbps)],
        ['pty → WebSocket client (MB/s, median)', round(wsMbps)],
        ['ratio (goal ≥ 0.8)', round(ratio, 2)],
        ['CPU per MB carried: core (ms)', round(cpuPerMb.core, 2)],
        ['CPU per MB carried: pty host (ms)', round(cpuPerMb.host, 2)],
        ['echo via transport p50 (ms)', round(echoT.p50, 2)],
        ['echo via transport p99 (ms, goal < 10)', round(echoT.p99, 2)],
        ['echo node-pty direct p50 (ms)', round(echoD.p50, 2)],
        ['echo node-pty direct p99 (ms)', round(echoD.p99, 2)],
        [`idle ${IDLE_TERMINALS} terminals for ${idleResult.seconds} s: CPU core (%)`, idleResult.cpuPctCore],
        ['  CPU pty host (%)', idleResult.cpuPctHost],
        ['  CPU shells (%)', idleResult.cpuPctShells],
        ['  RSS core (MB)', idleResult.rssMbCore],
        ['  RSS pty host (MB)', idleResult.rssMbHost],
      ],
      {
        throughput: { bytes: chars, runs: RUNS, directMBps: round(directMbps), wsMBps: round(wsMbps), ratio: round(ratio, 3), cpuMsPerMb: { core: round(cpuPerMb.core, 2), host: round(cpuPerMb.host, 2) }, directRuns: direct.map((v) => round(v)), wsRuns: ws.map((v) => round(v)) },
        echo: { keys: KEYS, transport: { p50: round(echoT.p50, 2), p99: round(echoT.p99, 2), max: round(echoT.max, 2) }, direct: { p50: round(echoD.p50, 2), p99: round(echoD.p99, 2) } },
        idle: idleResult,
      },
    );
  } finally {
    client.close();
    served.child.kill('SIGTERM');
    await new Promise((r) => served.child.once('exit', r));
    fs.rmSync(served.dataDir, { recursive: true, force: true });
    fs.rmSync(served.home, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
