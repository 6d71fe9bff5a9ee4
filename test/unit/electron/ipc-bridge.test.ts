import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVENT_CHANNEL } from '../../../shared/bridge';
import { methodNames, type RpcResult } from '../../../shared/contract';
import { forwardEvents, type EventTargetWindow } from '../../../electron/main/event-forwarder';
import { installIpcBridge, type InvokeEvent, type IpcMainApi } from '../../../electron/main/ipc-bridge';
import { ownPages } from '../../../electron/main/own-pages';
import type { CallContext } from '../../../electron/core/transport/router';
import { EventBus } from '../../../electron/core/transport/event-bus';

const pages = ownPages({ rendererDir: path.resolve('/opt/tandem/out/renderer') });

type Handler = (event: InvokeEvent, ...args: unknown[]) => Promise<RpcResult>;

/** ipcMain as Electron behaves: a channel without a handler rejects the invoke. */
class FakeIpcMain implements IpcMainApi {
  handlers = new Map<string, Handler>();
  handle(channel: string, listener: Handler): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  async invoke(channel: string, event: InvokeEvent, input: unknown): Promise<RpcResult> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler(event, input);
  }
}

class RecordingRouter {
  calls: { method: unknown; input: unknown; ctx: CallContext }[] = [];
  async dispatch(method: unknown, input: unknown, ctx: CallContext): Promise<RpcResult> {
    this.calls.push({ method, input, ctx });
    return { ok: true, result: 'handled' };
  }
}

const fromPage = (url: string, opts: { parent?: unknown; senderId?: number } = {}): InvokeEvent => ({
  sender: { id: opts.senderId ?? 7 },
  senderFrame: { url, parent: opts.parent ?? null },
});

function setup() {
  const ipcMain = new FakeIpcMain();
  const router = new RecordingRouter();
  const logged: string[] = [];
  const uninstall = installIpcBridge({ ipcMain, router, isOwnPage: pages.isOwnPage, log: (m) => logged.push(m) });
  return { ipcMain, router, logged, uninstall };
}

describe('IPC bridge (main side)', () => {
  it('registers one handler per contract method and nothing else', () => {
    const { ipcMain } = setup();
    expect([...ipcMain.handlers.keys()].sort()).toEqual(methodNames.map((m) => `tandem:invoke:${m}`).sort());
  });

  it('passes a call from our page to the router with the window as client id', async () => {
    const { ipcMain, router } = setup();
    const result = await ipcMain.invoke('tandem:invoke:threads.list', fromPage(`${pages.url('main')}#/threads`, { senderId: 3 }), { includeArchived: true });
    expect(result).toEqual({ ok: true, result: 'handled' });
    expect(router.calls).toEqual([{ method: 'threads.list', input: { includeArchived: true }, ctx: { clientId: 'window:3' } }]);
  });

  it('has no handler for a channel outside the contract', async () => {
    const { ipcMain, router } = setup();
    await expect(ipcMain.invoke('tandem:invoke:fs.rm', fromPage(pages.url('main')), {})).rejects.toThrow(/No handler/);
    await expect(ipcMain.invoke('tandem:event', fromPage(pages.url('main')), {})).rejects.toThrow(/No handler/);
    expect(router.calls).toEqual([]);
  });

  it('refuses foreign pages, subframes and detached frames without reaching the router', async () => {
    const { ipcMain, router, logged } = setup();
    const foreign = [
      fromPage('https://evil.example/'),
      fromPage('file:///tmp/index.html'),
      fromPage(pages.url('main'), { parent: { url: pages.url('main') } }),
      { sender: { id: 1 }, senderFrame: null },
    ];
    for (const event of foreign) {
      const result = await ipcMain.invoke('tandem:invoke:app.info', event, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'transport', message: expect.stringMatching(/^Refused: /) } });
    }
    expect(router.calls).toEqual([]);
    expect(logged).toHaveLength(4);
    expect(logged[0]).toContain('https://evil.example/');
  });

  it('removes every handler it installed', () => {
    const { ipcMain, uninstall } = setup();
    uninstall();
    expect(ipcMain.handlers.size).toBe(0);
  });
});

class FakeWindow implements EventTargetWindow {
  sent: unknown[][] = [];
  destroyed = false;
  constructor(private url: string) {}
  isDestroyed() {
    return this.destroyed;
  }
  readonly webContents = {
    isDestroyed: () => this.destroyed,
    getURL: () => this.url,
    send: (channel: string, ...args: unknown[]) => {
      this.sent.push([channel, ...args]);
    },
  };
}

describe('event forwarding', () => {
  it('sends every core event to every live Tandem window, on the event channel', () => {
    const bus = new EventBus();
    const main = new FakeWindow(pages.url('main'));
    const quickAsk = new FakeWindow(pages.url('quick-ask'));
    const closed = new FakeWindow(pages.url('overlay'));
    closed.destroyed = true;
    const elsewhere = new FakeWindow('https://example.com/');
    const stop = forwardEvents({ events: bus, windows: () => [main, quickAsk, closed, elsewhere], isOwnPage: pages.isOwnPage });

    bus.emit('app.paused', { paused: true });
    const expected = [[EVENT_CHANNEL, { event: 'app.paused', payload: { paused: true } }]];
    expect(main.sent).toEqual(expected);
    expect(quickAsk.sent).toEqual(expected);
    expect(closed.sent).toEqual([]);
    expect(elsewhere.sent).toEqual([]);

    stop();
    bus.emit('app.paused', { paused: false });
    expect(main.sent).toHaveLength(1);
    expect(bus.listenerCount).toBe(0);
  });
});
