/**
 * The review panel's store against the real core: store → typed client → router → ReviewService →
 * git, in-process (the transport hands calls to the router and events from the event bus).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { diffLineId, type RpcResult } from '../../../shared/contract';
import { createTandemClient } from '../../../renderer/src/api/client';
import type { ConnectionState, EventListener, Transport } from '../../../renderer/src/api/transport';
import { createReviewStore, type ReviewStore } from '../../../renderer/src/features/review/review-store';
import { ReviewService } from '../../../electron/core/review/review-service';
import { Store } from '../../../electron/core/store';
import { EventBus } from '../../../electron/core/transport/event-bus';
import { Router, type Handlers } from '../../../electron/core/transport/router';
import { makeTempDir } from '../../support/temp-dir';
import { TestRepo } from './test-repo';

let repo: TestRepo;
let data: ReturnType<typeof makeTempDir>;
let store: Store;
let review: ReviewStore;
let stop: () => void;
let transport: Transport;

/** An in-process transport: what the IPC bridge and the WebSocket do, minus the wire. */
function inProcess(router: Router, bus: EventBus): Transport {
  const open: ConnectionState = { status: 'open', everConnected: true, attempt: 0, retryAt: null };
  return {
    call: (method, input) => router.dispatch(method, input, { clientId: 'test' }) as Promise<RpcResult>,
    listen: (listener: EventListener) => bus.subscribe(listener),
    state: () => open,
    onState: () => () => {},
    retryNow() {},
    dispose() {},
  };
}

beforeEach(() => {
  repo = TestRepo.create();
  data = makeTempDir('tandem-review-store-');
  store = Store.open(data.dir);
  const bus = new EventBus();
  const service = new ReviewService({ store, events: bus, dataDir: data.dir });
  transport = inProcess(new Router(service.handlers() as Handlers, { error: () => {} }), bus);
  ({ store: review, stop } = createReviewStore(createTandemClient(transport)));
});
afterEach(() => {
  stop();
  store.close();
  data.cleanup();
  repo.cleanup();
});

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
};

describe('review store', () => {
  it('opens a repository, stages chosen lines, and moves them between areas at once', async () => {
    repo.write('a.txt', 'one\ntwo\nthree\n');
    repo.commitAll('init');
    repo.write('a.txt', 'one\nTWO\nthree\nfour\n');
    await review.getState().open({ workspacePath: repo.root });
    const s = review.getState();
    expect(s.status).toBe('ready');
    const file = s.diff!.files[0]!;
    const hunk = file.hunks[0]!;
    const four = hunk.lines.find((l) => l.text === 'four')!;
    s.choose(hunk.id, [diffLineId(file.id, four), diffLineId(file.id, hunk.lines[0]!)]);

    await review.getState().hunkAction('stage', file, hunk);
    const after = review.getState();
    expect(after.notice).toEqual({ tone: 'info', text: 'Staged 1 line in a.txt' });
    expect(after.diff!.files.map((f) => `${f.area}:${f.additions}`)).toEqual(['staged:1', 'unstaged:1']);
    expect(repo.staged('a.txt')).toBe('one\ntwo\nthree\nfour\n');
  });

  it('shows a refusal as a notice and leaves the diff as it was', async () => {
    repo.write('a.txt', 'one\n');
    repo.commitAll('init');
    repo.write('a.txt', 'ONE\n');
    await review.getState().open({ workspacePath: repo.root });
    const before = review.getState().diff!;
    repo.write('a.txt', 'changed meanwhile\n');
    await review.getState().hunkAction('revert', before.files[0]!, before.files[0]!.hunks[0]!);
    expect(review.getState().notice).toEqual({ tone: 'error', text: 'a.txt changed since this diff was made: refresh the diff and try again' });
    expect(review.getState().diff).toBe(before);
    expect(repo.read('a.txt')).toBe('changed meanwhile\n');
  });

  it('adds and removes comments for the open source, and marks files viewed until they change', async () => {
    repo.write('a.txt', 'one\n');
    repo.commitAll('init');
    repo.write('a.txt', 'two\n');
    await review.getState().open({ workspacePath: repo.root });
    await review.getState().addComment({ path: 'a.txt', side: 'new', startLine: 1, endLine: 1, body: 'Why two?' });
    expect(review.getState().comments.map((c) => [c.body, c.sourceKey])).toEqual([['Why two?', 'working']]);
    await review.getState().removeComment(review.getState().comments[0]!.id);
    expect(review.getState().comments).toEqual([]);

    const file = review.getState().diff!.files[0]!;
    review.getState().toggleViewed(file);
    expect(review.getState().isViewed(file)).toBe(true);
    expect(review.getState().collapsed.has(file.id)).toBe(true);
    expect(review.getState().isViewed({ ...file, version: 'newer' })).toBe(false);
  });

  it('reloads when another window changes the repository', async () => {
    repo.write('a.txt', 'one\n');
    repo.commitAll('init');
    repo.write('a.txt', 'two\n');
    await review.getState().open({ workspacePath: repo.root });
    // Another window, on the same core, stages the file; this one hears review.changed and reloads.
    const other = createReviewStore(createTandemClient(transport));
    try {
      await other.store.getState().open({ workspacePath: repo.root });
      await other.store.getState().fileAction('stage', other.store.getState().diff!.files[0]!);
      await until(() => review.getState().diff?.files[0]?.area === 'staged');
    } finally {
      other.stop();
    }
  });

  it('says why a folder cannot be reviewed', async () => {
    await review.getState().open({ workspacePath: '/no/such/folder' });
    expect(review.getState()).toMatchObject({ status: 'error', error: 'No folder at /no/such/folder' });
  });
});
