import { describe, expect, it } from 'vitest';
import { RpcError } from '../../../shared/contract';
import { RECONNECT_BASE_MS, RECONNECT_MAX_MS, reconnectDelay } from '../../../renderer/src/api/backoff';
import { createTandemClient } from '../../../renderer/src/api/client';
import type { ConnectionState } from '../../../renderer/src/api/transport';
import { WebSocketTransport } from '../../../renderer/src/api/ws-transport';
import { fakeSockets, ManualClock } from './fake-socket';

function setup() {
  const net = fakeSockets();
  const clock = new ManualClock();
  // random() = 1 makes every delay the full exponential step, so tests can name exact times.
  const transport = new WebSocketTransport(net.factory, { clock, random: () => 1 });
  const client = createTandemClient(transport);
  const states: ConnectionState[] = [];
  client.onConnection((s) => states.push(s));
  return { net, clock, transport, client, states };
}

/** Lets promise callbacks run. */
const flush = () => new Promise((r) => setTimeout(r, 0));

describe('WebSocket transport', () => {
  it('queues calls made while connecting and sends them when the socket opens', async () => {
    const { net, client } = setup();
    const info = client.invoke('settings.get', {});
    expect(net.latest().sent).toEqual([]);
    net.latest().open();
    const req = net.latest().lastRequest();
    expect(req).toMatchObject({ t: 'req', method: 'settings.get', input: {} });
    net.latest().reply(req.id, { theme: 'dark', fontSize: 13, onboardingDone: false });
    await expect(info).resolves.toEqual({ theme: 'dark', fontSize: 13, onboardingDone: false });
  });

  it('pairs answers with their calls by id, whatever the order', async () => {
    const { net, client } = setup();
    net.latest().open();
    const a = client.invoke('workspaces.list', {});
    const b = client.invoke('threads.list', {});
    const [ra, rb] = net.latest().sent as { id: number }[];
    net.latest().reply(rb!.id, ['thread']);
    net.latest().reply(ra!.id, ['workspace']);
    await expect(a).resolves.toEqual(['workspace']);
    await expect(b).resolves.toEqual(['thread']);
  });

  it('throws the server error as an RpcError with its code and issues', async () => {
    const { net, client } = setup();
    net.latest().open();
    const call = client.invoke('workspaces.add', { path: 'relative' });
    net.latest().fail(net.latest().lastRequest().id, 'invalid_input', 'Enter an absolute folder path');
    const err = await call.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RpcError);
    expect(err).toMatchObject({ code: 'invalid_input', message: 'Enter an absolute folder path' });
  });

  it('delivers pushed events only to listeners of that event, until they unsubscribe', () => {
    const { net, client } = setup();
    net.latest().open();
    const paused: unknown[] = [];
    const themes: unknown[] = [];
    const off = client.on('app.paused', (p) => paused.push(p));
    client.on('settings.changed', (p) => themes.push(p.theme));
    net.latest().push('app.paused', { paused: true });
    net.latest().push('settings.changed', { theme: 'light', fontSize: 13, onboardingDone: true });
    off();
    net.latest().push('app.paused', { paused: false });
    expect(paused).toEqual([{ paused: true }]);
    expect(themes).toEqual(['light']);
  });

  it('ignores frames that are not JSON or answer no call', async () => {
    const { net, client } = setup();
    net.latest().open();
    const call = client.invoke('app.info', {});
    net.latest().raw('not json');
    net.latest().raw('42');
    net.latest().reply(999, 'stray');
    net.latest().reply(net.latest().lastRequest().id, { name: 'Tandem' });
    await expect(call).resolves.toEqual({ name: 'Tandem' });
  });

  it('fails calls in flight with a transport error when the socket drops, then reconnects with backoff', async () => {
    const { net, clock, client, states } = setup();
    net.latest().open();
    const call = client.invoke('threads.list', {});
    net.latest().drop();
    const err = await call.catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'transport', message: 'The connection to Tandem was lost.' });

    expect(client.connection()).toMatchObject({ status: 'reconnecting', everConnected: true, attempt: 1, retryAt: clock.now() + RECONNECT_BASE_MS });
    expect(net.sockets).toHaveLength(1);
    clock.advance(RECONNECT_BASE_MS - 1);
    expect(net.sockets).toHaveLength(1);
    clock.advance(1);
    expect(net.sockets).toHaveLength(2);

    // The second attempt fails too: the wait doubles.
    net.latest().drop();
    expect(client.connection()).toMatchObject({ attempt: 2, retryAt: clock.now() + RECONNECT_BASE_MS * 2 });
    clock.advance(RECONNECT_BASE_MS * 2);
    net.latest().open();
    expect(client.connection()).toEqual({ status: 'open', everConnected: true, attempt: 0, retryAt: null });
    expect(states.map((s) => s.status)).toEqual(['open', 'reconnecting', 'reconnecting', 'reconnecting', 'reconnecting', 'open']);
  });

  it('fails calls made between attempts at once instead of queueing them for later', async () => {
    const { net, client } = setup();
    net.latest().open();
    net.latest().drop();
    const err = await client.invoke('app.info', {}).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'transport' });
    expect(net.sockets).toHaveLength(1);
  });

  it('fails queued calls when the attempt they waited for fails', async () => {
    const { net, client } = setup();
    const call = client.invoke('app.info', {});
    net.latest().drop();
    await expect(call).rejects.toMatchObject({ code: 'transport', message: 'Could not connect to Tandem.' });
    expect(client.connection()).toMatchObject({ status: 'reconnecting', everConnected: false, attempt: 1 });
  });

  it('retries at once on retryNow and ignores a late close from a replaced socket', async () => {
    const { net, clock, client } = setup();
    net.latest().open();
    const first = net.latest();
    first.drop();
    client.retryNow();
    expect(net.sockets).toHaveLength(2);
    expect(clock.pending).toBe(0);
    net.latest().open();
    first.drop(); // a duplicate close of the old socket must not tear down the new one
    expect(client.connection().status).toBe('open');
    const call = client.invoke('app.info', {});
    net.latest().reply(net.latest().lastRequest().id, 'ok');
    await expect(call).resolves.toBe('ok');
  });

  it('closes for good on dispose: no retries, calls fail', async () => {
    const { net, clock, client } = setup();
    net.latest().open();
    const call = client.invoke('app.info', {});
    client.dispose();
    await expect(call).rejects.toMatchObject({ code: 'transport' });
    expect(net.latest().closed).toBe(true);
    expect(client.connection().status).toBe('closed');
    clock.advance(RECONNECT_MAX_MS * 10);
    expect(net.sockets).toHaveLength(1);
    await expect(client.invoke('app.info', {})).rejects.toMatchObject({ code: 'transport' });
    await flush();
  });
});

describe('reconnect delay', () => {
  it('grows exponentially, is capped, and keeps jitter within the upper half of each step', () => {
    expect(reconnectDelay(1, () => 1)).toBe(RECONNECT_BASE_MS);
    expect(reconnectDelay(2, () => 1)).toBe(RECONNECT_BASE_MS * 2);
    expect(reconnectDelay(30, () => 1)).toBe(RECONNECT_MAX_MS);
    expect(reconnectDelay(3, () => 0)).toBe(RECONNECT_BASE_MS * 2);
    for (let i = 0; i < 50; i++) {
      const d = reconnectDelay(4);
      expect(d).toBeGreaterThanOrEqual(RECONNECT_BASE_MS * 4);
      expect(d).toBeLessThanOrEqual(RECONNECT_BASE_MS * 8);
    }
  });
});
