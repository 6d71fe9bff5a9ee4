import { describe, expect, it } from 'vitest';
import { eventNames, RpcError, type RpcResult } from '../../../shared/contract';
import type { TandemBridge } from '../../../renderer/src/api/bridge';
import { createTandemClient } from '../../../renderer/src/api/client';
import { IpcTransport } from '../../../renderer/src/api/ipc-transport';

/** A stand-in for the preload bridge that records calls and subscriptions. */
function fakeBridge(answer: (method: string, input: unknown) => Promise<unknown>) {
  const subscribers = new Map<string, Set<(payload: unknown) => void>>();
  const calls: [string, unknown][] = [];
  const bridge: TandemBridge = {
    invoke: (method, input) => {
      calls.push([method, input]);
      return answer(method, input) as Promise<RpcResult>;
    },
    on: (event, cb) => {
      const set = subscribers.get(event) ?? new Set();
      set.add(cb);
      subscribers.set(event, set);
      return () => set.delete(cb);
    },
  };
  const emit = (event: string, payload: unknown) => subscribers.get(event)?.forEach((cb) => cb(payload));
  const subscriptionCount = () => [...subscribers.values()].reduce((n, s) => n + s.size, 0);
  return { bridge, calls, emit, subscriptionCount };
}

describe('Electron bridge transport', () => {
  it('passes calls through and unwraps results', async () => {
    const fake = fakeBridge(async () => ({ ok: true, result: { paused: true } }));
    const client = createTandemClient(new IpcTransport(fake.bridge, eventNames));
    await expect(client.invoke('app.setPaused', { paused: true })).resolves.toEqual({ paused: true });
    expect(fake.calls).toEqual([['app.setPaused', { paused: true }]]);
    expect(client.connection().status).toBe('open');
  });

  it('throws RpcErrors for error results, and a transport error when the bridge itself throws', async () => {
    const client = createTandemClient(
      new IpcTransport(
        fakeBridge(async (method) => {
          if (method === 'threads.get') return { ok: false, error: { code: 'not_found', message: 'No thread with id x' } };
          if (method === 'app.info') return 'garbage';
          throw new Error('Object has been destroyed');
        }).bridge,
        eventNames,
      ),
    );
    await expect(client.invoke('threads.get', { id: 'x' })).rejects.toEqual(new RpcError('not_found', 'No thread with id x'));
    await expect(client.invoke('app.info', {})).rejects.toMatchObject({ code: 'internal' });
    await expect(client.invoke('settings.get', {})).rejects.toMatchObject({ code: 'transport', message: expect.stringContaining('Object has been destroyed') });
  });

  it('subscribes to the bridge while someone listens and releases every subscription after', () => {
    const fake = fakeBridge(async () => ({ ok: true, result: null }));
    const client = createTandemClient(new IpcTransport(fake.bridge, eventNames));
    const got: unknown[] = [];
    const off1 = client.on('threads.changed', (t) => got.push(t.id));
    const off2 = client.on('app.paused', (p) => got.push(p.paused));
    expect(fake.subscriptionCount()).toBe(eventNames.length);
    fake.emit('threads.changed', { id: 't1' });
    fake.emit('app.paused', { paused: false });
    off1();
    fake.emit('threads.changed', { id: 't2' });
    off2();
    expect(fake.subscriptionCount()).toBe(0);
    expect(got).toEqual(['t1', false]);
  });
});
