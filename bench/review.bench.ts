/**
 * The review panel's model on a big diff: 100,000 changed lines over 1,000 files (goal: parse and
 * build in < 500 ms). A real repository is built in a temp folder and git's real output is used.
 * Also measured: the whole `review.diff` for the working source (git + parse + untracked files),
 * and the size and serialisation time of the model sent to the window.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { diffRawAndPatch } from '../electron/core/git/diff';
import { parseGitDiff } from '../electron/core/review/diff-model';
import { loadDiff } from '../electron/core/review/diff-sources';
import { printResults, round, summarize } from './support';

const FILES = Number(process.env.BENCH_REVIEW_FILES ?? 1000);
/** Each file gets this many lines replaced: one removed and one added line each. */
const CHANGED_PER_FILE = Number(process.env.BENCH_REVIEW_CHANGED ?? 50);
const LINES_PER_FILE = 200;
const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const GOAL_MS = 500;

const env = { ...process.env, GIT_AUTHOR_NAME: 'Bench', GIT_AUTHOR_EMAIL: 'bench@example.com', GIT_COMMITTER_NAME: 'Bench', GIT_COMMITTER_EMAIL: 'bench@example.com' };
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 30 });

function buildRepo(): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-bench-review-')));
  git(root, 'init', '-q', '-b', 'main');
  const fileText = (f: number, changed: boolean) =>
    Array.from({ length: LINES_PER_FILE }, (_, i) => {
      const touched = changed && i % Math.floor(LINES_PER_FILE / CHANGED_PER_FILE) === 0;
      return `  const value${i} = compute(${f}, ${i}); // ${touched ? 'changed by the agent' : 'original line'}`;
    }).join('\n') + '\n';
  for (let f = 0; f < FILES; f++) {
    const dir = path.join(root, 'src', `module${Math.floor(f / 50)}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `file${f}.ts`), fileText(f, false));
  }
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'base');
  for (let f = 0; f < FILES; f++) fs.writeFileSync(path.join(root, 'src', `module${Math.floor(f / 50)}`, `file${f}.ts`), fileText(f, true));
  return root;
}

async function main() {
  const t0 = performance.now();
  const root = buildRepo();
  const setupMs = performance.now() - t0;
  try {
    const gitTimes: number[] = [];
    let text = '';
    for (let i = 0; i < 3; i++) {
      const g0 = performance.now();
      text = await diffRawAndPatch(root, { kind: 'index-to-worktree' });
      gitTimes.push(performance.now() - g0);
    }

    const parseTimes: number[] = [];
    const parseCpu: number[] = [];
    let files = parseGitDiff(text, 'unstaged');
    for (let i = 0; i < RUNS; i++) {
      const c0 = process.cpuUsage();
      const p0 = performance.now();
      files = parseGitDiff(text, 'unstaged');
      parseTimes.push(performance.now() - p0);
      const c = process.cpuUsage(c0);
      parseCpu.push((c.user + c.system) / 1000);
    }
    const changedLines = files.reduce((n, f) => n + f.additions + f.deletions, 0);
    const allLines = files.reduce((n, f) => n + f.hunks.reduce((m, h) => m + h.lines.length, 0), 0);

    const s0 = performance.now();
    const json = JSON.stringify(files);
    const serializeMs = performance.now() - s0;

    const endToEnd: number[] = [];
    for (let i = 0; i < Math.min(RUNS, 5); i++) {
      const e0 = performance.now();
      await loadDiff(root, { kind: 'working' });
      endToEnd.push(performance.now() - e0);
    }

    const parse = summarize(parseTimes);
    const cpu = summarize(parseCpu);
    // Wall times stretch when other processes compete for the 2 cores; CPU time and load say how much.
    const load = os.loadavg()[0]!;
    const whole = summarize(endToEnd);
    const gitRun = summarize(gitTimes);
    printResults(
      `review: parse + build the model for ${changedLines.toLocaleString('en')} changed lines over ${files.length.toLocaleString('en')} files`,
      [
        ['diff text, MB', text.length / 1e6],
        ['lines in hunks (with context)', allLines],
        ['git diff (raw + patch), p50 ms', gitRun.p50],
        [`parse + build, p50 ms (goal < ${GOAL_MS})`, parse.p50],
        ['parse + build, max ms', parse.max],
        ['parse + build, CPU time p50 ms (all threads, GC included)', cpu.p50],
        ['load average (1 min) during the run', load],
        ['review.diff working source end to end, p50 ms', whole.p50],
        ['model as JSON, MB', json.length / 1e6],
        ['JSON.stringify of the model, ms', serializeMs],
        ['repo setup (not measured above), ms', setupMs],
        ['within goal, wall time', parse.p50 < GOAL_MS ? 'yes' : 'NO'],
        ['within goal, CPU time (what an idle machine would show)', cpu.p50 < GOAL_MS ? 'yes' : 'NO'],
      ],
      {
        files: files.length,
        changedLines,
        hunkLines: allLines,
        diffMb: round(text.length / 1e6, 2),
        gitDiffP50Ms: round(gitRun.p50),
        parseP50Ms: round(parse.p50),
        parseMaxMs: round(parse.max),
        parseCpuP50Ms: round(cpu.p50),
        loadAverage: round(load, 2),
        endToEndP50Ms: round(whole.p50),
        jsonMb: round(json.length / 1e6, 2),
        serializeMs: round(serializeMs),
        goalMs: GOAL_MS,
        withinGoal: parse.p50 < GOAL_MS,
        withinGoalCpu: cpu.p50 < GOAL_MS,
      },
    );
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
