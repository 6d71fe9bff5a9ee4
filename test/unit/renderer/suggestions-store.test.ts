import { describe, expect, it } from 'vitest';
import { RpcError, type Suggestion, type Workspace } from '../../../shared/contract';
import type { TandemClient } from '../../../renderer/src/api/client';
import type { ConnectionState } from '../../../renderer/src/api/transport';
import { acceptSuggestion, evidenceMessage, workspaceFor, type AcceptHost } from '../../../renderer/src/features/suggestions/accept-action';
import { draftLine, feedbackLine, snoozeLine } from '../../../renderer/src/features/suggestions/describe';
import {
  cardsOf,
  createSuggestionsStore,
  currentCard,
  mergeSuggestion,
  nextAfterRemoval,
  stepCard,
} from '../../../renderer/src/features/suggestions/suggestions-store';

const flush = () => new Promise((r) => setTimeout(r, 0));

function suggestion(id: string, over: Partial<Suggestion> = {}): Suggestion {
  return {
    id,
    kind: 'test-failure',
    title: `1 failing test (pytest) — ${id}`,
    why: '`pytest -q` exited with 1. First: tests/test_x.py:3 test_a — assert 1 == 2',
    confidence: 0.9,
    action: { type: 'fix-in-worktree', repo: '/home/u/proj', command: 'pytest -q', locations: [{ name: 'test_a', file: 'tests/test_x.py', line: 3 }] },
    dedupeKey: `k-${id}`,
    repo: '/home/u/proj',
    status: 'surfaced',
    createdAt: 100,
    updatedAt: 100,
    snoozedUntil: null,
    feedback: null,
    draft: null,
    ...over,
  };
}

/** A client whose methods answer from a table and whose events the test emits. */
function fakeClient(handlers: Record<string, (input: never) => unknown>) {
  const listeners = new Map<string, ((payload: unknown) => void)[]>();
  const calls: { method: string; input: unknown }[] = [];
  let state: ConnectionState = { status: 'open' } as ConnectionState;
  const connectionListeners: ((s: ConnectionState) => void)[] = [];
  const client = {
    async invoke(method: string, input: unknown) {
      calls.push({ method, input });
      const handler = handlers[method];
      if (!handler) throw new RpcError('not_found', `no ${method}`);
      return handler(input as never);
    },
    on(event: string, cb: (payload: unknown) => void) {
      listeners.set(event, [...(listeners.get(event) ?? []), cb]);
      return () => listeners.set(event, (listeners.get(event) ?? []).filter((l) => l !== cb));
    },
    connection: () => state,
    onConnection(cb: (s: ConnectionState) => void) {
      connectionListeners.push(cb);
      return () => undefined;
    },
    retryNow: () => undefined,
    dispose: () => undefined,
  } as unknown as TandemClient;
  return {
    client,
    calls,
    emit: (event: string, payload: unknown) => listeners.get(event)?.forEach((l) => l(payload)),
    setState(next: ConnectionState) {
      state = next;
      connectionListeners.forEach((l) => l(next));
    },
  };
}

