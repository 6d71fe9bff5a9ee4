import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ownPages } from '../../../electron/main/own-pages';
import { guardPermissions, guardWebContents, isExternalWebLink, type GuardedContents, type PermissionSession } from '../../../electron/main/security';

const pages = ownPages({ rendererDir: path.resolve('/opt/tandem/out/renderer') });

type Listener = (...args: never[]) => void;

/** A webContents that records the guards and lets the test fire its events. */
class FakeContents implements GuardedContents {
  listeners = new Map<string, Listener>();
  openHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;
  on(event: string, listener: Listener): this {
    this.listeners.set(event, listener);
    return this;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.openHandler = handler;
  }
  /** Fires will-navigate; true when a guard prevented it. */
  navigate(url: string): boolean {
    let prevented = false;
    const listener = this.listeners.get('will-navigate') as (d: { url: string; preventDefault(): void }) => void;
    listener({ url, preventDefault: () => (prevented = true) });
    return prevented;
  }
}

function setup() {
  const contents = new FakeContents();
  const opened: string[] = [];
  const logged: string[] = [];
  guardWebContents(contents, {
    isOwnPage: pages.isOwnPage,
    openExternal: async (url) => {
      opened.push(url);
    },
    log: (m) => logged.push(m),
  });
  return { contents, opened, logged };
}

describe('navigation guard', () => {
  it('lets our own pages navigate among themselves', () => {
    const { contents, opened } = setup();
    expect(contents.navigate(pages.url('main'))).toBe(false);
    expect(contents.navigate(`${pages.url('quick-ask')}#x`)).toBe(false);
    expect(opened).toEqual([]);
  });

  it('stops navigation anywhere else; web links go to the browser, other schemes nowhere', () => {
    const { contents, opened, logged } = setup();
    expect(contents.navigate('https://docs.example.com/page')).toBe(true);
    expect(contents.navigate('file:///etc/passwd')).toBe(true);
    expect(contents.navigate('javascript:alert(1)')).toBe(true);
    expect(contents.navigate('smb://host/share')).toBe(true);
    expect(opened).toEqual(['https://docs.example.com/page']);
    expect(logged.filter((m) => m.includes('blocked'))).toHaveLength(3);
  });
});

describe('window.open guard', () => {
  it('denies every new window and opens only http(s) links externally', () => {
    const { contents, opened } = setup();
    expect(contents.openHandler?.({ url: 'https://github.com/openai/codex' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: pages.url('main') })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: 'file:///bin/sh' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: 'vscode://extension/x' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://github.com/openai/codex']);
  });

  it('blocks <webview> tags', () => {
    const { contents } = setup();
    let prevented = false;
    (contents.listeners.get('will-attach-webview') as (e: { preventDefault(): void }) => void)({ preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
  });

  it('recognises web links strictly', () => {
    expect(isExternalWebLink('http://example.com')).toBe(true);
    expect(isExternalWebLink('HTTPS://EXAMPLE.COM/a')).toBe(true);
    expect(isExternalWebLink('https://')).toBe(false);
    expect(isExternalWebLink('ftp://example.com')).toBe(false);
    expect(isExternalWebLink('data:text/html,hi')).toBe(false);
    expect(isExternalWebLink('/relative')).toBe(false);
  });
});

type RequestHandler = Parameters<PermissionSession['setPermissionRequestHandler']>[0];
type CheckHandler = Parameters<PermissionSession['setPermissionCheckHandler']>[0];

describe('permission guard', () => {
  const session = { request: null as RequestHandler | null, check: null as CheckHandler | null };
  guardPermissions(
    {
      setPermissionRequestHandler: (h) => (session.request = h),
      setPermissionCheckHandler: (h) => (session.check = h),
    },
    pages.isOwnPage,
  );
  const request = (permission: string, requestingUrl: string) => {
    let granted: boolean | undefined;
    session.request!(null, permission, (g) => (granted = g), { requestingUrl });
    return granted;
  };

  it('denies every device, media and notification request, even from our pages', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'display-capture', 'clipboard-read', 'openExternal', 'fullscreen', 'hid', 'serial', 'usb', 'unknown']) {
      expect(request(permission, pages.url('main')), permission).toBe(false);
      expect(session.check!(null, permission, 'file:///', { requestingUrl: pages.url('main') }), permission).toBe(false);
    }
  });

  it('lets only our pages write to the clipboard (copy buttons)', () => {
    expect(request('clipboard-sanitized-write', pages.url('main'))).toBe(true);
    expect(session.check!(null, 'clipboard-sanitized-write', 'file:///', { requestingUrl: pages.url('quick-ask') })).toBe(true);
    expect(request('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    expect(session.check!(null, 'clipboard-sanitized-write', 'file:///', {})).toBe(false);
  });
});
