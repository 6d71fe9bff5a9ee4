/**
 * The suggestion pipeline's two budgets from the issue:
 *
 * 1. From a signal to its card, for rule-based suggestions (goal < 500 ms). Measured twice, on the real
 *    clock with real failing outputs from test/fixtures/tool-output: through the pipeline alone
 *    (parsers, triggers, policy), and through the whole service (the `terminal.command` event on the
 *    bus → the row in SQLite → the `suggestions.surfaced` event the overlay listens to).
 * 2. CPU at idle (goal < 1% of one core): a live service with a suggestion waiting (so its timers are
 *    armed) and nothing happening, against the same process doing nothing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Suggestion, TerminalCommand } from '../shared/contract';
import { Store } from '../electron/core/store';
import { RealClock } from '../electron/core/suggestions/clock';
import { InMemoryFeedbackLedger } from '../electron/core/suggestions/learning';
import { SuggestionPipeline } from '../electron/core/suggestions/pipeline';
import { DEFAULT_POLICY, Policy, type PolicyOptions } from '../electron/core/suggestions/policy';
import { SuggestionsService } from '../electron/core/suggestions/suggestions-service';
import { EventBus } from '../electron/core/transport/event-bus';
import { printResults, round, summarize } from './support';

const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 300);
const IDLE_MS = Number(process.env.BENCH_IDLE_MS ?? 10_000);
const FIXTURES = path.join(process.cwd(), 'test', 'fixtures', 'tool-output');

/** Failing runs a developer sees every day, with the command that printed each. */
const FAILING: [string, string][] = [
  ['pytest -q', 'pytest/failures-q.txt'],
  ['npm test', 'npm/test-vitest.txt'],
  ['npx jest', 'jest/failures-and-suite-error.txt'],
  ['go test ./...', 'go/test-panic.txt'],
  ['RUST_BACKTRACE=1 cargo test', 'cargo/test-backtrace.txt'],
  ['npx tsc -p .', 'tsc/errors-pretty.txt'],
  ['npx eslint src', 'eslint/errors.txt'],
  ['mvn -o test', 'maven/test-failures.txt'],
  ['gradle test', 'gradle/test-failures.txt'],
  ['make', 'make/gcc-errors.txt'],
  ['node worker.js', 'node/unhandled-rejection.txt'],
];
const outputs = FAILING.map(([command, file]) => ({ command, output: fs.readFileSync(path.join(FIXTURES, file), 'utf8') }));

/** Let every sample surface: the cap and cooldowns are what the policy tests cover, not what this measures. */
const OPEN_POLICY: Partial<PolicyOptions> = {
  hourlyCap: Number.MAX_SAFE_INTEGER,
  perInterruptionCost: 0,
  cooldownMs: Object.fromEntries(Object.keys(DEFAULT_POLICY.cooldownMs).map((k) => [k, 0])) as PolicyOptions['cooldownMs'],
};

function pipelineLatencies(): number[] {
  const samples: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const { command, output } = outputs[i % outputs.length]!;
    let surfacedAt = NaN;
    const pipeline = new SuggestionPipeline({
      clock: new RealClock(),
      policy: new Policy(new InMemoryFeedbackLedger()),
      onEvent: (e) => {
        if (e.type === 'surfaced') surfacedAt = performance.now();
      },
    });
    const t0 = performance.now();
    pipeline.signal({ type: 'terminal.command', terminal: '1', cwd: `/work/repo-${i}`, command, exitCode: 1, durationMs: 2000, output });
    if (Number.isNaN(surfacedAt)) throw new Error(`${command} did not surface`);
    samples.push(surfacedAt - t0);
    pipeline.dispose();
  }
  return samples;
}

function terminalCommand(i: number, command: string, output: string): TerminalCommand {
  const now = Date.now();
  return { id: `t1:${i}`, terminalId: 't1', seq: i, command, cwd: `/work/repo-${i}`, startedAt: now - 2000, endedAt: now, exitCode: 1, output, outputTruncated: false, outputRange: { start: 0, end: output.length } };
}

