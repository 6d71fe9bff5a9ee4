/**
 * `tandem serve`'s HTTP + WebSocket server. Loopback only. Serves the built renderer behind the token
 * gate (web-auth.ts) with a strict CSP, and the contract over one WebSocket at /rpc.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { MAX_FRAME_BYTES, WS_PATH } from '../../../shared/contract/wire';
import type { ClientRegistry } from './clients';
import type { EventBus } from './event-bus';
import type { Router } from './router';
import { checkRequest, contentSecurityPolicy, sessionCookieName } from './web-auth';
import { serveConnection } from './ws-connection';

export const LOOPBACK = '127.0.0.1';
const KEEPALIVE_MS = 30_000;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export interface WebServerOptions {
  router: Router;
  events: EventBus;
  clients: ClientRegistry;
  /** The built renderer (out/renderer). */
  staticDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** Fixed token for tests; random per start otherwise. */
  token?: string;
}

export interface WebServer {
  readonly port: number;
  readonly token: string;
  /** The URL to open once; it carries the token. */
  readonly url: string;
  close(): Promise<void>;
}

export async function startWebServer(opts: WebServerOptions): Promise<WebServer> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const staticRoot = path.resolve(opts.staticDir);
  if (!fs.existsSync(path.join(staticRoot, 'index.html'))) {
    throw new Error(`The UI is not built (no ${path.join(staticRoot, 'index.html')}). Run \`npm run build\` first.`);
  }

  const sockets = new Set<Socket>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  const server = http.createServer((req, res) => handleHttp(req, res));
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  let port = 0;

  function handleHttp(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', `http://${LOOPBACK}:${port}`);
    const verdict = checkRequest(req.headers, url, port, token);
    if (!verdict.ok) {
      res.writeHead(verdict.status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(
        verdict.status === 401
          ? `${verdict.reason}. Open the address that \`tandem serve\` printed: it carries ?token=…\n`
          : `${verdict.reason}.\n`,
      );
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    if (url.searchParams.has('token')) {
      // Trade the token in the URL for a cookie, and drop it from the address bar and history.
      url.searchParams.delete('token');
      res.writeHead(302, {
        'Set-Cookie': `${sessionCookieName(port)}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`,
        Location: url.pathname + url.search,
        'Cache-Control': 'no-store',
      });
      res.end();
      return;
    }
    serveStatic(url.pathname, req, res);
  }

  function serveStatic(pathname: string, req: http.IncomingMessage, res: http.ServerResponse): void {
    let rel: string;
    try {
      rel = decodeURIComponent(pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (rel === '/' || rel === '') rel = '/index.html';
    const file = path.resolve(staticRoot, `.${rel}`);
    if (file !== staticRoot && !file.startsWith(staticRoot + path.sep)) {
      res.writeHead(404).end();
      return;
    }
    fs.stat(file, (err, stat) => {
      if (err || !stat.isFile()) {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found\n');
        return;
      }
      const ext = path.extname(file).toLowerCase();
      const headers: http.OutgoingHttpHeaders = {
        'Content-Type': CONTENT_TYPES[ext] ?? 'application/octet-stream',
        'Content-Length': stat.size,
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
        'Cross-Origin-Opener-Policy': 'same-origin',
        'Cache-Control': ext === '.html' ? 'no-store' : 'private, max-age=3600',
      };
      if (ext === '.html') {
        headers['Content-Security-Policy'] = contentSecurityPolicy(req.headers.host ?? `${LOOPBACK}:${port}`);
        headers['X-Frame-Options'] = 'DENY';
      }
      res.writeHead(200, headers);
      if (req.method === 'HEAD') res.end();
      else fs.createReadStream(file).pipe(res);
    });
  }

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', `http://${LOOPBACK}:${port}`);
    const verdict = url.pathname === WS_PATH ? checkRequest(req.headers, url, port, token) : ({ ok: false, status: 404, reason: 'Not found' } as const);
    if (!verdict.ok) {
      socket.end(`HTTP/1.1 ${verdict.status} ${http.STATUS_CODES[verdict.status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => attach(ws));
  });

  function attach(ws: WebSocket): void {
    const clientId = `ws:${randomUUID()}`;
    let alive = true;
    ws.on('pong', () => (alive = true));
    const keepalive = setInterval(() => {
      if (!alive) return ws.terminate();
      alive = false;
      ws.ping();
    }, KEEPALIVE_MS);
    keepalive.unref();
    opts.clients.connected(clientId);
    const unsubscribe = serveConnection(ws, { router: opts.router, events: opts.events, clientId });
    ws.on('error', () => ws.terminate());
    ws.on('close', () => {
      clearInterval(keepalive);
      unsubscribe();
      opts.clients.disconnected(clientId);
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      reject(err.code === 'EADDRINUSE' ? new Error(`Port ${opts.port} is already in use. Choose another with --port, or omit it to pick a free one.`) : err);
    });
    server.listen(opts.port ?? 0, LOOPBACK, () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    port,
    token,
    url: `http://${LOOPBACK}:${port}/?token=${token}`,
    async close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
