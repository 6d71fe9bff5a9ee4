/**
 * Terminals through the whole core and the serve mode's real WebSocket server: the contract's checks,
 * and flow control per connection (a lagging tab holds a shell back; one that closes does not).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { WebSocket } from 'ws';
import type { TerminalData, TerminalInfo } from '../../../shared/contract';
import { createCore, type Core } from '../../../electron/core/app';
import { FileKeychain } from '../../../electron/core/secrets/file-keychain';
import { forkPtyHost } from '../../../electron/core/terminals/host-channel';
import { startWebServer, type WebServer } from '../../../electron/core/transport/web-server';
import { makeTempDir } from '../../support/temp-dir';
import { buildPtyHost } from './support/harness';

let tmp: ReturnType<typeof makeTempDir>;
let core: Core;
let server: WebServer;

beforeAll(async () => {
  tmp = makeTempDir();
  const staticDir = path.join(tmp.dir, 'renderer');
  fs.mkdirSync(staticDir);
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Tandem</title>');
  core = createCore({
    dataDir: path.join(tmp.dir, 'data'),
    version: 't',
    env: {},
    platform: { mode: 'web', keychain: new FileKeychain(tmp.dir), hotkey: null },
    terminals: { launcher: forkPtyHost({ entry: await buildPtyHost() }), homeDir: tmp.dir },
  });
  server = await startWebServer({ router: core.router, events: core.events, clients: core.clients, staticDir });
});

afterAll(async () => {
  await server?.close();
  await core?.dispose();
  tmp?.cleanup();
});

/** A tab: calls and events over one socket, output collected per terminal. */
class Tab {
  private nextId = 1;
  private readonly waiting = new Map<number, (frame: { ok: boolean; result?: unknown; error?: { code: string; message: string } }) => void>();
  readonly output = new Map<string, string>();
  readonly events: Array<{ event: string; payload: unknown }> = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (raw) => {
      const frame = JSON.parse(raw.toString()) as { t: string; id: number; event: string; payload: unknown; ok: boolean };
      if (frame.t === 'res') this.waiting.get(frame.id)?.(frame as never);
      else {
        this.events.push({ event: frame.event, payload: frame.payload });
        if (frame.event === 'terminal.data') {
          const d = frame.payload as TerminalData;
          this.output.set(d.id, (this.output.get(d.id) ?? '') + d.data);
        }
      }
    });
  }

  static open(): Promise<Tab> {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/rpc?token=${server.token}`, { headers: { host: `127.0.0.1:${server.port}` } });
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new Tab(ws)));
      ws.once('error', reject);
    });
  }

  call(method: string, input: unknown): Promise<{ ok: boolean; result?: unknown; error?: { code: string; message: string } }> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.ws.send(JSON.stringify({ t: 'req', id, method, input }));
    });
  }

  async closeAndWait(): Promise<void> {
    const closed = new Promise((r) => this.ws.once('close', r));
    this.ws.close();
    await closed;
  }
}

async function until(condition: () => boolean, what: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('terminals over the WebSocket', () => {
  test('the contract refuses bad input with a clear error before it reaches a shell', async () => {
    const tab = await Tab.open();
    expect(await tab.call('terminal.resize', { id: 'x', cols: -1, rows: 5 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await tab.call('terminal.create', { shell: '/no/such/shell' })).toMatchObject({ ok: false, error: { code: 'invalid_input', message: 'Shell /no/such/shell does not exist.' } });
    expect(await tab.call('terminal.write', { id: 'nope', data: 'ls\r' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    await tab.closeAndWait();
  });

  test('a tab that lags holds the shell back; when it closes, the shell runs on', { timeout: 30_000 }, async () => {
    const viewer = await Tab.open();
    const other = await Tab.open();
    const created = await viewer.call('terminal.create', { shell: '/bin/bash', args: ['-c', "head -c 900000 /dev/zero | tr '\\0' v; printf DONE"] });
    expect(created.ok).toBe(true);
    const id = (created.result as TerminalInfo).id;
    // The viewer never acks; the other tab is not a viewer and is never waited for.
    await new Promise((r) => setTimeout(r, 1_000));
    const held = other.output.get(id)?.length ?? 0;
    expect(held).toBeGreaterThan(0);
    expect(held).toBeLessThan(900_000);
    expect(other.events.some((e) => e.event === 'terminal.exit')).toBe(false);

    await viewer.closeAndWait();
    await until(() => other.events.some((e) => e.event === 'terminal.exit' && (e.payload as { id: string }).id === id), 'the exit');
    expect(other.output.get(id)).toBe('v'.repeat(900_000) + 'DONE');
    await other.call('terminal.close', { id });
    await other.closeAndWait();
  });
});
