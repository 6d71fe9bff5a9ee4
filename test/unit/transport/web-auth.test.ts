import { describe, expect, it } from 'vitest';
import { checkRequest, contentSecurityPolicy, isAllowedHost, isAllowedOrigin, readCookie, sessionCookieName, tokensEqual } from '../../../electron/core/transport/web-auth';

const PORT = 4321;
const TOKEN = 'tok_abcdefghijklmnopqrstuvwxyz';
const url = (q = '') => new URL(`http://127.0.0.1:${PORT}/${q}`);

describe('web auth rules', () => {
  it.each(['127.0.0.1:4321', 'localhost:4321', '[::1]:4321', 'LOCALHOST:4321'])('accepts loopback Host %s', (h) => expect(isAllowedHost(h, PORT)).toBe(true));
  it.each([undefined, '', 'evil.example:4321', '127.0.0.1', '127.0.0.1:80', '127.0.0.2:4321', '192.168.1.5:4321', 'localhost.evil.example:4321'])(
    'refuses Host %s (DNS rebinding, other ports)',
    (h) => expect(isAllowedHost(h, PORT)).toBe(false),
  );

  it.each(['http://127.0.0.1:4321', 'http://localhost:4321'])('accepts our Origin %s', (o) => expect(isAllowedOrigin(o, PORT)).toBe(true));
  it.each(['http://evil.example', 'http://127.0.0.1:9999', 'https://127.0.0.1:4321', 'null'])('refuses foreign Origin %s', (o) =>
    expect(isAllowedOrigin(o, PORT)).toBe(false),
  );

  it('compares tokens exactly', () => {
    expect(tokensEqual(TOKEN, TOKEN)).toBe(true);
    expect(tokensEqual(TOKEN.slice(0, -1), TOKEN)).toBe(false);
    expect(tokensEqual(`${TOKEN}x`, TOKEN)).toBe(false);
    expect(tokensEqual('', TOKEN)).toBe(false);
    expect(tokensEqual(null, TOKEN)).toBe(false);
  });

  it('reads the session cookie among others', () => {
    expect(readCookie(`a=1; ${sessionCookieName(PORT)}=${TOKEN}; b=2`, sessionCookieName(PORT))).toBe(TOKEN);
    expect(readCookie('a=1', sessionCookieName(PORT))).toBeNull();
    expect(readCookie(`${sessionCookieName(PORT)}=%E0%A4%A`, sessionCookieName(PORT))).toBeNull();
  });

  it('checkRequest: token by query, cookie or bearer; refuses the rest with the right status', () => {
    const host = `127.0.0.1:${PORT}`;
    expect(checkRequest({ host }, url(`?token=${TOKEN}`), PORT, TOKEN)).toEqual({ ok: true });
    expect(checkRequest({ host, cookie: `${sessionCookieName(PORT)}=${TOKEN}` }, url(), PORT, TOKEN)).toEqual({ ok: true });
    expect(checkRequest({ host, authorization: `Bearer ${TOKEN}` }, url(), PORT, TOKEN)).toEqual({ ok: true });
    expect(checkRequest({ host }, url(), PORT, TOKEN)).toMatchObject({ ok: false, status: 401, reason: 'Missing token' });
    expect(checkRequest({ host }, url('?token=nope'), PORT, TOKEN)).toMatchObject({ ok: false, status: 401, reason: 'Wrong token' });
    expect(checkRequest({ host, cookie: `${sessionCookieName(PORT + 1)}=${TOKEN}` }, url(), PORT, TOKEN)).toMatchObject({ status: 401 });
    expect(checkRequest({ host: 'evil.example:4321' }, url(`?token=${TOKEN}`), PORT, TOKEN)).toMatchObject({ status: 403 });
    expect(checkRequest({ host, origin: 'http://evil.example' }, url(`?token=${TOKEN}`), PORT, TOKEN)).toMatchObject({ status: 403 });
  });

  it('the CSP allows only our own scripts and socket', () => {
    const csp = contentSecurityPolicy(`127.0.0.1:${PORT}`);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${PORT}`);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
  });
});
