/**
 * The context engine on a real X display (Xvfb + openbox, started here):
 * 1. Snapshot assembly with every provider on (window, selection, clipboard, terminal, git; the
 *    screenshot, taken only on request, is timed on its own) — p50/p95 with the window watcher
 *    running (the app's normal state: one xprop call, the window's description from the watcher)
 *    and without it (two xprop calls, as `tandem context snapshot`).
 *    Budgets are lifted while timing so the figures are the real cost; the share of snapshots the
 *    default 50 ms budget would have cut is reported too.
 * 2. CPU of the watchers at idle: the two xprop spies, plus the clipboard poll, over BENCH_IDLE_MS
 *    (default 60 s), as % of one core.
 *
 * Env: BENCH_RUNS (default 100), BENCH_IDLE_MS (default 60000).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_CONTEXT_BUDGET_MS, type ContextSettings, type TerminalCommand } from '../shared/contract';
import { ContextEngine } from '../electron/core/context/engine';
import { TerminalCommandFeed } from '../electron/core/context/providers/terminals';
import { resolveContextSettings } from '../electron/core/context/settings';
import { EventBus } from '../electron/core/transport/event-bus';
import { startXvfb } from '../test/support/xvfb';
import { printResults, round, summarize } from './support';

const RUNS = Number(process.env.BENCH_RUNS ?? 100);
const IDLE_MS = Number(process.env.BENCH_IDLE_MS ?? 60_000);
const WARMUP = 5;

/** utime+stime of a live process, in ms (USER_HZ = 100). */
function ownCpuMs(pid: number | 'self'): number {
  const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(f[11]) + Number(f[12])) * 10;
}
/** CPU of this process's children that have exited (the clipboard poll's xclips), in ms. */
function reapedChildrenCpuMs(): number {
  const f = fs.readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  return (Number(f[13]) + Number(f[14])) * 10;
}

function makeRepo(dir: string): void {
  const env = { ...process.env, GIT_AUTHOR_NAME: 'Bench', GIT_AUTHOR_EMAIL: 'b@example.com', GIT_COMMITTER_NAME: 'Bench', GIT_COMMITTER_EMAIL: 'b@example.com' };
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, env, stdio: 'ignore' });
  git('init', '-q', '-b', 'main');
  for (let i = 0; i < 200; i++) fs.writeFileSync(path.join(dir, `file${i}.ts`), `export const v${i} = ${i};\n`.repeat(20));
  git('add', '.');
  git('commit', '-q', '-m', 'init');
  for (let i = 0; i < 5; i++) fs.appendFileSync(path.join(dir, `file${i}.ts`), '// changed\n');
  fs.writeFileSync(path.join(dir, 'new.ts'), 'new\n');
}

function feedTerminals(events: EventBus, cwd: string): void {
  const now = Date.now();
  for (let seq = 1; seq <= 3; seq++) {
    const record: TerminalCommand = {
      id: `t1:${seq}`,
      terminalId: 't1',
      seq,
      command: seq === 3 ? 'npm test' : `echo step ${seq}`,
      cwd,
      startedAt: now - 5000,
      endedAt: now - 4000,
      exitCode: seq === 3 ? 1 : 0,
      output: seq === 3 ? `${'  ✓ passes\n'.repeat(150)}  ✗ fails: expected 2, got 3\n` : `step ${seq}\n`,
      outputTruncated: false,
      outputRange: { start: 0, end: 0 },
    };
    events.emit('terminal.command', record);
  }
}

interface Timings {
  ms: number[];
  chips: number;
  errors: number;
}

/**
 * Times snapshots of several engines in turn (one of each per round), so a machine whose load
 * drifts during the run affects every mode alike.
 */
async function timeSnapshots(engines: ContextEngine[], runs: number): Promise<Timings[]> {
  const out: Timings[] = engines.map(() => ({ ms: [], chips: 0, errors: 0 }));
  for (let i = 0; i < runs + WARMUP; i++) {
    for (const [k, engine] of engines.entries()) {
      const t0 = performance.now();
      const snap = await engine.snapshot();
      const elapsed = performance.now() - t0;
      if (i < WARMUP) continue;
      const t = out[k]!;
      t.ms.push(elapsed);
      t.chips += snap.chips.length;
      t.errors += snap.chips.filter((c) => c.error).length;
    }
  }
  return out;
}

