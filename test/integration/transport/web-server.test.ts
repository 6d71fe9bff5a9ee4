// The serve mode's server over real HTTP and real WebSockets: the gate, the cookie exchange, the CSP,
// and the contract over the socket — including every way a hostile page or a broken client can knock.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createCore, type Core } from '../../../electron/core/app';
import { FileKeychain } from '../../../electron/core/secrets/file-keychain';
import { sessionCookieName } from '../../../electron/core/transport/web-auth';
import { startWebServer, type WebServer } from '../../../electron/core/transport/web-server';
import { makeTempDir } from '../../support/temp-dir';

let tmp: ReturnType<typeof makeTempDir>;
let core: Core;
let server: WebServer;
let staticDir: string;

beforeAll(async () => {
  tmp = makeTempDir();
  staticDir = path.join(tmp.dir, 'renderer');
  fs.mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Tandem</title><script type="module" src="./assets/app.js"></script>');
  fs.writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(tmp.dir, 'secret.txt'), 'outside the static root');
  core = createCore({ dataDir: path.join(tmp.dir, 'data'), version: 't', env: {}, platform: { mode: 'web', keychain: new FileKeychain(tmp.dir), hotkey: null } });
  server = await startWebServer({ router: core.router, events: core.events, clients: core.clients, staticDir });
});

afterAll(async () => {
  await server.close();
  await core.dispose();
  tmp.cleanup();
});

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function get(pathAndQuery: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: server.port, path: pathAndQuery, headers: { host: `127.0.0.1:${server.port}`, ...headers } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const cookie = () => `${sessionCookieName(server.port)}=${server.token}`;

/** Opens a socket; resolves with it once open, or with the HTTP status the upgrade was refused with. */
function connect(headers: Record<string, string>, query = ''): Promise<{ ws: WebSocket } | { refused: number }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/rpc${query}`, { headers });
    ws.once('open', () => resolve({ ws }));
    ws.once('unexpected-response', (_req, res) => resolve({ refused: res.statusCode ?? 0 }));
    ws.once('error', () => resolve({ refused: -1 }));
  });
}

async function openSocket(): Promise<WebSocket> {
  const r = await connect({ cookie: cookie(), origin: `http://127.0.0.1:${server.port}` });
  if (!('ws' in r)) throw new Error(`refused with ${r.refused}`);
  return r.ws;
}

function call(ws: WebSocket, frame: unknown): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const onMessage = (data: Buffer) => {
      const msg = JSON.parse(data.toString()) as Record<string, unknown>;
      if (msg.t !== 'res') return;
      ws.off('message', onMessage);
      resolve(msg);
    };
    ws.on('message', onMessage);
    ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  });
}

describe('serving the page', () => {
  it('binds loopback only and prints a URL with the token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
    expect(server.token.length).toBeGreaterThanOrEqual(32);
  });

  it('trades ?token= for an HttpOnly SameSite=Strict cookie and drops it from the URL', async () => {
    const r = await get(`/?token=${server.token}`);
    expect(r.status).toBe(302);
    expect(r.headers.location).toBe('/');
    const setCookie = r.headers['set-cookie']?.[0] ?? '';
    expect(setCookie).toContain(`${sessionCookieName(server.port)}=`);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
  });

  it('serves the page with the cookie, under a strict CSP', async () => {
    const r = await get('/', { cookie: cookie() });
    expect(r.status).toBe(200);
    expect(r.body).toContain('<title>Tandem</title>');
    expect(r.headers['content-security-policy']).toContain("script-src 'self'");
    expect(r.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect((await get('/assets/app.js', { cookie: cookie() })).headers['content-type']).toMatch(/javascript/);
  });

  it.each([
    ['no token', {}, '/', 401],
    ['a wrong token', {}, '/?token=wrong', 401],
    ['a wrong cookie', { cookie: `${sessionCookieName(1)}=x; tandem_session=${'x'.repeat(32)}` }, '/', 401],
    ['a non-loopback Host (DNS rebinding)', { host: 'attacker.example:80' }, `/?token=TOKEN`, 403],
    ['a foreign Origin', { origin: 'http://attacker.example' }, `/?token=TOKEN`, 403],
  ])('refuses a page request with %s', async (_label, headers, p, status) => {
    const r = await get(p.replace('TOKEN', server.token), headers as Record<string, string>);
    expect(r.status).toBe(status);
    expect(r.body).not.toContain('<title>Tandem</title>');
  });

  it('does not serve files outside the built renderer', async () => {
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt']) {
      const r = await get(p, { cookie: cookie() });
      expect(r.body).not.toContain('outside the static root');
      expect(r.status).toBe(404);
    }
  });
});

