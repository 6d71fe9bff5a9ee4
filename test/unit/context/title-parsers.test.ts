// What a title tells: real titles from browsers, VS Code, JetBrains IDEs and terminals.
import { describe, expect, it } from 'vitest';
import {
  deriveWindowContext,
  isPrivateWindowTitle,
  parseBrowserTitle,
  parseJetBrainsTitle,
  parseTerminalTitle,
  parseVsCodeTitle,
} from '../../../electron/core/context/title-parsers';

const win = (title: string, wmClass: string, wmInstance = wmClass.toLowerCase(), processName: string | null = null) => ({ title, wmClass, wmInstance, processName });

describe('browser titles', () => {
  it('strips the browser name and keeps the page title', () => {
    expect(parseBrowserTitle('Rust Playground — Mozilla Firefox')).toMatchObject({ category: 'browser', pageTitle: 'Rust Playground' });
    expect(parseBrowserTitle('New Tab - Google Chrome')).toMatchObject({ pageTitle: 'New Tab' });
    expect(parseBrowserTitle('Docs - Profile 1 - Microsoft\u200b Edge')).toMatchObject({ pageTitle: 'Docs - Profile 1' });
  });

  it('rebuilds GitHub addresses from pull request, issue, file and repo titles', () => {
    expect(parseBrowserTitle('Fix flaky test by ada · Pull Request #482 · openai/codex — Mozilla Firefox')).toMatchObject({
      url: 'https://github.com/openai/codex/pull/482',
      site: 'github.com',
    });
    expect(parseBrowserTitle('Crash on start · Issue #17 · acme/widget - Chromium').url).toBe('https://github.com/acme/widget/issues/17');
    expect(parseBrowserTitle('codex/codex-rs/core/src/lib.rs at main · openai/codex - Google Chrome').url).toBe(
      'https://github.com/openai/codex/blob/main/codex-rs/core/src/lib.rs',
    );
    expect(parseBrowserTitle('GitHub - acme/widget: Widgets for everyone - Brave').url).toBe('https://github.com/acme/widget');
  });

  it('takes a URL shown in the title, or the site a bare-address title names', () => {
    expect(parseBrowserTitle('https://example.com/report?id=4 - Chromium')).toMatchObject({ url: 'https://example.com/report?id=4', site: 'example.com' });
    expect(parseBrowserTitle('localhost:5173/settings — Mozilla Firefox')).toMatchObject({ site: 'localhost:5173' });
    expect(parseBrowserTitle('localhost:5173/settings — Mozilla Firefox').url).toBeUndefined();
  });

  it('knows common sites by their title suffix', () => {
    expect(parseBrowserTitle('How to rebase - Stack Overflow - Google Chrome').site).toBe('stackoverflow.com');
    expect(parseBrowserTitle('Array.prototype.map() - JavaScript | MDN — Mozilla Firefox').site).toBe('developer.mozilla.org');
    expect(parseBrowserTitle('Untitled page - Google Chrome').site).toBeUndefined();
  });

  it('recognises private and incognito windows', () => {
    for (const title of [
      'Bank — Mozilla Firefox Private Browsing',
      'Mozilla Firefox Private Browsing',
      'New Incognito Tab - Google Chrome (Incognito)',
      'Bing - InPrivate - Microsoft\u200b Edge',
      'New Tab - Brave Private',
      'Neuer Tab - Google Chrome (Inkognito)',
      '新しいタブ - Google Chrome (シークレット)',
    ]) {
      expect(parseBrowserTitle(title).privateWindow, title).toBe(true);
    }
    expect(parseBrowserTitle('Private API docs - Google Chrome').privateWindow).toBeUndefined();
    expect(parseBrowserTitle('My private repo · GitHub — Mozilla Firefox').privateWindow).toBeUndefined();
  });

  it('outside browsers only unmistakable private markers count', () => {
    expect(isPrivateWindowTitle('notes on incognito.md - vim', false)).toBe(false);
    expect(isPrivateWindowTitle('Search - Yandex (Incognito)', false)).toBe(true);
  });
});

describe('VS Code titles', () => {
  it('file and workspace', () => {
    expect(parseVsCodeTitle('main.py - proj - Visual Studio Code')).toEqual({ category: 'editor', file: 'main.py', workspace: 'proj' });
    expect(parseVsCodeTitle('● app.ts - web - Visual Studio Code - Insiders')).toMatchObject({ file: 'app.ts', workspace: 'web' });
    expect(parseVsCodeTitle('lib.rs - engine [SSH: build-box] - VSCodium')).toMatchObject({ file: 'lib.rs', workspace: 'engine' });
    expect(parseVsCodeTitle('index.ts - monorepo (Workspace) - Cursor')).toMatchObject({ file: 'index.ts', workspace: 'monorepo' });
  });
  it('a workspace with no file open, a file with no folder, and special editors', () => {
    expect(parseVsCodeTitle('proj - Visual Studio Code')).toEqual({ category: 'editor', workspace: 'proj' });
    expect(parseVsCodeTitle('notes.md - Visual Studio Code')).toEqual({ category: 'editor', file: 'notes.md' });
    expect(parseVsCodeTitle('Welcome - proj - Visual Studio Code')).toEqual({ category: 'editor', workspace: 'proj' });
    expect(parseVsCodeTitle('Makefile - proj - Visual Studio Code')).toMatchObject({ file: 'Makefile' });
  });
  it('is chosen by the window class', () => {
    expect(deriveWindowContext(win('main.py - proj - Visual Studio Code', 'Code'))).toMatchObject({ category: 'editor', file: 'main.py' });
  });
});

describe('JetBrains titles', () => {
  it('the current "project – file" form', () => {
    expect(parseJetBrainsTitle('proj – main.py')).toEqual({ category: 'editor', workspace: 'proj', file: 'main.py' });
    expect(parseJetBrainsTitle('proj – src/app/main.kt')).toMatchObject({ file: 'src/app/main.kt' });
  });
  it('the classic form with the project folder and module', () => {
    expect(parseJetBrainsTitle('proj [~/code/proj] – …/src/main.py [proj] - PyCharm', '/home/ada')).toEqual({
      category: 'editor',
      workspace: 'proj',
      workspacePath: '/home/ada/code/proj',
      file: 'src/main.py',
    });
  });
  it('is chosen by the jetbrains-* class', () => {
    expect(deriveWindowContext(win('shop – Cart.java', 'jetbrains-idea'))).toMatchObject({ workspace: 'shop', file: 'Cart.java' });
  });
});

describe('terminal titles', () => {
  it('finds the folder', () => {
    expect(parseTerminalTitle('ada@box: ~/code/proj', '/home/ada')).toEqual({ category: 'terminal', cwd: '/home/ada/code/proj' });
    expect(parseTerminalTitle('ada@box:/srv/app')).toEqual({ category: 'terminal', cwd: '/srv/app' });
    expect(parseTerminalTitle('~', '/home/ada')).toEqual({ category: 'terminal', cwd: '/home/ada' });
    expect(parseTerminalTitle('vim main.py')).toEqual({ category: 'terminal' });
  });
  it('is chosen by the terminal emulator class', () => {
    expect(deriveWindowContext(win('ada@box: /tmp', 'Gnome-terminal', 'gnome-terminal-server'))).toMatchObject({ category: 'terminal', cwd: '/tmp' });
    expect(deriveWindowContext(win('anything', 'Slack'))).toEqual({ category: 'other' });
  });
});
