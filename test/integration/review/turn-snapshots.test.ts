/**
 * "The agent's last turn" as a review source, on real repositories: the folder is snapshotted before
 * and after a turn (as the agent reports it), review.lastTurn names the two snapshots, and review.diff
 * shows exactly what the turn changed — not what the user had changed before — while the user's
 * index, refs and stash stay as they were.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReviewDiff, TurnReviewSource } from '../../../shared/contract/review';
import { ReviewService } from '../../../electron/core/review/review-service';
import { Store } from '../../../electron/core/store';
import { EventBus } from '../../../electron/core/transport/event-bus';
import { Router, type Handlers } from '../../../electron/core/transport/router';
import { makeTempDir } from '../../support/temp-dir';
import { TestRepo } from './test-repo';

let repo: TestRepo;
let data: { dir: string; cleanup(): void };
let store: Store;
let service: ReviewService;
let router: Router;

beforeEach(() => {
  repo = TestRepo.create();
  repo.write('src/a.ts', 'export const a = 1;\n');
  repo.write('b.txt', 'b\n');
  repo.write('d.txt', 'to be deleted\n');
  repo.commitAll('first');
  data = makeTempDir('tandem-turn-snapshots-');
  store = Store.open(data.dir);
  service = new ReviewService({ store, events: new EventBus(), dataDir: data.dir });
  router = new Router(service.handlers() as Handlers, { error: () => {} });
});
afterEach(() => {
  store.close();
  data.cleanup();
  repo.cleanup();
});

async function call<T>(method: string, input: unknown): Promise<T> {
  const r = await router.dispatch(method as never, input, { clientId: 'test' });
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.result as T;
}

describe('the last turn as a review source', () => {
  it('shows exactly what the turn changed, keyed to the turn, without touching the user’s index, refs or stash', async () => {
    const ws = store.workspaces.add({ path: repo.root, name: 'repo', isGit: true });
    const thread = store.threads.create({ workspaceId: ws.id, title: 'Fix the greeting' });
    // The user's own work before the turn: an edit and a staged file.
    repo.write('b.txt', 'b, edited by the user\n');
    repo.write('staged.txt', 'staged\n');
    repo.git('add', 'staged.txt');
    const indexBefore = repo.git('diff', '--cached', '--name-status');
    const refsBefore = repo.git('for-each-ref');

    await service.turnSnapshots.turnStarting({ id: 'turn_1', threadId: thread.id, cwd: path.join(repo.root, 'src') });
    // The agent's turn: an edit, a new (untracked) file, a deletion.
    repo.write('src/a.ts', 'export const a = 2;\n');
    repo.write('src/new.ts', 'export const added = true;\n');
    fs.rmSync(path.join(repo.root, 'd.txt'));
    service.turnSnapshots.turnEnded({ id: 'turn_1', threadId: thread.id });

    const { turn } = await call<{ turn: TurnReviewSource | null }>('review.lastTurn', { threadId: thread.id });
    expect(turn).toMatchObject({ threadId: thread.id, turnId: 'turn_1', repoRoot: repo.root, workspaceId: ws.id });
    expect(turn!.source).toMatchObject({ kind: 'snapshot', label: 'Last turn · Fix the greeting', turn: { threadId: thread.id, turnId: 'turn_1' } });

    const diff = await call<ReviewDiff>('review.diff', { workspaceId: ws.id, source: turn!.source });
    expect(diff.files.map((f) => `${f.status} ${f.path}`).sort()).toEqual(['A src/new.ts', 'D d.txt', 'M src/a.ts']);
    expect(diff.sourceKey).toBe(`turn:${thread.id}:turn_1`);
    expect(diff.title).toBe('Last turn · Fix the greeting');
    expect(diff.actionable).toBe(false);
    expect(diff.files.find((f) => f.path === 'src/a.ts')!.hunks[0]!.lines.map((l) => `${l.kind} ${l.text}`)).toEqual(['del export const a = 1;', 'add export const a = 2;']);

    expect(repo.git('diff', '--cached', '--name-status')).toBe(indexBefore);
    expect(repo.git('for-each-ref')).toBe(refsBefore);
    expect(repo.git('stash', 'list')).toBe('');
    expect(repo.read('b.txt')).toBe('b, edited by the user\n');
  });

  it('offers the last finished turn while a newer one runs, and none for a folder outside git or an unknown thread', async () => {
    const ws = store.workspaces.add({ path: repo.root, name: 'repo', isGit: true });
    const thread = store.threads.create({ workspaceId: ws.id, title: 'Two turns' });
    await service.turnSnapshots.turnStarting({ id: 'turn_a', threadId: thread.id, cwd: repo.root });
    repo.write('src/a.ts', 'export const a = 3;\n');
    service.turnSnapshots.turnEnded({ id: 'turn_a', threadId: thread.id });
    await service.turnSnapshots.turnStarting({ id: 'turn_b', threadId: thread.id, cwd: repo.root });
    expect((await call<{ turn: TurnReviewSource | null }>('review.lastTurn', { threadId: thread.id })).turn?.turnId).toBe('turn_a');

    const plain = makeTempDir('tandem-not-git-');
    try {
      const other = store.threads.create({ workspaceId: null, title: 'Elsewhere' });
      await service.turnSnapshots.turnStarting({ id: 'turn_x', threadId: other.id, cwd: plain.dir });
      service.turnSnapshots.turnEnded({ id: 'turn_x', threadId: other.id });
      expect((await call<{ turn: TurnReviewSource | null }>('review.lastTurn', { threadId: other.id })).turn).toBeNull();
    } finally {
      plain.cleanup();
    }
    const r = await router.dispatch('review.lastTurn', { threadId: 'nope' }, { clientId: 'test' });
    expect(r.ok ? null : r.error).toMatchObject({ code: 'not_found', message: 'No thread with id nope' });
  });

  it('says plainly when git has pruned a turn’s snapshots', async () => {
    const gone = { kind: 'snapshot', before: 'a'.repeat(40), after: 'b'.repeat(40), turn: { threadId: 't', turnId: 'turn_old' } };
    const r = await router.dispatch('review.diff', { workspacePath: repo.root, source: gone }, { clientId: 'test' });
    expect(r.ok ? null : r.error).toMatchObject({ code: 'not_found', message: expect.stringMatching(/^The snapshots of this agent turn are no longer in .*prunes unreferenced objects/) });
  });
});
