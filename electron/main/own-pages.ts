/**
 * Which URLs are Tandem's own pages. Everything security-related in the shell (IPC sender checks,
 * navigation guards, permission checks, event delivery) asks this one module.
 *
 * Built app: the three HTML files Vite writes to out/renderer, loaded over file://. Any other file,
 * even one next to them, is not ours. Development may point the windows at a Vite dev server on
 * loopback (TANDEM_RENDERER_URL); then that exact origin is ours as well.
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export type PageName = 'main' | 'quick-ask' | 'overlay';

const PAGE_FILES: Record<PageName, string> = {
  main: 'index.html',
  'quick-ask': 'quick-ask.html',
  overlay: 'overlay.html',
};

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export interface OwnPages {
  /** The URL a window of this kind loads. */
  url(page: PageName): string;
  /** True only for one of our pages (query and fragment may vary). */
  isOwnPage(url: string): boolean;
}

export interface OwnPagesOptions {
  /** Absolute path of out/renderer. */
  rendererDir: string;
  /** A Vite dev server (http://localhost:5173/); null in the built app. */
  devServerUrl?: string | null;
}

export function ownPages({ rendererDir, devServerUrl = null }: OwnPagesOptions): OwnPages {
  const pageFiles = new Set(Object.values(PAGE_FILES).map((file) => path.resolve(rendererDir, file)));
  const dev = devServerUrl === null ? null : parseDevServer(devServerUrl);
  const devPaths = new Set(['/', ...Object.values(PAGE_FILES).map((file) => `/${file}`)]);

  return {
    url(page) {
      const file = PAGE_FILES[page];
      return dev ? new URL(file, dev).href : pathToFileURL(path.join(rendererDir, file)).href;
    },
    isOwnPage(raw) {
      let url: URL;
      try {
        url = new URL(raw);
      } catch {
        return false;
      }
      if (url.protocol === 'file:') {
        // A host in a file URL means a network share (file://server/x): never ours.
        if (url.host !== '') return false;
        try {
          return pageFiles.has(path.resolve(fileURLToPath(url)));
        } catch {
          return false;
        }
      }
      return dev !== null && url.origin === dev.origin && devPaths.has(url.pathname);
    },
  };
}

function parseDevServer(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`TANDEM_RENDERER_URL is not a URL: ${raw}`);
  }
  if (url.protocol !== 'http:' || !LOOPBACK_HOSTS.has(url.hostname)) {
    throw new Error(`TANDEM_RENDERER_URL must be an http:// URL on localhost or 127.0.0.1, not ${raw}`);
  }
  url.pathname = '/';
  url.search = '';
  url.hash = '';
  return url;
}
