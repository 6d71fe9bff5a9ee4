import { describe, expect, it } from 'vitest';
import { contractArguments, EVENT_CHANNEL, readContractArguments } from '../../../shared/bridge';
import { eventNames, methodNames } from '../../../shared/contract';
import { createBridge, type BridgeIpc } from '../../../electron/preload/bridge';

type Listener = (event: unknown, ...args: unknown[]) => void;

/** ipcRenderer as the bridge sees it: records invokes, replies with a scripted answer. */
class FakeIpcRenderer implements BridgeIpc {
  invoked: { channel: string; args: unknown[] }[] = [];
  listeners = new Map<string, Listener[]>();
  reply: (channel: string, input: unknown) => Promise<unknown> = async () => ({ ok: true, result: 'pong' });

  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invoked.push({ channel, args });
    return this.reply(channel, args[0]);
  }
  on(channel: string, listener: Listener): void {
    this.listeners.set(channel, [...(this.listeners.get(channel) ?? []), listener]);
  }
  removeListener(channel: string, listener: Listener): void {
    this.listeners.set(channel, (this.listeners.get(channel) ?? []).filter((l) => l !== listener));
  }
  emit(channel: string, message: unknown): void {
    for (const listener of this.listeners.get(channel) ?? []) listener({ sender: 'ipc-event' }, message);
  }
  count(channel: string): number {
    return this.listeners.get(channel)?.length ?? 0;
  }
}

const names = readContractArguments(['/usr/bin/tandem', ...contractArguments(methodNames, eventNames), '--other']);

function setup() {
  const ipc = new FakeIpcRenderer();
  return { ipc, bridge: createBridge(ipc, names) };
}

describe('contract names handed to the preload', () => {
  it('round-trip exactly through the renderer command line', () => {
    expect(names).not.toBeNull();
    expect([...names!.methods].sort()).toEqual([...methodNames].sort());
    expect([...names!.events].sort()).toEqual([...eventNames].sort());
  });

  it('are absent when a window was not started by the shell', () => {
    expect(readContractArguments(['/usr/bin/tandem'])).toBeNull();
  });
});

describe('window.tandem.invoke', () => {
  it('sends a contract method on its own channel and resolves with the core reply', async () => {
    const { ipc, bridge } = setup();
    ipc.reply = async () => ({ ok: true, result: { paused: true } });
    const result = await bridge.invoke('app.setPaused', { paused: true });
    expect(result).toEqual({ ok: true, result: { paused: true } });
    expect(ipc.invoked).toEqual([{ channel: 'tandem:invoke:app.setPaused', args: [{ paused: true }] }]);
  });

  it('answers a name outside the contract with unknown_method and sends nothing', async () => {
    const { ipc, bridge } = setup();
    const call = bridge.invoke as (method: unknown, input: unknown) => Promise<unknown>;
    for (const bad of ['fs.readFile', 'toString', '__proto__', '', 42, null]) {
      const result = await call(bad, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    }
    expect(ipc.invoked).toEqual([]);
  });

  it('refuses everything when the window has no contract list', async () => {
    const ipc = new FakeIpcRenderer();
    const bridge = createBridge(ipc, null);
    const result = await bridge.invoke('app.info', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown_method', message: expect.stringContaining('without the contract list') } });
    expect(ipc.invoked).toEqual([]);
    expect(() => bridge.on('app.paused', () => {})).toThrow(/Unknown event/);
  });

  it('turns a failed IPC call into a transport error instead of a rejection', async () => {
    const { ipc, bridge } = setup();
    ipc.reply = async () => {
      throw new Error('An object could not be cloned.');
    };
    await expect(bridge.invoke('app.info', {})).resolves.toEqual({
      ok: false,
      error: { code: 'transport', message: 'Could not call app.info: An object could not be cloned.' },
    });
  });

  it('does not pass on a reply that is not an RpcResult', async () => {
    const { ipc, bridge } = setup();
    ipc.reply = async () => 'surprise';
    await expect(bridge.invoke('app.info', {})).resolves.toMatchObject({ ok: false, error: { code: 'transport' } });
  });
});

describe('window.tandem.on', () => {
  it('delivers only the subscribed contract event, payload only (no IPC event object)', () => {
    const { ipc, bridge } = setup();
    const paused: unknown[] = [];
    const unsubscribe = bridge.on('app.paused', (payload) => paused.push(payload));
    ipc.emit(EVENT_CHANNEL, { event: 'settings.changed', payload: { theme: 'dark' } });
    ipc.emit(EVENT_CHANNEL, { event: 'app.paused', payload: { paused: true } });
    expect(paused).toEqual([{ paused: true }]);
    unsubscribe();
    ipc.emit(EVENT_CHANNEL, { event: 'app.paused', payload: { paused: false } });
    expect(paused).toEqual([{ paused: true }]);
  });

  it('throws for an event outside the contract', () => {
    const { ipc, bridge } = setup();
    const on = bridge.on as (event: unknown, cb: unknown) => () => void;
    expect(() => on('made.up', () => {})).toThrow('Unknown event "made.up"');
    expect(() => on('app.paused', 'not a function')).toThrow(/must be a function/);
    expect(ipc.count(EVENT_CHANNEL)).toBe(0);
  });

  it('keeps one IPC listener however many subscribe, and removes it with the last unsubscribe', () => {
    const { ipc, bridge } = setup();
    const offs = [bridge.on('app.paused', () => {}), bridge.on('app.paused', () => {}), bridge.on('threads.changed', () => {})];
    expect(ipc.count(EVENT_CHANNEL)).toBe(1);
    offs[0]!();
    offs[0]!(); // a second call is harmless
    offs[1]!();
    expect(ipc.count(EVENT_CHANNEL)).toBe(1);
    offs[2]!();
    expect(ipc.count(EVENT_CHANNEL)).toBe(0);
  });

  it('keeps delivering to other subscribers when one throws', () => {
    const { ipc, bridge } = setup();
    const got: unknown[] = [];
    const originalError = console.error;
    console.error = () => {};
    try {
      bridge.on('app.paused', () => {
        throw new Error('broken subscriber');
      });
      bridge.on('app.paused', (payload) => got.push(payload));
      ipc.emit(EVENT_CHANNEL, { event: 'app.paused', payload: { paused: true } });
    } finally {
      console.error = originalError;
    }
    expect(got).toEqual([{ paused: true }]);
  });

  it('ignores malformed messages on the event channel', () => {
    const { ipc, bridge } = setup();
    const got: unknown[] = [];
    bridge.on('app.paused', (payload) => got.push(payload));
    for (const junk of [null, 'app.paused', { payload: 1 }, { event: 3 }]) ipc.emit(EVENT_CHANNEL, junk);
    expect(got).toEqual([]);
  });
});
