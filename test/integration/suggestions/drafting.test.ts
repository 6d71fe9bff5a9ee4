/**
 * Background drafting through the whole core (createCore, as the app runs it): a real failing pytest
 * run reaches the suggestions service as a finished terminal command; with drafting on and a model
 * set (the fake OpenAI server), an agent thread works in its own worktree — the scripted model patches
 * the code with apply_patch and reruns the test in the sandbox — and the card's draft reports what the
 * worktree diff and the rerun's exit code say. The user's checkout is untouched; the tokens are charged
 * to today's budget; a spent budget drafts nothing, and a budget that runs out stops the turn.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CommandExecutionItem, DraftingSettings, EventName, Suggestion, SuggestionDraft, TerminalCommand, ThreadItem } from '../../../shared/contract';
import { createCore, type Core } from '../../../electron/core/app';
import { FileKeychain } from '../../../electron/core/secrets/file-keychain';
import { forkPtyHost } from '../../../electron/core/terminals/host-channel';
import { startFakeOpenAI, type FakeOpenAIServer } from '../../support/fake-openai';
import { makeTempDir } from '../../support/temp-dir';
import { buildPtyHost } from '../terminals/support/harness';

const PYTEST = 'python3 -m pytest -q -p no:cacheprovider tests';
const BROKEN = 'def with_tax(cents, percent):\n    return cents + cents * percent // 100\n';
const FIXED = 'def with_tax(cents, percent):\n    return cents + (cents * percent + 50) // 100\n';
const PATCH = `*** Begin Patch
*** Update File: prices.py
@@
 def with_tax(cents, percent):
-    return cents + cents * percent // 100
+    return cents + (cents * percent + 50) // 100
*** End Patch`;

let tmp: ReturnType<typeof makeTempDir>;
let fake: FakeOpenAIServer;
let core: Core;
let repo: string;
const seen: { event: EventName; payload: unknown }[] = [];

beforeAll(async () => {
  tmp = makeTempDir('tandem-drafting-');
  fake = await startFakeOpenAI();
  repo = path.join(tmp.dir, 'proj');
  makeRepo(repo);
  core = createCore({
    dataDir: path.join(tmp.dir, 'data'),
    version: 't',
    env: { PATH: process.env['PATH'], HOME: tmp.dir, OPENAI_BASE_URL: fake.baseUrl, OPENAI_API_KEY: 'sk-test-drafting' },
    platform: { mode: 'web', keychain: new FileKeychain(tmp.dir), hotkey: null },
    terminals: { launcher: forkPtyHost({ entry: await buildPtyHost() }), homeDir: tmp.dir },
  });
  core.events.subscribe((event, payload) => seen.push({ event, payload }));
  await call('provider.update', { model: 'gpt-5-mini', wireApi: 'responses' });
  await call('workspaces.add', { path: repo });
});

afterEach(() => {
  fake.assertNoViolations();
  fake.reset();
});

afterAll(async () => {
  await core?.dispose();
  await fake?.close();
  tmp?.cleanup();
});

describe('background drafting', () => {
  it('drafts a verified fix in a worktree: the card reads +1 −1, tests pass; the checkout is untouched; the budget is charged', async () => {
    const settings = await call<DraftingSettings>('suggestions.drafting.set', { enabled: true, dailyTokenCap: 100_000 });
    expect(settings).toMatchObject({ enabled: true, usedToday: 0, modelConfigured: true });
    fake.script([
      { reply: { text: 'The tax is truncated instead of rounded; fixing prices.py.', toolCalls: [{ name: 'apply_patch', arguments: { input: PATCH } }], usage: { inputTokens: 1200, outputTokens: 80 } } },
      { reply: { toolCalls: [{ name: 'shell', arguments: { command: PYTEST } }], usage: { inputTokens: 1400, outputTokens: 30 } } },
      {
        reply: {
          text: 'with_tax truncated the tax (99 * 9 // 100 = 8); it now rounds half up, so 99 + 9% is 108. `' + PYTEST + '` passes.',
          usage: { inputTokens: 1600, outputTokens: 50 },
        },
      },
    ]);

    const suggestion = await failingRun();
    const draft = await waitForDraft(suggestion.id, (d) => d.status !== 'drafting');
    fake.assertScriptConsumed();
    expect(draft).toMatchObject({ status: 'ready', linesAdded: 1, linesRemoved: 1, testsPassed: true, verification: PYTEST, tokens: 4360 });
    if (draft.status !== 'ready') throw new Error('not ready');
    expect(draft.summary).toMatch(/^with_tax truncated the tax/);

    // The model saw the evidence: the failing test with its file:line and the output's end.
    const first = JSON.stringify(fake.requests[0]!.body);
    expect(first).toContain('tests/test_prices.py:5 — test_rounds_half_up');
    expect(first).toContain('assert 107 == 108');
    expect(first).toContain('Run `' + PYTEST + '` again');

    // The fix is in the worktree; the user's checkout is exactly as it was.
    expect(fs.readFileSync(path.join(draft.worktree.path, 'prices.py'), 'utf8')).toBe(FIXED);
    expect(fs.readFileSync(path.join(repo, 'prices.py'), 'utf8')).toBe(BROKEN);
    expect(git(repo, 'status', '--porcelain')).toBe('?? notes.txt\n');
    expect(draft.worktree.path.startsWith(path.join(tmp.dir, 'data'))).toBe(true);

    // The thread ran sandboxed with nobody to ask, and its rerun passed.
    const thread = await call<{ thread: { id: string; title: string; workspaceId: string | null }; items: ThreadItem[] }>('threads.get', { id: draft.threadId });
    expect(thread.thread.title).toBe(`Draft fix: ${suggestion.title}`);
    const run = thread.items.map((i) => i.data as CommandExecutionItem).find((d) => d.type === 'commandExecution')!;
    expect(run).toMatchObject({ command: PYTEST, exitCode: 0, sandbox: 'workspace-write', cwd: draft.worktree.path });
    const started = seen.find((s) => s.event === 'turn.started' && (s.payload as { threadId: string }).threadId === draft.threadId)!.payload as { turn: { approvalPolicy: string; sandbox: string } };
    expect(started.turn).toMatchObject({ approvalPolicy: 'never', sandbox: 'workspace-write' });

    // The review panel's source for the card: the worktree against its base shows exactly the fix.
    const diff = await call<{ files: { path: string }[] }>('review.diff', { workspacePath: draft.worktree.path, source: { kind: 'worktree', path: draft.worktree.path, base: draft.worktree.base } });
    expect(diff.files.map((f) => f.path)).toEqual(['prices.py']);

    // Charged to today's budget, and the inbox shows the draft.
    expect((await call<DraftingSettings>('suggestions.drafting.get', {})).usedToday).toBe(4360);
    expect((await call<Suggestion[]>('suggestions.list', {})).find((s) => s.id === suggestion.id)?.draft).toEqual(draft);
  });

  it('stops the turn when the budget runs out, and drafts nothing once it is spent', async () => {
    const used = (await call<DraftingSettings>('suggestions.drafting.get', {})).usedToday;
    await call('suggestions.drafting.set', { enabled: true, dailyTokenCap: used + 1_500 });
    fake.script([
      { reply: { text: 'Looking.', toolCalls: [{ name: 'shell', arguments: { command: 'cat prices.py' } }], usage: { inputTokens: 1900, outputTokens: 20 } } },
      { reply: { text: 'never sent' } },
    ]);
    // A failure of its own: the first test's card for test_prices would make this one a repeat.
    fs.writeFileSync(path.join(repo, 'tests', 'test_totals.py'), 'from prices import with_tax\n\n\ndef test_zero_tax():\n    assert with_tax(100, 0) == 101\n');
    const suggestion = await failingRun('tests/test_totals.py');
    const draft = await waitForDraft(suggestion.id, (d) => d.status !== 'drafting');
    expect(draft).toMatchObject({ status: 'failed', reason: 'Today’s drafting budget ran out before the fix was finished.', tokens: 1920 });
    expect(fake.requests).toHaveLength(1);
    expect((await call<DraftingSettings>('suggestions.drafting.get', {})).usedToday).toBe(used + 1920);

    // Spent: the next failure gets a card, but no draft and no model request.
    fake.reset();
    fs.writeFileSync(path.join(repo, 'tests', 'test_refunds.py'), 'from prices import with_tax\n\n\ndef test_negative():\n    assert with_tax(-100, 10) == -111\n');
    const next = await failingRun('tests/test_refunds.py');
    // Whether to draft is decided when the suggestion enters the inbox: there is nothing to wait for.
    expect(core.store.suggestions.get(next.id)?.draft).toBeNull();
    expect(fake.requests).toHaveLength(0);
  });
});

// -------------------------------------------------------------------------------------------------

async function call<T>(method: string, input: unknown): Promise<T> {
  const result = await core.router.dispatch(method, input, { clientId: 'test' });
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.result as T;
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8' });
}

function makeRepo(dir: string): void {
  fs.mkdirSync(path.join(dir, 'tests'), { recursive: true });
  fs.writeFileSync(path.join(dir, '.gitignore'), '__pycache__/\n');
  fs.writeFileSync(path.join(dir, 'prices.py'), BROKEN);
  fs.writeFileSync(path.join(dir, 'tests', 'test_prices.py'), 'from prices import with_tax\n\n\ndef test_rounds_half_up():\n    assert with_tax(99, 9) == 108\n');
  fs.writeFileSync(path.join(dir, 'conftest.py'), '');
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'prices');
  // Uncommitted work of the user's, which the draft must neither lose nor show as its own change.
  fs.writeFileSync(path.join(dir, 'notes.txt'), 'todo: rounding\n');
}

let seq = 0;
/** Runs the failing test for real and reports it as the terminal's shell integration would. */
async function failingRun(target = 'tests'): Promise<Suggestion> {
  const command = target === 'tests' ? PYTEST : `python3 -m pytest -q -p no:cacheprovider ${target}`;
  const args = command.split(' ');
  const started = Date.now();
  const result = spawnSync(args[0]!, args.slice(1), { cwd: repo, encoding: 'utf8', env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' } });
  expect(result.status).toBe(1);
  const before = new Set(core.store.suggestions.list().map((s) => s.id));
  seq += 1;
  const finished: TerminalCommand = {
    id: `t1:${seq}`,
    terminalId: 't1',
    seq,
    command,
    cwd: repo,
    startedAt: started,
    endedAt: Date.now(),
    exitCode: result.status,
    output: result.stdout + result.stderr,
    outputTruncated: false,
    outputRange: { start: 0, end: 0 },
  };
  core.events.emit('terminal.command', finished);
  const added = core.store.suggestions.list().find((s) => !before.has(s.id));
  if (!added) throw new Error(`the failing run made no suggestion: ${finished.output}`);
  return (await call<Suggestion[]>('suggestions.list', {})).find((s) => s.id === added.id)!;
}

async function waitForDraft(id: string, done: (d: SuggestionDraft) => boolean, timeoutMs = 50_000): Promise<SuggestionDraft> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const draft = core.store.suggestions.get(id)?.draft as SuggestionDraft | null | undefined;
    if (draft && done(draft)) return draft;
    if (Date.now() > deadline) throw new Error(`no finished draft for ${id}; draft: ${JSON.stringify(draft)}; events: ${seen.map((s) => s.event).join(', ')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
