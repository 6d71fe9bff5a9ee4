/**
 * The serve mode's gate, as pure functions so each rule is unit-tested on its own:
 * - Host must be a loopback name with our port (defeats DNS rebinding: a page on evil.example that
 *   resolves to 127.0.0.1 still sends Host: evil.example);
 * - Origin, when present, must be our own origin (defeats cross-site WebSocket hijacking);
 * - the per-start token must come as ?token=, an HttpOnly cookie, or a Bearer header.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { contentSecurityPolicy as sharedCsp } from '../../../shared/csp';

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

export function sessionCookieName(port: number): string {
  // Cookies are shared by all ports of a host: the port in the name keeps two instances apart.
  return `tandem_session_${port}`;
}

export function isAllowedHost(host: string | undefined, port: number): boolean {
  if (!host) return false;
  return LOOPBACK_NAMES.some((name) => host.toLowerCase() === `${name}:${port}`);
}

/** A missing Origin is a non-browser client (scripts, tests): it still needs the token. */
export function isAllowedOrigin(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  return LOOPBACK_NAMES.some((name) => origin.toLowerCase() === `http://${name}:${port}`);
}

export function tokensEqual(given: string | null | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}

export function bearerToken(header: string | undefined): string | null {
  const m = header?.match(/^Bearer\s+(\S+)$/i);
  return m?.[1] ?? null;
}

export type GateVerdict = { ok: true } | { ok: false; status: 401 | 403; reason: string };

/** The whole check for one request (page, asset or WebSocket upgrade). */
export function checkRequest(
  headers: IncomingHttpHeaders,
  url: URL,
  port: number,
  token: string,
  { requireOrigin = false }: { requireOrigin?: boolean } = {},
): GateVerdict {
  if (!isAllowedHost(headers.host, port)) return { ok: false, status: 403, reason: 'Host not allowed' };
  const origin = headers.origin;
  if (requireOrigin && origin === undefined) return { ok: false, status: 403, reason: 'Origin required' };
  if (!isAllowedOrigin(origin, port)) return { ok: false, status: 403, reason: 'Origin not allowed' };
  const given =
    url.searchParams.get('token') ?? readCookie(headers.cookie, sessionCookieName(port)) ?? bearerToken(headers.authorization);
  if (!tokensEqual(given, token)) return { ok: false, status: 401, reason: given ? 'Wrong token' : 'Missing token' };
  return { ok: true };
}

/** The Content-Security-Policy header for every served page: our own scripts and socket, nothing else. */
export function contentSecurityPolicy(host: string): string {
  return sharedCsp({ delivery: 'header', socketOrigin: `ws://${host}` });
}
