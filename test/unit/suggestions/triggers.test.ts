import { describe, expect, it } from 'vitest';
import { Triggers } from '../../../electron/core/suggestions/triggers';
import type { Signal } from '../../../electron/core/suggestions/signals';
import { toolOutput } from './tool-output';

const PY = '/tmp/sugg-cap/py/proj';
const command = (over: Partial<Extract<Signal, { type: 'terminal.command' }>>): Signal => ({
  t: 10_000,
  type: 'terminal.command',
  terminal: '1',
  cwd: PY,
  command: 'pytest -q',
  exitCode: 1,
  durationMs: 2900,
  output: toolOutput('pytest/failures-q.txt'),
  ...over,
});

describe('triggers on finished commands', () => {
  it('turns a failing test run into a fix-in-worktree candidate with every location', () => {
    const { candidates } = new Triggers().consume(command({}));
    expect(candidates).toHaveLength(1);
    const c = candidates[0]!;
    expect(c).toMatchObject({ kind: 'test-failure', confidence: 0.9, repo: PY, situation: 'pytest', requested: false, createdAt: 10_000 });
    expect(c.title).toBe('4 failing tests (pytest) — first: test_discount_over_100_is_clamped');
    expect(c.why).toBe(
      '`pytest -q` exited with 1 after 2.9 s (4 failed, 5 passed in 2.90s). First: test_discount_over_100_is_clamped at billing/invoice.py:10 — ValueError: discount 120% is over 100%.',
    );
    expect(c.action).toEqual({
      type: 'fix-in-worktree',
      repo: PY,
      command: 'pytest -q',
      locations: [
        { name: 'test_discount_over_100_is_clamped', file: 'billing/invoice.py', line: 10 },
        { name: 'test_parse_amount_with_currency', file: 'billing/invoice.py', line: 15 },
        { name: 'test_normalize_mc', file: 'tests/test_users.py', line: 10 },
        { name: 'TestEmails::test_domain', file: 'tests/test_users.py', line: 19 },
      ],
      // The end of the output, for whoever drafts the fix.
      outputTail: toolOutput('pytest/failures-q.txt').trimEnd(),
    });
    expect(c.originKeys).toEqual([`cmd|${PY}|pytest -q`, `run|${PY}|pytest`]);
  });

  it('gives the same failures the same dedupe key whatever the output format', () => {
    const a = new Triggers().consume(command({})).candidates[0]!;
    const b = new Triggers().consume(command({ command: 'python -m pytest', output: toolOutput('pytest/failures-default.txt') })).candidates[0]!;
    const c = new Triggers().consume(command({ output: toolOutput('pytest/failures-users-file.txt') })).candidates[0]!;
    expect(b.dedupeKey).toBe(a.dedupeKey);
    expect(c.dedupeKey).not.toBe(a.dedupeKey);
  });

  it('says nothing about interrupted commands, unknown failures and exit codes that are not failures', () => {
    const t = new Triggers();
    for (const s of [
      command({ exitCode: 130 }),
      command({ exitCode: null }),
      command({ command: 'grep -rn TODO .', output: '' }),
      command({ command: 'git status', exitCode: 128, output: 'fatal: not a git repository (or any of the parent directories): .git\n' }),
      command({ command: 'git merge feature', output: toolOutput('git/merge-conflict.txt') }),
      command({ command: 'npx eslint src', exitCode: 0, output: toolOutput('eslint/warnings-only.txt') }),
    ]) {
      expect(t.consume(s).candidates, JSON.stringify(s).slice(0, 80)).toEqual([]);
    }
  });

  it('settles earlier candidates when the same command or runner passes', () => {
    const { candidates, resolved } = new Triggers().consume(command({ exitCode: 0, output: toolOutput('pytest/pass.txt'), command: 'pytest -q tests/test_users.py' }));
    expect(candidates).toEqual([]);
    expect(resolved).toEqual([`cmd|${PY}|pytest -q tests/test_users.py`, `run|${PY}|pytest`]);
  });

  it('knows tsc from the command when a clean run prints nothing', () => {
    expect(new Triggers().consume(command({ cwd: '/ts', command: 'npx tsc -p .', exitCode: 0, output: '' })).resolved).toContain('run|/ts|tsc');
  });

  it('lowers a failure in the test file the user was just editing: the red step of red-green', () => {
    const t = new Triggers();
    t.consume({ t: 0, type: 'window.focus', app: 'code', title: 'test_users.py - proj - Visual Studio Code' });
    t.consume({ t: 60_000, type: 'window.focus', app: 'gnome-terminal', title: 'ada@box: ~/proj' });
    const red = t.consume(command({ t: 70_000, command: 'pytest -q tests/test_users.py', output: toolOutput('pytest/failures-users-file.txt') })).candidates[0]!;
    expect(red.confidence).toBeCloseTo(0.5);
    expect(red.situation).toBe('pytest:editing-test');
    expect(red.why).toContain('You were just editing test_users.py, so this may be the red step of red-green.');

    const other = new Triggers();
    other.consume({ t: 0, type: 'window.focus', app: 'code', title: 'users.py - proj - Visual Studio Code' });
    expect(other.consume(command({ t: 70_000, output: toolOutput('pytest/failures-users-file.txt') })).candidates[0]!.confidence).toBe(0.9);
  });

  it('classifies build, lint, crash, npm and network failures', () => {
    const t = new Triggers();
    const kind = (s: Signal) => {
      const c = t.consume(s).candidates[0];
      return c && [c.kind, c.confidence, c.action.type, c.situation];
    };
    expect(kind(command({ cwd: '/ts', command: 'npx tsc -p .', exitCode: 2, output: toolOutput('tsc/errors.txt') }))).toEqual(['build-failure', 0.85, 'fix-in-worktree', 'tsc']);
    expect(kind(command({ cwd: '/es', command: 'npx eslint src', output: toolOutput('eslint/errors.txt') }))).toEqual(['lint-failure', 0.6, 'fix-in-worktree', 'eslint']);
    expect(kind(command({ cwd: '/mk', command: 'make test', exitCode: 2, output: toolOutput('make/test-target-fails.txt') }))).toEqual(['build-failure', 0.55, 'explain', 'make']);
    expect(kind(command({ cwd: '/n', command: 'node worker.js', output: toolOutput('node/unhandled-rejection.txt') }))).toEqual(['crash', 0.8, 'explain', 'node']);
    expect(kind(command({ cwd: '/p', command: 'python -c "..."', output: toolOutput('python/chained-traceback.txt') }))).toEqual(['crash', 0.6, 'explain', 'python']);
    expect(kind(command({ cwd: '/v', command: 'npm run lint', output: toolOutput('npm/missing-script.txt') }))).toEqual(['command-error', 0.5, 'explain', 'npm:Missing script']);
    expect(kind(command({ cwd: '/v', command: 'npm install left-pad', output: toolOutput('npm/install-econnrefused.txt') }))).toEqual(['transient-failure', 0.45, 'rerun', 'network']);
    expect(kind(command({ cwd: '/x', terminal: '3', command: 'git clone https://git.example.invalid/acme/shop.git', exitCode: 128, output: toolOutput('network/git-clone-dns.txt') }))).toEqual([
      'transient-failure',
      0.65,
      'rerun',
      'network',
    ]);
  });

  it('gives a crash and the same trace copied later one dedupe key', () => {
    const t = new Triggers();
    const crash = t.consume(command({ cwd: '/rs', command: 'cargo run', exitCode: 101, output: toolOutput('cargo/run-panic.txt') })).candidates[0]!;
    const copied = t.consume({ t: 20_000, type: 'clipboard', text: toolOutput('cargo/run-panic-backtrace.txt') }).candidates[0]!;
    expect(crash.kind).toBe('crash');
    expect(copied.kind).toBe('stack-trace');
    expect(copied.dedupeKey).toBe(crash.dedupeKey);
  });
});

