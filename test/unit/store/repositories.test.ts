import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Store } from '../../../electron/core/store';
import { makeTempDir } from '../../support/temp-dir';

let tmp: ReturnType<typeof makeTempDir>;
let store: Store;
beforeEach(() => {
  tmp = makeTempDir();
  store = Store.open(tmp.dir);
});
afterEach(() => {
  store.close();
  tmp.cleanup();
});

describe('repositories', () => {
  it('settings round-trip JSON values and survive a reopen', () => {
    store.settings.set('a', { theme: 'dark', n: 3 });
    store.settings.set('a', { theme: 'light', n: 4 });
    store.close();
    store = Store.open(tmp.dir);
    expect(store.settings.get('a')).toEqual({ theme: 'light', n: 4 });
    expect(store.settings.get('missing')).toBeUndefined();
  });

  it('workspaces are unique by path', () => {
    const ws = store.workspaces.add({ path: '/tmp/x', name: 'x', isGit: true });
    expect(store.workspaces.byPath('/tmp/x')).toEqual(ws);
    expect(() => store.workspaces.add({ path: '/tmp/x', name: 'x', isGit: true })).toThrow(/UNIQUE/);
    expect(store.workspaces.remove(ws.id)).toBe(true);
    expect(store.workspaces.list()).toEqual([]);
  });

  it('threads list newest first, filter by workspace and archive state', async () => {
    const ws = store.workspaces.add({ path: '/tmp/r', name: 'r', isGit: false });
    const a = store.threads.create({ workspaceId: ws.id, title: 'a' });
    await new Promise((r) => setTimeout(r, 5));
    const b = store.threads.create({ workspaceId: null, title: 'b' });
    expect(store.threads.list().map((t) => t.title)).toEqual(['b', 'a']);
    expect(store.threads.list({ workspaceId: ws.id }).map((t) => t.id)).toEqual([a.id]);
    expect(store.threads.list({ workspaceId: null }).map((t) => t.id)).toEqual([b.id]);
    store.threads.update(a.id, { archived: true });
    expect(store.threads.list().map((t) => t.id)).toEqual([b.id]);
    expect(store.threads.list({ includeArchived: true })).toHaveLength(2);
  });

  it('removing a workspace keeps its threads, detached', () => {
    const ws = store.workspaces.add({ path: '/tmp/r2', name: 'r2', isGit: false });
    const t = store.threads.create({ workspaceId: ws.id, title: 't' });
    store.workspaces.remove(ws.id);
    expect(store.threads.get(t.id)?.workspaceId).toBeNull();
  });

  it('items append in order with their own sequence per thread', () => {
    const t1 = store.threads.create({ workspaceId: null, title: '1' });
    const t2 = store.threads.create({ workspaceId: null, title: '2' });
    store.items.append({ id: 'i1', threadId: t1.id, turnId: 'u1', type: 'userMessage', data: { text: 'hi' } });
    store.items.append({ id: 'i2', threadId: t2.id, turnId: null, type: 'userMessage', data: { text: 'other' } });
    store.items.append({ id: 'i3', threadId: t1.id, turnId: 'u1', type: 'agentMessage', data: { text: 'hello' } });
    const items = store.items.list(t1.id);
    expect(items.map((i) => [i.seq, i.id, i.type])).toEqual([
      [1, 'i1', 'userMessage'],
      [2, 'i3', 'agentMessage'],
    ]);
    expect(items[1]?.data).toEqual({ text: 'hello' });
    expect(store.items.list(t2.id)[0]?.seq).toBe(1);
  });

  it('suggestions and feedback record the learning signal', () => {
    const s = store.suggestions.add({ kind: 'test-failure', title: 't', why: 'w', confidence: 0.8, action: { type: 'explain' }, dedupeKey: 'k', repo: '/r' });
    expect(s.status).toBe('pending');
    expect(store.suggestions.setStatus(s.id, 'dismissed')?.status).toBe('dismissed');
    expect(store.suggestions.latestByDedupeKey('k')?.id).toBe(s.id);
    store.feedback.add({ suggestionId: s.id, kind: 'test-failure', repo: '/r', verdict: 'dismissed', reason: 'not now' });
    store.feedback.add({ suggestionId: null, kind: 'test-failure', repo: '/other', verdict: 'accepted', reason: null });
    expect(store.feedback.forKind('test-failure', '/r').map((f) => f.verdict)).toEqual(['dismissed']);
    expect(store.feedback.forKind('test-failure')).toHaveLength(2);
  });

  it('the ledger records what went out, and clears', () => {
    const e = store.ledger.record({ threadId: null, purpose: 'quick-ask', provider: 'openai', model: 'm', context: [{ kind: 'selection', label: 'Selected text', chars: 12 }, { kind: 'git', label: 'repo', chars: 30 }] });
    expect(e.chars).toBe(42);
    expect(store.ledger.list()).toEqual([e]);
    expect(store.ledger.clear()).toBe(1);
    expect(store.ledger.list()).toEqual([]);
  });
});
