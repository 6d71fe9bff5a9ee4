/**
 * Guards applied to every webContents and to the session. Tandem's pages are local files that talk
 * to the core only through the preload bridge; they never need to navigate elsewhere, open windows,
 * embed webviews or use device permissions. So all of that is refused, and links to the web open in
 * the user's browser instead.
 */

interface Preventable {
  preventDefault(): void;
}

/** The parts of Electron's WebContents the guards use. */
export interface GuardedContents {
  on(event: 'will-navigate', listener: (details: Preventable & { url: string }) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: Preventable) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export interface GuardOptions {
  isOwnPage(url: string): boolean;
  /** shell.openExternal. */
  openExternal(url: string): Promise<void>;
  log?: (message: string) => void;
}

/** Only web links leave the app, and only to the default browser. file:, javascript:, custom schemes never do. */
export function isExternalWebLink(raw: string): boolean {
  try {
    const url = new URL(raw);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  } catch {
    return false;
  }
}

export function guardWebContents(contents: GuardedContents, { isOwnPage, openExternal, log = (m) => console.warn(m) }: GuardOptions): void {
  const sendToBrowser = (url: string): void => {
    if (!isExternalWebLink(url)) {
      log(`[tandem] blocked opening ${url.slice(0, 200)}`);
      return;
    }
    openExternal(url).catch((err: unknown) => log(`[tandem] could not open ${url}: ${String(err)}`));
  };

  contents.on('will-navigate', (details) => {
    if (isOwnPage(details.url)) return;
    details.preventDefault();
    sendToBrowser(details.url);
  });

  contents.setWindowOpenHandler(({ url }) => {
    sendToBrowser(url);
    return { action: 'deny' };
  });

  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('[tandem] blocked a <webview>');
  });
}

/**
 * Permissions granted to our own pages. Writing to the clipboard (copy buttons) is the only one; it
 * needs a user gesture anyway. Everything else (camera, microphone, notifications, geolocation, HID,
 * serial, USB, …) is denied, for every page.
 */
const GRANTED_TO_OWN_PAGES: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

/** The parts of Electron's Session the permission guard uses. */
export interface PermissionSession {
  setPermissionRequestHandler(
    handler: (contents: unknown, permission: string, callback: (granted: boolean) => void, details: { requestingUrl?: string }) => void,
  ): void;
  setPermissionCheckHandler(
    handler: (contents: unknown, permission: string, requestingOrigin: string, details: { requestingUrl?: string }) => boolean,
  ): void;
}

export function guardPermissions(session: PermissionSession, isOwnPage: (url: string) => boolean): void {
  const allowed = (permission: string, requestingUrl: string | undefined): boolean =>
    GRANTED_TO_OWN_PAGES.has(permission) && requestingUrl !== undefined && isOwnPage(requestingUrl);

  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(allowed(permission, details.requestingUrl));
  });
  session.setPermissionCheckHandler((_contents, permission, _origin, details) => allowed(permission, details.requestingUrl));
}