describe('suggestion cards (pure logic)', () => {
  it('merges newest first, replaces by id, and never rolls a status back to an older copy', () => {
    let items = mergeSuggestion([], suggestion('a', { createdAt: 1 }));
    items = mergeSuggestion(items, suggestion('b', { createdAt: 2 }));
    expect(items.map((s) => s.id)).toEqual(['b', 'a']);
    items = mergeSuggestion(items, suggestion('a', { createdAt: 1, status: 'accepted', updatedAt: 200 }));
    expect(items.find((s) => s.id === 'a')?.status).toBe('accepted');
    // A late event carrying the older status is ignored.
    items = mergeSuggestion(items, suggestion('a', { createdAt: 1, status: 'surfaced', updatedAt: 150 }));
    expect(items.find((s) => s.id === 'a')?.status).toBe('accepted');
  });

  it('shows only surfaced suggestions as cards, the latest surfaced first', () => {
    const items = [
      suggestion('a', { updatedAt: 10 }),
      suggestion('b', { status: 'pending' }),
      suggestion('c', { updatedAt: 30 }),
      suggestion('d', { status: 'dismissed' }),
      suggestion('e', { status: 'expired' }),
    ];
    expect(cardsOf(items).map((s) => s.id)).toEqual(['c', 'a']);
    expect(currentCard(items, null)?.id).toBe('c');
    expect(currentCard(items, 'a')?.id).toBe('a');
    expect(currentCard(items, 'd')?.id).toBe('c'); // not a card any more
  });

  it('moves between cards with ↑/↓ and stops at the ends', () => {
    const items = [suggestion('a', { updatedAt: 3 }), suggestion('b', { updatedAt: 2 }), suggestion('c', { updatedAt: 1 })];
    expect(stepCard(items, 'a', 1)).toBe('b');
    expect(stepCard(items, 'b', 1)).toBe('c');
    expect(stepCard(items, 'c', 1)).toBe('c');
    expect(stepCard(items, 'a', -1)).toBe('a');
    expect(stepCard([], null, 1)).toBeNull();
  });

  it('after the current card is answered, the keyboard stays at the same place in the list', () => {
    const before = [suggestion('a', { updatedAt: 3 }), suggestion('b', { updatedAt: 2 }), suggestion('c', { updatedAt: 1 })];
    const answered = (id: string) => before.map((s) => (s.id === id ? { ...s, status: 'dismissed' as const, updatedAt: 9 } : s));
    expect(nextAfterRemoval(before, answered('b'), 'b')).toBe('c');
    expect(nextAfterRemoval(before, answered('c'), 'c')).toBe('b');
    expect(nextAfterRemoval(before, answered('a'), 'b')).toBe('b');
    expect(nextAfterRemoval(before, before.map((s) => ({ ...s, status: 'expired' as const })), 'a')).toBeNull();
  });
});

describe('suggestions store', () => {
  it('loads the inbox, adds surfaced cards from events, and drops a card once it is answered', async () => {
    const fake = fakeClient({
      'suggestions.list': () => [suggestion('old', { status: 'accepted', createdAt: 1, updatedAt: 1 })],
      'suggestions.dismiss': (input: { id: string; notUseful: boolean }) => suggestion(input.id, { status: 'dismissed', updatedAt: 500 }),
    });
    const { store, stop } = createSuggestionsStore(fake.client);
    await flush();
    expect(store.getState().status).toBe('ready');
    expect(cardsOf(store.getState().items)).toEqual([]);

    fake.emit('suggestions.changed', suggestion('new', { status: 'pending', createdAt: 300, updatedAt: 300 }));
    expect(cardsOf(store.getState().items)).toEqual([]);
    fake.emit('suggestions.surfaced', suggestion('new', { createdAt: 300, updatedAt: 301 }));
    expect(cardsOf(store.getState().items).map((s) => s.id)).toEqual(['new']);
    expect(store.getState().items.map((s) => s.id)).toEqual(['new', 'old']);

    expect(await store.getState().dismiss('new', true)).toBe(true);
    expect(fake.calls.at(-1)).toEqual({ method: 'suggestions.dismiss', input: { id: 'new', notUseful: true } });
    expect(cardsOf(store.getState().items)).toEqual([]);
    expect(store.getState().items.find((s) => s.id === 'new')?.status).toBe('dismissed');
    stop();
  });

  it('says why an answer failed, keeps the card, and shows the feedback the core returns', async () => {
    const fake = fakeClient({
      'suggestions.list': () => [suggestion('a')],
      'suggestions.snooze': () => {
        throw new RpcError('not_found', 'No suggestion with id a');
      },
      'suggestions.sayWhy': (input: { id: string; reason: string }) =>
        suggestion(input.id, { status: 'dismissed', updatedAt: 900, feedback: { verdict: 'not_useful', reason: input.reason, at: 900 } }),
    });
    const { store, stop } = createSuggestionsStore(fake.client);
    await flush();
    expect(await store.getState().snooze('a')).toBe(false);
    expect(store.getState().answerError).toMatch(/No suggestion with id a/);
    expect(cardsOf(store.getState().items).map((s) => s.id)).toEqual(['a']);
    expect(store.getState().busy).toEqual({});

    expect(await store.getState().sayWhy('a', 'I was fixing it already')).toBe(true);
    expect(store.getState().items.find((s) => s.id === 'a')?.feedback).toEqual({ verdict: 'not_useful', reason: 'I was fixing it already', at: 900 });
    expect(cardsOf(store.getState().items)).toEqual([]);
    stop();
  });

  it('reloads when the connection comes back, keeping events that are newer than the list', async () => {
    let listed = [suggestion('a', { status: 'pending', updatedAt: 1 })];
    const fake = fakeClient({ 'suggestions.list': () => listed });
    const { store, stop } = createSuggestionsStore(fake.client);
    await flush();
    fake.setState({ status: 'reconnecting' } as ConnectionState);
    listed = [suggestion('a', { status: 'surfaced', updatedAt: 5 }), suggestion('b', { createdAt: 200, updatedAt: 200 })];
    fake.setState({ status: 'open' } as ConnectionState);
    await flush();
    expect(store.getState().items.map((s) => `${s.id}:${s.status}`)).toEqual(['b:surfaced', 'a:surfaced']);
    stop();
  });
});