describe('triggers on copied and selected text', () => {
  it('offers to explain a copied trace, less eagerly for a selection', () => {
    const t = new Triggers();
    const copied = t.consume({ t: 1, type: 'clipboard', text: toolOutput('python/traceback.txt') }).candidates[0]!;
    expect(copied).toMatchObject({ kind: 'stack-trace', confidence: 0.85, situation: 'clipboard:python' });
    expect(copied.why).toBe(
      "You copied a Python stack trace: decimal.InvalidOperation: [<class 'decimal.ConversionSyntax'>], raised at /tmp/sugg-cap/py/proj/billing/invoice.py:15 (4 frames).",
    );
    const selected = t.consume({ t: 2, type: 'selection', text: toolOutput('java/caused-by.txt'), app: 'firefox' }).candidates[0]!;
    expect(selected).toMatchObject({ kind: 'stack-trace', confidence: 0.7, situation: 'selection:java' });
    expect(selected.why.startsWith('You selected in firefox a Java stack trace')).toBe(true);
  });

  it('ignores ordinary text, and anything copied inside Tandem', () => {
    const t = new Triggers();
    for (const text of ['https://github.com/acme/shop/pull/42', '{"id": 7}', 'Error: expected 200 "OK", got 404', 'export const x = 1;']) {
      expect(t.consume({ t: 1, type: 'clipboard', text }).candidates).toEqual([]);
    }
    t.consume({ t: 2, type: 'window.focus', app: 'tandem', title: 'Tandem — thread' });
    expect(t.consume({ t: 3, type: 'clipboard', text: toolOutput('python/traceback.txt') }).candidates).toEqual([]);
  });
});

