// Worktree threads end to end: two threads created in worktree mode run scripted model turns at the same
// time that edit the same file (a shell command, then apply_patch) in the real sandbox, each in its own
// worktree; the user's checkout is untouched until "apply", which brings one thread's changes over, and a
// second apply that conflicts reports the file and leaves the user's tree byte for byte as it was.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AgentItem, ApprovalRequest, CommandExecutionItem, FileChangeItem, Thread, WorktreeApplyResult } from '../../../../shared/contract';
import { ThreadWorktrees } from '../../../../electron/core/agent/worktrees/thread-worktrees';
import { WorktreeThreadsService } from '../../../../electron/core/agent/worktrees/worktree-threads-service';
import { toLoggedItem } from '../../../../electron/core/agent/items';
import { ThreadsService } from '../../../../electron/core/services/threads-service';
import { startFakeOpenAI, type FakeOpenAIServer } from '../../../support/fake-openai';
import { AgentHarness } from '../support/agent-harness';

let fake: FakeOpenAIServer;
let harness: AgentHarness | null = null;

beforeAll(async () => {
  fake = await startFakeOpenAI();
  return () => fake.close();
});

afterEach(async () => {
  await harness?.close();
  harness = null;
  fake.reset();
});

const SHARED = 'notes.txt';
const BASE_NOTES = 'first line\nsecond line\n';

/** Both turns run this: each writes its own worktree's name (the thread id) into the same file. */
const EDIT = `printf 'edited by %s\\n' "$(basename "$PWD")" > ${SHARED}`;

const ADD_FILE_PATCH = `*** Begin Patch
*** Add File: added.txt
+made in a worktree
*** End Patch`;

type ThreadHandlers = ReturnType<ThreadsService['handlers']>;

interface Setup {
  h: AgentHarness;
  threads: {
    create(input: Parameters<ThreadHandlers['threads.create']>[0]): Promise<Thread>;
    archive(input: Parameters<ThreadHandlers['threads.archive']>[0]): Promise<Thread>;
  };
  worktrees: WorktreeThreadsService;
  workspaceId: string;
}

function setup(): Setup {
  const h = AgentHarness.start({ fake, wireApi: 'responses', files: { [SHARED]: BASE_NOTES, 'README.md': '# demo\n' } });
  harness = h;
  const owner = new ThreadWorktrees(h.store, h.dataDir);
  const worktrees = new WorktreeThreadsService({ store: h.store, worktrees: owner, isRunning: (id) => h.agent.service.isRunning(id) });
  const handlers = new ThreadsService(h.store, h.events, worktrees).handlers();
  const ctx = { clientId: 'test' };
  const threads: Setup['threads'] = {
    create: async (input) => handlers['threads.create'](input, ctx),
    archive: async (input) => handlers['threads.archive'](input, ctx),
  };
  const workspaceId = h.store.threads.get(h.threadId)!.workspaceId!;
  return { h, threads, worktrees, workspaceId };
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args], { cwd, encoding: 'utf8' });
}

function itemsOf(s: Setup, threadId: string): AgentItem[] {
  return s.h.store.items
    .list(threadId)
    .map(toLoggedItem)
    .map((l) => l!.item);
}

/** Everything a user would notice about their checkout: status, and every file's bytes. */
function checkoutState(repo: string): { status: string; files: Record<string, string> } {
  const files: Record<string, string> = {};
  for (const name of fs.readdirSync(repo)) {
    if (name === '.git') continue;
    files[name] = fs.readFileSync(path.join(repo, name), 'utf8');
  }
  return { status: git(repo, 'status', '--porcelain', '--untracked-files=all'), files };
}

async function createWorktreeThread(s: Setup, base?: string): Promise<Thread> {
  const thread = await s.threads.create({ workspaceId: s.workspaceId, mode: base ? { mode: 'worktree', base } : { mode: 'worktree' } });
  expect(thread.worktree).not.toBeNull();
  return thread;
}

