import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ownPages } from '../../../electron/main/own-pages';

const rendererDir = path.resolve('/opt/tandem/out/renderer');
const fileUrl = (p: string) => pathToFileURL(p).href;

describe('own pages (built app)', () => {
  const pages = ownPages({ rendererDir });

  it('loads the three windows from out/renderer over file://', () => {
    expect(pages.url('main')).toBe(fileUrl(path.join(rendererDir, 'index.html')));
    expect(pages.url('quick-ask')).toBe(fileUrl(path.join(rendererDir, 'quick-ask.html')));
    expect(pages.url('overlay')).toBe(fileUrl(path.join(rendererDir, 'overlay.html')));
  });

  it('accepts exactly those pages, with any query or fragment', () => {
    expect(pages.isOwnPage(pages.url('main'))).toBe(true);
    expect(pages.isOwnPage(`${pages.url('quick-ask')}?thread=1#input`)).toBe(true);
    expect(pages.isOwnPage(pages.url('overlay'))).toBe(true);
  });

  it('refuses other files, other folders, network shares and the web', () => {
    for (const url of [
      fileUrl(path.join(rendererDir, 'assets', 'index.js')),
      fileUrl(path.join(rendererDir, '..', 'cli.cjs')),
      fileUrl('/tmp/index.html'),
      `${fileUrl(rendererDir)}/../../renderer-evil/index.html`,
      'file://attacker.example/share/index.html',
      'https://example.com/index.html',
      'http://localhost:5173/index.html', // no dev server configured
      'about:blank',
      'devtools://devtools/bundled/inspector.html',
      'javascript:alert(1)',
      'not a url',
      '',
    ]) {
      expect(pages.isOwnPage(url), url).toBe(false);
    }
  });
});

describe('own pages (development with a Vite dev server)', () => {
  const pages = ownPages({ rendererDir, devServerUrl: 'http://localhost:5173/some/path?x=1' });

  it('loads from the dev server and accepts its pages only', () => {
    expect(pages.url('quick-ask')).toBe('http://localhost:5173/quick-ask.html');
    expect(pages.isOwnPage('http://localhost:5173/')).toBe(true);
    expect(pages.isOwnPage('http://localhost:5173/overlay.html#x')).toBe(true);
    expect(pages.isOwnPage('http://localhost:5174/index.html')).toBe(false);
    expect(pages.isOwnPage('http://127.0.0.1:5173/index.html')).toBe(false);
    expect(pages.isOwnPage('http://localhost:5173/@fs/etc/passwd')).toBe(false);
  });

  it('refuses a dev server that is not plain http on loopback', () => {
    expect(() => ownPages({ rendererDir, devServerUrl: 'http://192.168.1.5:5173/' })).toThrow(/localhost or 127.0.0.1/);
    expect(() => ownPages({ rendererDir, devServerUrl: 'https://localhost:5173/' })).toThrow(/http:\/\//);
    expect(() => ownPages({ rendererDir, devServerUrl: 'nonsense' })).toThrow(/not a URL/);
  });
});