async function main() {
  const x = await startXvfb();
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-bench-context-')));
  const repo = path.join(dir, 'repo');
  fs.mkdirSync(repo);
  makeRepo(repo);
  const events = new EventBus();
  const feed = new TerminalCommandFeed(events);
  feedTerminals(events, repo);

  const window = await x.openWindow({ title: 'main.ts - repo - Visual Studio Code', className: 'Code', cwd: repo });
  x.setSelection('primary', 'const selected = compute(input);\n'.repeat(20));
  x.setSelection('clipboard', 'TypeError: cannot read properties of undefined (reading "map")\n    at render (app.tsx:42:17)\n');

  const lifted: ContextSettings = { ...resolveContextSettings(undefined), budgetMs: 2000 };
  const budgeted: ContextSettings = { ...lifted, budgetMs: DEFAULT_CONTEXT_BUDGET_MS };
  const options = { env: x.env, terminals: feed, fallbackCwd: repo, knownFolders: () => [repo] };
  const engine = new ContextEngine({ ...options, settings: () => lifted });
  const coldEngine = new ContextEngine({ ...options, settings: () => lifted });
  const budgetEngine = new ContextEngine({ ...options, settings: () => budgeted });

  try {
    // Watching: the watcher describes the window in front, a snapshot only asks which one it is (the
    // app). Cold: every snapshot reads the window fully (the CLI). Budgeted: the product's 50 ms.
    engine.startWindowWatcher();
    budgetEngine.startWindowWatcher();
    await new Promise((r) => setTimeout(r, 500));
    const [warm, cold, limited] = await timeSnapshots([engine, coldEngine, budgetEngine], RUNS);
    budgetEngine.dispose();
    coldEngine.dispose();
    const shots: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      await engine.snapshot({ includeScreenshot: true });
      shots.push(performance.now() - t0);
    }

    // Idle: watchers on (window spies + the clipboard poll), nothing happening.
    engine.startClipboardWatcher(() => {});
    await new Promise((r) => setTimeout(r, 2000));
    const spies = engine.watcherPids();
    const self0 = ownCpuMs('self');
    const reaped0 = reapedChildrenCpuMs();
    const spies0 = spies.map((p) => ownCpuMs(p));
    await new Promise((r) => setTimeout(r, IDLE_MS));
    const selfMs = ownCpuMs('self') - self0;
    const reapedMs = reapedChildrenCpuMs() - reaped0;
    const spiesMs = spies.map((p, i) => ownCpuMs(p) - spies0[i]!).reduce((a, b) => a + b, 0);
    const pct = (ms: number) => (ms / IDLE_MS) * 100;

    const c = summarize(cold!.ms);
    const w = summarize(warm!.ms);
    const b = summarize(limited!.ms);
    const s = summarize(shots);
    printResults(
      'context: snapshot assembly with every provider on, and the watchers at idle (Xvfb)',
      [
        ['runs per mode', RUNS],
        ['chips per snapshot', round(warm!.chips / RUNS)],
        ['watcher running: p50 ms', w.p50],
        ['watcher running: p95 ms', w.p95],
        ['cold (no watcher): p50 ms', c.p50],
        ['cold (no watcher): p95 ms', c.p95],
        [`with the ${DEFAULT_CONTEXT_BUDGET_MS} ms budget: p95 ms`, b.p95],
        [`with the ${DEFAULT_CONTEXT_BUDGET_MS} ms budget: providers cut`, `${limited!.errors} of ${RUNS * 5}`],
        ['with a screenshot: p50 ms', s.p50],
        [`idle CPU over ${IDLE_MS / 1000} s, % of one core (total)`, pct(selfMs + reapedMs + spiesMs)],
        ['  of which the core process', pct(selfMs)],
        ['  of which clipboard polls (xclip)', pct(reapedMs)],
        ['  of which xprop spies', pct(spiesMs)],
      ],
      {
        runs: RUNS,
        warmP50Ms: round(w.p50),
        warmP95Ms: round(w.p95),
        coldP50Ms: round(c.p50),
        coldP95Ms: round(c.p95),
        budgetedP95Ms: round(b.p95),
        budgetedProvidersCut: limited!.errors,
        screenshotP50Ms: round(s.p50),
        idleMs: IDLE_MS,
        idleCpuPct: round(pct(selfMs + reapedMs + spiesMs), 3),
        idleCpuCorePct: round(pct(selfMs), 3),
        idleCpuClipboardPct: round(pct(reapedMs), 3),
        idleCpuSpiesPct: round(pct(spiesMs), 3),
      },
    );
  } finally {
    for (const e of [engine, coldEngine, budgetEngine]) e.dispose();
    feed.dispose();
    await window.close();
    await x.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
