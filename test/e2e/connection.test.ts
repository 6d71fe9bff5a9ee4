/**
 * The web page's connection to `tandem serve`: when the server goes away the page says so at once,
 * actions fail with a clear message instead of hanging, and opening the address of a restarted server
 * brings everything back from the same data folder.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type TestBrowser } from '../support/browser';
import { startServe, type ServedApp } from '../support/serve-process';
import { makeTempDir } from '../support/temp-dir';
import { makeGitRepo } from './git-repo';
import { watchPage, type PageProblems } from './page-watch';

let temp: { dir: string; cleanup(): void };
let first: ServedApp | undefined;
let second: ServedApp | undefined;
let browser: TestBrowser;
let page: Page;
let problems: PageProblems;

beforeAll(async () => {
  temp = makeTempDir('tandem-e2e-connection-');
  first = await startServe({ dataDir: `${temp.dir}/data` });
  browser = await launchBrowser();
  page = await browser.newPage();
  // A dropped socket makes the browser log the failed reconnect attempts; that is expected here.
  problems = await watchPage(page, { ignore: [/WebSocket connection to .* failed/] });
});

afterAll(async () => {
  await browser?.close();
  await first?.stop();
  await second?.stop();
  temp?.cleanup();
});

const statusBar = () => page.getByRole('contentinfo', { name: 'Status bar' });

describe('the connection to tandem serve', () => {
  it('says at once when the server goes away, and fails actions plainly', async () => {
    if (!first) throw new Error('not started');
    await page.goto(first.url);
    await statusBar().getByText('Connected').waitFor();
    const repo = makeGitRepo(temp.dir, 'acme-web');
    await page.keyboard.press('Control+O');
    await page.getByRole('textbox', { name: 'Folder path' }).fill(repo);
    await page.keyboard.press('Enter');
    await page.getByRole('treeitem', { name: /acme-web/ }).waitFor();

    await first.stop();
    const banner = page.getByRole('alert').filter({ hasText: 'Disconnected from Tandem' });
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(/reconnecting (in \d+ s|now)/);
    await statusBar().getByText('Offline').waitFor();

    await page.keyboard.press('Control+Shift+O');
    await page.getByRole('alert').filter({ hasText: 'Couldn’t create a thread' }).waitFor();
    // What was on screen stays on screen.
    await page.getByRole('treeitem', { name: /acme-web/ }).waitFor();
  });

  it('comes back with the same folders when the restarted server’s address is opened', async () => {
    if (!first) throw new Error('not started');
    second = await startServe({ dataDir: first.dataDir });
    await page.goto(second.url);
    await statusBar().getByText('Connected').waitFor();
    await page.getByRole('treeitem', { name: /acme-web/ }).waitFor();
    expect(await page.getByRole('alert').filter({ hasText: 'Disconnected' }).count()).toBe(0);
  });

  it('reported no page errors or CSP violations', () => {
    problems.assertNone();
  });
});
