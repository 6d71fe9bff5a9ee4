import { describe, expect, it } from 'vitest';
import { EMPTY_USAGE, type Settings, type Thread } from '../../../shared/contract';
import { createTandemClient } from '../../../renderer/src/api/client';
import { WebSocketTransport } from '../../../renderer/src/api/ws-transport';
import { createStores } from '../../../renderer/src/stores';
import { createUiStore, PANEL_LIMITS, type KeyValueStorage } from '../../../renderer/src/stores/ui-store';
import { fakeSockets, ManualClock, type FakeSocket } from './fake-socket';

const flush = () => new Promise((r) => setTimeout(r, 0));

const settings: Settings = { theme: 'system', fontSize: 13, onboardingDone: false };
const thread = (id: string, updatedAt: number, title = id): Thread => ({ id, workspaceId: null, title, status: 'idle', createdAt: 1, updatedAt, archived: false, worktree: null });

/**
 * Answers every request on the socket from a table of handlers (method → result, or an error to throw),
 * and records which methods were called.
 */
function serve(socket: FakeSocket, handlers: Record<string, (input: unknown) => unknown>): string[] {
  const calls: string[] = [];
  let answered = 0;
  const pump = () => {
    for (; answered < socket.sent.length; answered++) {
      const req = socket.sent[answered] as { id: number; method: string; input: unknown };
      calls.push(req.method);
      const handler = handlers[req.method];
      if (!handler) {
        socket.fail(req.id, 'unknown_method', `no ${req.method}`);
        continue;
      }
      try {
        socket.reply(req.id, handler(req.input));
      } catch (err) {
        socket.fail(req.id, 'conflict', (err as Error).message);
      }
    }
  };
  const original = socket.sent.push.bind(socket.sent);
  socket.sent.push = (...items: unknown[]) => {
    const n = original(...items);
    queueMicrotask(pump);
    return n;
  };
  return calls;
}

const core = {
  'app.info': () => ({ name: 'Tandem', version: '0.1.0', mode: 'web', platform: 'linux', dataDir: '/d', hotkey: null, paused: false }),
  'settings.get': () => settings,
  'provider.get': () => ({ kind: 'openai', baseUrl: null, model: 'gpt-5.1', wireApi: 'responses', hasKey: false, keySource: null, keyStorage: 'file', baseUrlFromEnv: false }),
  'workspaces.list': () => [],
  'threads.list': () => [thread('t1', 10)],
};

function setup(handlers: Record<string, (input: unknown) => unknown> = core) {
  const net = fakeSockets();
  const clock = new ManualClock();
  const client = createTandemClient(new WebSocketTransport(net.factory, { clock, random: () => 1 }));
  const stores = createStores(client);
  const calls = serve(net.latest(), handlers);
  return { net, clock, client, stores, calls, handlers };
}

