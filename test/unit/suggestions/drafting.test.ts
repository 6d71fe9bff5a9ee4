import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommandExecutionItem } from '../../../shared/contract';
import { Store } from '../../../electron/core/store';
import { SimulatedClock } from '../../../electron/core/suggestions/clock';
import { shouldDraft, type DraftSettings, type FixSuggestion } from '../../../electron/core/suggestions/drafting';
import { verification } from '../../../electron/core/suggestions/drafting/agent-drafter';
import { DraftingBudget } from '../../../electron/core/suggestions/drafting/draft-budget';
import { draftInstructions } from '../../../electron/core/suggestions/drafting/draft-instructions';
import { makeTempDir } from '../../support/temp-dir';

const fix: FixSuggestion = {
  id: 's1',
  kind: 'test-failure',
  title: 'test_rounds_half_up failed (pytest)',
  why: '`pytest -q` exited with 1 (1 failed). First: test_rounds_half_up at tests/test_prices.py:5 — assert 107 == 108.',
  confidence: 0.9,
  action: { type: 'fix-in-worktree', repo: '/home/u/shop', command: 'pytest -q', locations: [{ name: 'test_rounds_half_up', file: 'tests/test_prices.py', line: 5 }], outputTail: 'E   assert 107 == 108\n1 failed in 0.02s' },
  dedupeKey: 'k',
  repo: '/home/u/shop',
  situation: 'pytest',
  originKeys: [],
  requested: false,
  createdAt: 0,
};

describe('which suggestions are drafted', () => {
  const on: DraftSettings = { enabled: true, modelConfigured: true, tokensLeftToday: 1000 };
  it('only sure fixes with a place to start, when the user allows it, a model is set and tokens are left', () => {
    expect(shouldDraft(fix, on)).toBe(true);
    expect(shouldDraft(fix, { ...on, enabled: false })).toBe(false);
    expect(shouldDraft(fix, { ...on, modelConfigured: false })).toBe(false);
    expect(shouldDraft(fix, { ...on, tokensLeftToday: 0 })).toBe(false);
    expect(shouldDraft({ ...fix, confidence: 0.7 }, on)).toBe(false);
    expect(shouldDraft({ ...fix, action: { ...fix.action, locations: [] } }, on)).toBe(false);
    expect(shouldDraft({ ...fix, action: { ...fix.action, repo: null } }, on)).toBe(false);
    expect(shouldDraft({ ...fix, action: { type: 'explain', subject: 'x', cwd: null } }, on)).toBe(false);
  });

  it('asks for an explanation, the smallest fix and a rerun, with the evidence', () => {
    const text = draftInstructions(fix, '/data/worktrees/t1');
    expect(text).toContain('What failed: test_rounds_half_up failed (pytest)');
    expect(text).toContain('- tests/test_prices.py:5 — test_rounds_half_up');
    expect(text).toContain('```\nE   assert 107 == 108\n1 failed in 0.02s\n```');
    expect(text).toContain('3. Run `pytest -q` again to check the fix.');
    expect(text).toContain('Command: `pytest -q` (run it from /data/worktrees/t1)');
  });
});

describe('the check that verified a draft', () => {
  const run = (command: string, exitCode: number | null, extra: Partial<CommandExecutionItem> = {}) =>
    ({ type: 'commandExecution', id: command, command, exitCode, timedOut: false, status: 'completed', output: '', cwd: '/w', durationMs: 1, sandbox: 'workspace-write', terminalId: null, reason: null, step: 1, call: { id: 'c', name: 'shell' }, ...extra }) as unknown as CommandExecutionItem;
  it('is the last run of the failing command, else the last command that ran', () => {
    expect(verification([run('pytest  -q', 1), run('pytest -q', 0), run('cat prices.py', 0)], 'pytest -q')?.id).toBe('pytest -q');
    expect(verification([run('npm test', 1), run('ls', 0)], 'pytest -q')?.id).toBe('ls');
    expect(verification([run('pytest -q', null)], 'pytest -q')).toBeNull();
    expect(verification([run('pytest -q', null, { timedOut: true })], 'pytest -q')?.timedOut).toBe(true);
  });
});

describe('the daily drafting budget', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let store: Store;
  beforeEach(() => {
    tmp = makeTempDir('tandem-draft-budget-');
    store = Store.open(tmp.dir);
  });
  afterEach(() => {
    store.close();
    tmp.cleanup();
  });

  it('is off by default, charges survive a reopen, and a new day starts from zero', () => {
    const morning = new Date(2026, 10, 25, 9, 0).getTime();
    const clock = new SimulatedClock(morning);
    const budget = new DraftingBudget(store.settings, clock);
    expect(budget.snapshot(true)).toEqual({ enabled: false, dailyTokenCap: 200_000, usedToday: 0, modelConfigured: true });
    budget.update({ dailyTokenCap: 5_000 });
    budget.charge(3_000);
    budget.charge(1_500);
    expect(new DraftingBudget(store.settings, clock).left()).toBe(500);
    budget.charge(900);
    expect(budget.left()).toBe(0);
    clock.advanceTo(new Date(2026, 10, 26, 0, 1).getTime());
    expect(budget.usedToday()).toBe(0);
    expect(budget.left()).toBe(5_000);
  });
});