describe('the WebSocket gate', () => {
  it.each([
    ['no token', { origin: 'ORIGIN' }, '', 401],
    ['a wrong token', { origin: 'ORIGIN' }, '?token=wrong', 401],
    ['a foreign Origin (cross-site WebSocket hijacking)', { origin: 'http://attacker.example', cookie: 'COOKIE' }, '', 403],
    ['a non-loopback Host', { host: 'attacker.example', origin: 'ORIGIN', cookie: 'COOKIE' }, '', 403],
  ])('refuses %s', async (_label, headers, query, status) => {
    const h = Object.fromEntries(
      Object.entries(headers).map(([k, v]) => [k, v.replace('ORIGIN', `http://127.0.0.1:${server.port}`).replace('COOKIE', cookie())]),
    );
    const r = await connect(h, query);
    expect(r).toEqual({ refused: status });
  });

  it('accepts our page (cookie + our Origin) and a script with a bearer token', async () => {
    const ws = await openSocket();
    ws.close();
    const r = await connect({ authorization: `Bearer ${server.token}` });
    expect('ws' in r).toBe(true);
    if ('ws' in r) r.ws.close();
  });
});

describe('the contract over the socket', () => {
  it('answers a call and pushes events', async () => {
    const ws = await openSocket();
    const events: unknown[] = [];
    ws.on('message', (d: Buffer) => {
      const m = JSON.parse(d.toString()) as { t: string };
      if (m.t === 'evt') events.push(m);
    });
    expect(await call(ws, { t: 'req', id: 1, method: 'app.info', input: {} })).toMatchObject({ t: 'res', id: 1, ok: true, result: { name: 'Tandem' } });
    expect(await call(ws, { t: 'req', id: 2, method: 'settings.update', input: { theme: 'dark' } })).toMatchObject({ id: 2, ok: true });
    await new Promise((r) => setTimeout(r, 20));
    expect(events).toContainEqual({ t: 'evt', event: 'settings.changed', payload: expect.objectContaining({ theme: 'dark' }) });
    ws.close();
  });

  it('gives typed errors for bad payloads and unknown methods, and keeps the connection working', async () => {
    const ws = await openSocket();
    expect(await call(ws, { t: 'req', id: 3, method: 'settings.update', input: { fontSize: 'huge' } })).toMatchObject({ id: 3, ok: false, error: { code: 'invalid_input' } });
    expect(await call(ws, { t: 'req', id: 4, method: 'rm.rf', input: {} })).toMatchObject({ id: 4, ok: false, error: { code: 'unknown_method' } });
    expect(await call(ws, 'this is not json')).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('not JSON') } });
    expect(await call(ws, { t: 'req', id: 'x', method: 'app.info' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await call(ws, { t: 'req', id: 5, method: 'app.info', input: {} })).toMatchObject({ id: 5, ok: true });
    ws.close();
  });

  it('closes a socket that sends an oversized frame, without affecting others', async () => {
    const big = await openSocket();
    const other = await openSocket();
    const closed = new Promise<number>((resolve) => big.once('close', (code) => resolve(code)));
    big.send('x'.repeat(9 * 1024 * 1024));
    expect(await closed).toBe(1009);
    expect(await call(other, { t: 'req', id: 6, method: 'app.info', input: {} })).toMatchObject({ ok: true });
    other.close();
  });

  it('tracks connected clients and forgets them on close', async () => {
    const ws = await openSocket();
    await new Promise((r) => setTimeout(r, 10));
    const before = core.clients.list().length;
    expect(before).toBeGreaterThan(0);
    ws.close();
    await new Promise((r) => setTimeout(r, 50));
    expect(core.clients.list().length).toBe(before - 1);
  });
});