describe('triggers on git, the agent and watched commands', () => {
  it('offers a review after three commits on a feature branch, never on main', () => {
    const t = new Triggers();
    const commit = (t0: number, branch: string) => t.consume({ t: t0, type: 'git', event: 'commit', repo: '/r', branch, message: `commit ${t0}` }).candidates;
    expect(commit(1, 'feature/x')).toEqual([]);
    expect(commit(2, 'feature/x')).toEqual([]);
    const review = commit(3, 'feature/x')[0]!;
    expect(review).toMatchObject({ kind: 'branch-review', confidence: 0.6, action: { type: 'review-branch', repo: '/r', branch: 'feature/x', threadId: null } });
    expect(commit(4, 'feature/x')[0]!.confidence).toBeCloseTo(0.65);
    for (let i = 0; i < 5; i++) expect(commit(10 + i, 'main')).toEqual([]);
  });

  it('explains a conflict and lets the next commit settle it', () => {
    const t = new Triggers();
    const conflict = t.consume({ t: 1, type: 'git', event: 'conflict', repo: '/r', branch: 'main', files: ['README.md', 'calc.py'] }).candidates[0]!;
    expect(conflict).toMatchObject({ kind: 'merge-conflict', title: 'Merge conflict in 2 files on main', originKeys: ['conflict|/r'] });
    expect(t.consume({ t: 2, type: 'git', event: 'commit', repo: '/r', branch: 'main' }).resolved).toEqual(['conflict|/r']);
  });

  it('reports a finished agent turn unless the user stopped it or is looking at Tandem', () => {
    const t = new Triggers();
    const done = t.consume({ t: 1, type: 'agent.turnFinished', threadId: 't7', turnId: 'u2', status: 'completed', title: 'Fix clamping', filesChanged: 2, repo: '/r', branch: 'tandem/x' }).candidates[0]!;
    expect(done).toMatchObject({ kind: 'agent-done', requested: true, title: 'Agent finished Fix clamping (2 files changed)', action: { type: 'review-branch', threadId: 't7', branch: 'tandem/x' } });
    const failed = t.consume({ t: 2, type: 'agent.turnFinished', threadId: 't7', turnId: 'u3', status: 'failed', summary: 'The model returned an error' }).candidates[0]!;
    expect(failed.action).toEqual({ type: 'explain', subject: 'The model returned an error', cwd: null });
    expect(t.consume({ t: 3, type: 'agent.turnFinished', threadId: 't7', status: 'interrupted' }).candidates).toEqual([]);
    t.consume({ t: 4, type: 'window.focus', app: 'tandem', title: 'Tandem' });
    expect(t.consume({ t: 5, type: 'agent.turnFinished', threadId: 't7', turnId: 'u4', status: 'completed' }).candidates).toEqual([]);
  });

  it('watches babysat commands for errors and for the end', () => {
    const t = new Triggers();
    const watch = { type: 'babysit' as const, terminal: '5', command: 'npx tsc -p . --watch', cwd: '/ts' };
    expect(t.consume({ t: 1, ...watch, event: 'started' }).candidates).toEqual([]);
    expect(t.consume({ t: 2, ...watch, event: 'output', output: '3:23:38 PM - Starting compilation in watch mode...' }).candidates).toEqual([]);
    const failed = t.consume({ t: 3, ...watch, event: 'output', output: toolOutput('tsc/watch-error.txt') }).candidates[0]!;
    expect(failed).toMatchObject({ kind: 'babysit-failed', requested: true, confidence: 0.95, action: { type: 'fix-in-worktree', locations: [{ name: 'TS18048', file: 'src/api.ts', line: 3, column: 10 }] } });
    expect(t.consume({ t: 4, ...watch, event: 'output', output: '[vite] Error: Failed to resolve import "./tax.js"' }).candidates[0]?.kind).toBe('babysit-failed');
    const done = t.consume({ t: 5, ...watch, event: 'exited', exitCode: 0, output: toolOutput('cargo/build-release.txt') }).candidates[0]!;
    expect(done).toMatchObject({ kind: 'babysit-done', title: 'npx tsc -p . --watch finished' });
    expect(done.why).toBe('You asked Tandem to watch `npx tsc -p . --watch`; it exited with 0. Last line: Finished `release` profile [optimized] target(s) in 0.71s');
  });
});