function serviceLatencies(dataDir: string): number[] {
  const store = Store.open(dataDir);
  const events = new EventBus();
  const service = new SuggestionsService({ store, events, isPaused: () => false, policy: OPEN_POLICY });
  let surfacedAt = NaN;
  events.subscribe((event, payload) => {
    if (event === 'suggestions.surfaced' && (payload as Suggestion).id) surfacedAt = performance.now();
  });
  const samples: number[] = [];
  // A crash is the same suggestion in any repo (its key is the error and the frame), so only runner
  // failures are repeated here, each in its own repo.
  const runnerOutputs = outputs.filter((o) => o.command !== 'node worker.js');
  try {
    for (let i = 0; i < SAMPLES; i++) {
      const { command, output } = runnerOutputs[i % runnerOutputs.length]!;
      surfacedAt = NaN;
      const t0 = performance.now();
      events.emit('terminal.command', terminalCommand(i, command, output));
      if (Number.isNaN(surfacedAt)) throw new Error(`${command} did not surface through the service`);
      samples.push(surfacedAt - t0);
    }
  } finally {
    service.dispose();
    store.close();
  }
  return samples;
}

async function idleCpuPct(work: () => () => void): Promise<number> {
  const stop = work();
  await new Promise((r) => setTimeout(r, 500));
  const before = process.cpuUsage();
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, IDLE_MS));
  const used = process.cpuUsage(before);
  const elapsed = performance.now() - t0;
  stop();
  return ((used.user + used.system) / 1000 / elapsed) * 100;
}

async function main() {
  // Warm up the JIT on the parsers before timing them.
  pipelineLatencies();
  const pipeline = summarize(pipelineLatencies());

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-bench-suggestions-'));
  let service: ReturnType<typeof summarize>;
  let idle: number;
  let baseline: number;
  try {
    service = summarize(serviceLatencies(dataDir));

    // A process doing nothing, then the same process with a live service holding a waiting suggestion.
    const keepAlive = () => {
      const timer = setInterval(() => {}, 60_000);
      return () => clearInterval(timer);
    };
    baseline = await idleCpuPct(keepAlive);
    idle = await idleCpuPct(() => {
      const stopKeepAlive = keepAlive();
      const store = Store.open(dataDir);
      const events = new EventBus();
      const live = new SuggestionsService({ store, events, isPaused: () => false });
      live.signal({ type: 'input.activity', state: 'typing' });
      live.signal({ type: 'terminal.command', terminal: '1', cwd: '/work/idle', command: 'pytest -q', exitCode: 1, durationMs: 100, output: outputs[0]!.output });
      live.signal({ type: 'input.activity', state: 'typing' });
      return () => {
        live.dispose();
        store.close();
        stopKeepAlive();
      };
    });
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }

  printResults(
    'suggestions: signal → surfaced card, and idle CPU',
    [
      ['samples (real failing outputs, round robin)', String(SAMPLES)],
      ['pipeline only, p50 ms', ms(pipeline.p50)],
      ['pipeline only, p95 ms', ms(pipeline.p95)],
      ['pipeline only, max ms', ms(pipeline.max)],
      ['service (bus → SQLite → surfaced event), p50 ms', ms(service.p50)],
      ['service, p95 ms', ms(service.p95)],
      ['service, max ms', ms(service.max)],
      [`idle CPU of a live service over ${IDLE_MS / 1000} s, % of one core`, idle.toFixed(3)],
      ['same process with nothing running, % of one core', baseline.toFixed(3)],
    ],
    {
      samples: SAMPLES,
      pipelineP50Ms: round(pipeline.p50, 3),
      pipelineP95Ms: round(pipeline.p95, 3),
      serviceP50Ms: round(service.p50, 3),
      serviceP95Ms: round(service.p95, 3),
      serviceMaxMs: round(service.max, 3),
      idleCpuPct: round(idle, 3),
      baselineIdleCpuPct: round(baseline, 3),
    },
  );
}

const ms = (n: number) => n.toFixed(2);

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