describe('accepting a suggestion', () => {
  const workspaces: Workspace[] = [
    { id: 'w1', path: '/home/u', name: 'u', isGit: false, addedAt: 1 },
    { id: 'w2', path: '/home/u/proj', name: 'proj', isGit: true, addedAt: 1 },
  ];

  function host(over: Partial<AcceptHost> = {}) {
    const opened: string[] = [];
    const fake = fakeClient({
      'threads.create': (input: { workspaceId: string | null; title: string }) => ({ id: 't9', workspaceId: input.workspaceId, title: input.title }),
      'turn.start': () => ({ id: 'turn1' }),
      'terminal.write': () => ({ written: 1 }),
    });
    const h: AcceptHost = {
      client: fake.client,
      workspaces,
      modelReady: true,
      openThread: (id) => opened.push(`thread:${id}`),
      openReview: (id) => opened.push(`review:${id}`),
      openDraft: (threadId, worktree) => opened.push(`draft:${threadId}:${worktree.path}@${worktree.base}`),
      openCode: async (p, line) => {
        opened.push(`code:${p}:${line}`);
        return true;
      },
      ...over,
    };
    return { h, opened, calls: fake.calls };
  }

  it('finds the deepest known folder holding the repo', () => {
    expect(workspaceFor(workspaces, '/home/u/proj/sub')?.id).toBe('w2');
    expect(workspaceFor(workspaces, '/home/u/project')?.id).toBe('w1');
    expect(workspaceFor(workspaces, '/srv', null)).toBeNull();
  });

  it('a fix opens a thread in the repo’s folder and starts a turn with the evidence', async () => {
    const { h, opened, calls } = host();
    const outcome = await acceptSuggestion(h, suggestion('a'));
    expect(calls[0]).toEqual({ method: 'threads.create', input: { workspaceId: 'w2', title: '1 failing test (pytest) — a' } });
    expect(calls[1]?.method).toBe('turn.start');
    const text = (calls[1]?.input as { text: string }).text;
    expect(text).toContain('tests/test_x.py:3 — test_a');
    expect(text).toContain('run `pytest -q` to check');
    expect(opened).toEqual(['thread:t9']);
    expect(outcome).toMatchObject({ tone: 'info', threadId: 't9' });
  });

  it('without a model, opens the thread and says a model is needed instead of starting a turn', async () => {
    const { h, calls } = host({ modelReady: false });
    const outcome = await acceptSuggestion(h, suggestion('a', { action: { type: 'explain', subject: 'Traceback…', cwd: '/tmp/elsewhere' } }));
    expect(calls.map((c) => c.method)).toEqual(['threads.create']);
    expect(calls[0]?.input).toMatchObject({ workspaceId: 'w2' }); // the suggestion's repo, since the cwd is no folder
    expect(outcome.text).toMatch(/Set up a model/);
  });

  it('review, open-file and rerun go where they say', async () => {
    const { h, opened, calls } = host();
    await acceptSuggestion(h, suggestion('r', { action: { type: 'review-branch', repo: '/home/u/proj', branch: 'feat', threadId: null } }));
    await acceptSuggestion(h, suggestion('o', { action: { type: 'open-file-at-line', cwd: '/home/u/proj', file: 'src/a.ts', line: 7 } }));
    await acceptSuggestion(h, suggestion('x', { action: { type: 'rerun', terminalId: 'term1', command: 'npm test', cwd: null } }));
    expect(opened).toEqual(['review:w2', 'code:src/a.ts:7']);
    expect(calls).toEqual([{ method: 'terminal.write', input: { id: 'term1', data: 'npm test\r' } }]);
  });

  it('a drafted fix opens for review; one still drafting opens its thread; a failed draft falls back to a new thread', async () => {
    const ready = { status: 'ready' as const, threadId: 'td', worktree: { path: '/data/worktrees/td', base: 'abc123' }, linesAdded: 12, linesRemoved: 3, testsPassed: true, verification: 'pytest -q', summary: 'Fixed.', tokens: 900, finishedAt: 5 };
    const { h, opened, calls } = host();
    expect(await acceptSuggestion(h, suggestion('a', { draft: ready }))).toMatchObject({ tone: 'info', threadId: 'td', text: 'Opened the drafted fix (+12 −3) for review.' });
    expect(await acceptSuggestion(h, suggestion('b', { draft: { status: 'drafting', threadId: 'tb', startedAt: 1 } }))).toMatchObject({ threadId: 'tb' });
    expect(opened).toEqual(['draft:td:/data/worktrees/td@abc123', 'thread:tb']);
    expect(calls).toEqual([]);
    await acceptSuggestion(h, suggestion('c', { draft: { status: 'failed', threadId: null, reason: 'budget', tokens: 0, finishedAt: 2 } }));
    expect(calls.map((c) => c.method)).toEqual(['threads.create', 'turn.start']);
  });

  it('says how a draft went in one line', () => {
    expect(draftLine({ status: 'ready', threadId: 't', worktree: { path: '/w', base: 'b' }, linesAdded: 12, linesRemoved: 3, testsPassed: true, verification: 'x', summary: '', tokens: 1, finishedAt: 1 })).toEqual({ tone: 'good', text: 'Fix ready: +12 −3, tests pass' });
    expect(draftLine({ status: 'ready', threadId: 't', worktree: { path: '/w', base: 'b' }, linesAdded: 1, linesRemoved: 0, testsPassed: false, verification: 'x', summary: '', tokens: 1, finishedAt: 1 })?.text).toBe('Fix drafted (+1 −0), tests still fail');
    expect(draftLine({ status: 'failed', threadId: null, reason: 'Today’s drafting budget is spent.', tokens: 0, finishedAt: 1 })?.text).toBe('Couldn’t draft a fix: Today’s drafting budget is spent.');
    expect(draftLine(null)).toBeNull();
    expect(snoozeLine(1_000 + 12 * 60_000, 1_000)).toBe('Comes back in 12 min.');
    expect(snoozeLine(1_000 + 3 * 3_600_000, 1_000)).toBe('Comes back in 3 h.');
    expect(feedbackLine({ verdict: 'not_useful', reason: 'Generated code', at: 1_000 }, 1_000)).toBe('You marked it “not useful” just now: “Generated code”');
    expect(feedbackLine({ verdict: 'accepted', reason: null, at: 1_000 }, 1_000 + 4 * 60_000)).toBe('You accepted it 4 min ago.');
  });

  it('a failure becomes a sentence, not an exception', async () => {
    const { h } = host({ client: { invoke: () => Promise.reject(new RpcError('invalid_input', 'Unknown folder')) } });
    const outcome = await acceptSuggestion(h, suggestion('a'));
    expect(outcome).toMatchObject({ tone: 'error' });
    expect(outcome.text).toMatch(/Unknown folder/);
  });

  it('the message names the task first, then the evidence', () => {
    const text = evidenceMessage(suggestion('a', { action: { type: 'explain', subject: 'ZeroDivisionError: division by zero', cwd: null } }));
    expect(text.split('\n')[0]).toBe('1 failing test (pytest) — a. Explain what went wrong and how to fix it.');
    expect(text).toContain('ZeroDivisionError: division by zero');
  });
});