describe('stores', () => {
  it('load every domain when the connection opens, and again after a reconnect', async () => {
    const { net, clock, stores, calls } = setup();
    expect(stores.threads.getState().status).toBe('idle');
    net.latest().open();
    await flush();
    await flush();
    expect([...calls].sort()).toEqual(['app.info', 'provider.get', 'settings.get', 'threads.list', 'workspaces.list']);
    expect(stores.threads.getState().byId.t1?.title).toBe('t1');
    expect(stores.settings.getState().settings).toEqual(settings);

    net.latest().drop();
    expect(stores.connection.getState().state.status).toBe('reconnecting');
    clock.advance(10_000);
    const again = serve(net.latest(), core);
    net.latest().open();
    await flush();
    await flush();
    expect(again).toHaveLength(5);
  });

  it('only load the domains a window asks for', async () => {
    const net = fakeSockets();
    const client = createTandemClient(new WebSocketTransport(net.factory));
    createStores(client, { domains: ['app', 'settings'] });
    const calls = serve(net.latest(), core);
    net.latest().open();
    await flush();
    expect([...calls].sort()).toEqual(['app.info', 'settings.get']);
    client.dispose();
  });

  it('take threads from events and re-read an open thread whose updatedAt moved', async () => {
    let items = [{ id: 'i1', threadId: 't1', turnId: null, seq: 1, type: 'userMessage', data: { text: 'hi' }, createdAt: 1 }];
    const { net, stores } = setup({ ...core, 'threads.get': () => ({ thread: thread('t1', 10), items }) });
    net.latest().open();
    await flush();
    await stores.threads.getState().open('t1');
    expect(stores.threads.getState().details.t1?.items).toHaveLength(1);

    items = [...items, { ...items[0]!, id: 'i2', seq: 2, type: 'agentMessage', data: { text: 'hello' } }];
    net.latest().push('threads.changed', thread('t1', 10, 'renamed'));
    await flush();
    expect(stores.threads.getState().byId.t1?.title).toBe('renamed');
    expect(stores.threads.getState().details.t1?.items).toHaveLength(1); // same updatedAt: nothing new to read

    net.latest().push('threads.changed', thread('t1', 20));
    await flush();
    await flush();
    expect(stores.threads.getState().details.t1?.items.map((i) => i.id)).toEqual(['i1', 'i2']);

    net.latest().push('threads.changed', thread('t2', 30));
    expect(Object.keys(stores.threads.getState().byId).sort()).toEqual(['t1', 't2']);
  });

  it('let a pause that lost the race with the end of the turn pass quietly, but report one refused mid-turn', async () => {
    const { net, stores } = setup({
      ...core,
      'threads.get': () => ({ thread: thread('t1', 10), items: [] }),
      'turn.list': () => ({ turns: [] }),
      'agent.threadSettings.get': () => ({ sandbox: 'read-only', approvalPolicy: 'never', model: null, cwd: null }),
      'turn.active': () => ({ active: null }),
      'turn.pause': () => {
        throw new Error('No turn is running in this thread.');
      },
    });
    net.latest().open();
    await flush();
    await stores.agent.getState().open('t1');
    // No turn running in the window's view: the click came just after the turn ended.
    await expect(stores.agent.getState().pause('t1')).resolves.toBeUndefined();
    // A turn the window sees as running: the refusal is news.
    stores.agent.getState().dispatch('t1', {
      type: 'turn.started',
      payload: { threadId: 't1', turn: { id: 'turn1', threadId: 't1', status: 'inProgress', model: 'm', cwd: '/r', sandbox: 'read-only', approvalPolicy: 'never', startedAt: 1, completedAt: null, error: null, usage: { ...EMPTY_USAGE }, modelCalls: 0 } },
    });
    await expect(stores.agent.getState().pause('t1')).rejects.toThrow('No turn is running');
  });

  it('apply a settings change at once and roll it back when the core refuses it', async () => {
    const { net, stores } = setup({
      ...core,
      'settings.update': (input) => {
        if ((input as Partial<Settings>).fontSize === 99) throw new Error('too big');
        return { ...settings, ...(input as Partial<Settings>) };
      },
    });
    net.latest().open();
    await flush();
    await flush();
    const pending = stores.settings.getState().update({ theme: 'dark' });
    expect(stores.settings.getState().settings?.theme).toBe('dark');
    await pending;
    await expect(stores.settings.getState().update({ fontSize: 99 })).rejects.toThrow('too big');
    expect(stores.settings.getState().settings).toEqual({ ...settings, theme: 'dark' });
  });

  it('follow the pause and the hotkey from events', async () => {
    const { net, stores } = setup();
    net.latest().open();
    await flush();
    net.latest().push('app.paused', { paused: true });
    net.latest().push('hotkey.changed', { accelerator: 'Alt+Space', supported: true, registered: false, error: 'taken', hint: null });
    expect(stores.app.getState().paused).toBe(true);
    expect(stores.app.getState().hotkey?.error).toBe('taken');
  });
});

describe('window layout', () => {
  function memory(initial: Record<string, string> = {}): KeyValueStorage & { data: Record<string, string> } {
    const data = { ...initial };
    return { data, getItem: (k) => data[k] ?? null, setItem: (k, v) => void (data[k] = v) };
  }

  it('persists panel sizes and the open thread, clamped to each panel’s limits', () => {
    const storage = memory();
    const ui = createUiStore(storage);
    ui.getState().resizePanel('sidebar', 5_000);
    ui.getState().togglePanel('review');
    ui.getState().selectThread('t9');
    const again = createUiStore(storage);
    expect(again.getState().panels.sidebar).toEqual({ open: true, size: PANEL_LIMITS.sidebar.max });
    expect(again.getState().panels.review.open).toBe(false);
    expect(again.getState().selectedThreadId).toBe('t9');
  });

  it('starts from defaults when the saved layout is damaged', () => {
    for (const bad of ['{not json', '"a string"', JSON.stringify({ panels: { sidebar: { open: 'yes', size: 'big' } } })]) {
      const ui = createUiStore(memory({ 'tandem.ui.v1': bad }));
      expect(ui.getState().panels.sidebar).toEqual({ open: true, size: PANEL_LIMITS.sidebar.initial });
    }
  });

  it('hands a focus request to its target once', () => {
    const ui = createUiStore(null);
    ui.getState().requestFocus('composer');
    const seq = ui.getState().focusRequest?.seq ?? -1;
    ui.getState().requestFocus('sidebar');
    ui.getState().consumeFocus(seq); // an older request does not clear a newer one
    expect(ui.getState().focusRequest?.target).toBe('sidebar');
    ui.getState().consumeFocus(seq + 1);
    expect(ui.getState().focusRequest).toBeNull();
  });
});