describe('worktree threads', () => {
  it('run two turns in parallel on the same file without touching each other or the checkout; apply one, then the other conflicts and changes nothing', async () => {
    const s = setup();
    const before = checkoutState(s.h.repo);
    const a = await createWorktreeThread(s);
    const b = await createWorktreeThread(s);
    expect(a.worktree!.branch).toBe(`tandem/${a.id.slice(0, 8)}`);
    expect(a.worktree!.path).toBe(path.join(fs.realpathSync(s.h.dataDir), 'worktrees', a.id));
    expect(git(s.h.repo, 'branch', '--list', 'tandem/*')).toContain(a.worktree!.branch);

    // Both threads get the same scripted step (the queue is shared). With 'untrusted' each command waits
    // for approval: once both threads are waiting, both have taken their first step, so the second steps
    // (the answers) cannot go to the wrong thread — and both commands then run at the same time.
    const step = { reply: { toolCalls: [{ name: 'shell', arguments: { command: EDIT } }, { name: 'apply_patch', arguments: { input: ADD_FILE_PATCH } }] } };
    fake.script([step, step, { reply: { text: 'Done.' } }, { reply: { text: 'Done.' } }]);
    const runA = s.h.agent.service.startTurn({ threadId: a.id, text: 'Edit the notes', approvalPolicy: 'untrusted' }).done;
    const runB = s.h.agent.service.startTurn({ threadId: b.id, text: 'Edit the notes', approvalPolicy: 'untrusted' }).done;
    await s.h.waitForEvent<ApprovalRequest>('approval.requested', (r) => r.threadId === a.id, 30_000);
    await s.h.waitForEvent<ApprovalRequest>('approval.requested', (r) => r.threadId === b.id, 30_000);
    const answered = new Set<string>();
    const approveAll = async () => {
      for (const request of s.h.eventsNamed<ApprovalRequest>('approval.requested')) {
        if (answered.has(request.requestId)) continue;
        answered.add(request.requestId);
        await s.h.agent.service.handlers()['approval.respond']({ requestId: request.requestId, decision: 'approve' }, { clientId: 'test' });
      }
    };
    await approveAll();
    const off = s.h.events.subscribe((event) => {
      if (event === 'approval.requested') void approveAll();
    });
    const [turnA, turnB] = await Promise.all([runA, runB]).finally(off);
    expect(turnA.error).toBeNull();
    expect(turnB.error).toBeNull();
    expect(turnA.cwd).toBe(a.worktree!.path);
    fake.assertNoViolations();
    fake.assertScriptConsumed();

    for (const t of [a, b]) {
      const wt = t.worktree!.path;
      const command = itemsOf(s, t.id).find((i): i is CommandExecutionItem => i.type === 'commandExecution')!;
      expect(command.cwd).toBe(wt);
      expect(command.exitCode).toBe(0);
      const patch = itemsOf(s, t.id).find((i): i is FileChangeItem => i.type === 'fileChange')!;
      expect(patch.status).toBe('completed');
      // Each worktree holds its own edit only.
      expect(fs.readFileSync(path.join(wt, SHARED), 'utf8')).toBe(`edited by ${t.id}\n`);
      expect(fs.readFileSync(path.join(wt, 'added.txt'), 'utf8')).toBe('made in a worktree\n');
      const changes = await s.worktrees.changes(t.id);
      expect(changes.files.map((f) => [f.path, f.status]).sort()).toEqual([
        ['added.txt', 'added'],
        [SHARED, 'modified'],
      ]);
      expect(changes.applied).toBe(false);
    }
    // The user's checkout did not move.
    expect(checkoutState(s.h.repo)).toEqual(before);

    const applied = await s.worktrees.apply(a.id);
    expect(applied).toEqual<WorktreeApplyResult>({ status: 'applied', files: expect.arrayContaining(['added.txt', SHARED]) as string[] });
    expect(fs.readFileSync(path.join(s.h.repo, SHARED), 'utf8')).toBe(`edited by ${a.id}\n`);
    expect(fs.readFileSync(path.join(s.h.repo, 'added.txt'), 'utf8')).toBe('made in a worktree\n');
    expect(git(s.h.repo, 'status', '--porcelain')).toBe(` M ${SHARED}\n?? added.txt\n`);
    expect(git(s.h.repo, 'diff', '--cached', '--name-only')).toBe(''); // uncommitted, not staged
    expect((await s.worktrees.changes(a.id)).applied).toBe(true);

    const afterA = checkoutState(s.h.repo);
    const conflict = await s.worktrees.apply(b.id);
    expect(conflict.status).toBe('conflict');
    if (conflict.status !== 'conflict') return;
    expect(conflict.message).toMatch(/Nothing was changed/);
    expect(conflict.conflicts).toEqual([
      { path: 'added.txt', reason: expect.stringMatching(/already has a file by that name/) as string },
      { path: SHARED, reason: expect.stringMatching(/changed where the thread edited it/) as string },
    ]);
    expect(checkoutState(s.h.repo)).toEqual(afterA);
    expect((await s.worktrees.changes(b.id)).applied).toBe(false);
  }, 60_000);

  it('applies committed and uncommitted work against a chosen base onto a checkout that moved on', async () => {
    const s = setup();
    const base = git(s.h.repo, 'rev-parse', 'HEAD').trim();
    const t = await createWorktreeThread(s, base);
    const wt = t.worktree!.path;
    // The user commits elsewhere in the meantime.
    fs.writeFileSync(path.join(s.h.repo, 'README.md'), '# demo, edited by the user\n');
    git(s.h.repo, 'commit', '-q', '-am', 'user work');
    // The thread commits one change on its branch and leaves another uncommitted, plus an untracked binary.
    fs.writeFileSync(path.join(wt, SHARED), 'first line\nsecond line\nthird line\n');
    git(wt, 'commit', '-q', '-am', 'thread work');
    fs.rmSync(path.join(wt, 'README.md'));
    fs.writeFileSync(path.join(wt, 'logo.bin'), Buffer.from([0, 1, 2, 255, 0, 7]));

    const changes = await s.worktrees.changes(t.id);
    expect(changes.files.map((f) => `${f.status} ${f.path}`).sort()).toEqual(['added logo.bin', 'deleted README.md', `modified ${SHARED}`]);

    // README.md was changed by the user since the base: deleting it conflicts, and nothing moves.
    const before = checkoutState(s.h.repo);
    const refused = await s.worktrees.apply(t.id);
    expect(refused).toMatchObject({ status: 'conflict', conflicts: [{ path: 'README.md' }] });
    expect(checkoutState(s.h.repo)).toEqual(before);

    fs.writeFileSync(path.join(wt, 'README.md'), '# demo\n'); // the thread keeps README after all
    const result = await s.worktrees.apply(t.id);
    expect(result.status).toBe('applied');
    expect(fs.readFileSync(path.join(s.h.repo, SHARED), 'utf8')).toBe('first line\nsecond line\nthird line\n');
    expect(fs.readFileSync(path.join(s.h.repo, 'logo.bin'))).toEqual(Buffer.from([0, 1, 2, 255, 0, 7]));
    expect(fs.readFileSync(path.join(s.h.repo, 'README.md'), 'utf8')).toBe('# demo, edited by the user\n');
  }, 60_000);

  it('discards a thread’s changes back to its base and keeps the thread; archiving removes the worktree and branch', async () => {
    const s = setup();
    const t = await createWorktreeThread(s);
    const wt = t.worktree!;
    fs.writeFileSync(path.join(wt.path, SHARED), 'scratch\n');
    fs.writeFileSync(path.join(wt.path, 'new.txt'), 'new\n');
    git(wt.path, 'add', 'new.txt');
    git(wt.path, 'commit', '-q', '-m', 'wip');
    expect((await s.worktrees.changes(t.id)).files).toHaveLength(2);
    expect(await s.worktrees.apply(t.id)).toMatchObject({ status: 'applied' });
    expect((await s.worktrees.changes(t.id)).applied).toBe(true);

    const discarded = await s.worktrees.discard(t.id);
    expect(discarded.files).toEqual([]);
    expect((await s.worktrees.changes(t.id)).files).toEqual([]);
    expect(fs.readFileSync(path.join(wt.path, SHARED), 'utf8')).toBe(BASE_NOTES);
    expect(fs.existsSync(path.join(wt.path, 'new.txt'))).toBe(false);
    expect(git(wt.path, 'rev-parse', 'HEAD').trim()).toBe(wt.baseCommit);
    expect(await s.worktrees.apply(t.id)).toMatchObject({ status: 'nothing' });
    expect(s.h.store.threads.get(t.id)?.worktree).toEqual(wt);

    const archived = await s.threads.archive({ id: t.id, archived: true });
    expect(archived.archived).toBe(true);
    expect(archived.worktree).toBeNull();
    expect(fs.existsSync(wt.path)).toBe(false);
    expect(git(s.h.repo, 'branch', '--list', wt.branch).trim()).toBe('');
    expect(git(s.h.repo, 'worktree', 'list')).not.toContain(wt.path);
    await expect(s.worktrees.apply(t.id)).rejects.toThrow(/Local/);
  }, 60_000);

  it('refuses a worktree thread outside a git workspace, an unknown base, and leaves no thread behind', async () => {
    const s = setup();
    const count = s.h.store.threads.list().length;
    await expect(s.threads.create({ workspaceId: null, mode: { mode: 'worktree' } })).rejects.toThrow(/needs a project folder/);
    await expect(s.threads.create({ workspaceId: s.workspaceId, mode: { mode: 'worktree', base: 'no-such-branch' } })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/no-such-branch/) as string,
    });
    expect(s.h.store.threads.list()).toHaveLength(count);
    const local = await s.threads.create({ workspaceId: s.workspaceId, mode: { mode: 'local' } });
    expect(local.worktree).toBeNull();
    await expect(s.worktrees.discard(local.id)).rejects.toThrow(/Local/);
  });
});
