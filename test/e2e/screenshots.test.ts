/**
 * Every window and main view, light and dark, rendered by the built app in Chromium: each must load
 * without errors or CSP violations and fit its window without overflowing. With TANDEM_SCREENSHOTS=1
 * the images are written to docs/screenshots/ (the README shows them); otherwise to a temp folder, so a
 * plain test run leaves the tree untouched.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type TestBrowser } from '../support/browser';
import { startFakeOpenAI, type FakeOpenAIServer } from '../support/fake-openai';
import { startServe, type ServedApp } from '../support/serve-process';
import { makeTempDir } from '../support/temp-dir';
import { makeGitRepo } from './git-repo';
import { watchPage, type PageProblems } from './page-watch';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const OUT = process.env.TANDEM_SCREENSHOTS === '1' ? path.join(REPO, 'docs', 'screenshots') : fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-shots-'));

const MAIN = { width: 1440, height: 900 };
/** The desktop app's window sizes (electron/main/window-options.ts). */
const QUICK_ASK = { width: 680, height: 440 };
const OVERLAY = { width: 380, height: 240 };

type Scheme = 'light' | 'dark';

let fake: FakeOpenAIServer;
let app: ServedApp;
let temp: { dir: string; cleanup(): void };
const browsers: Partial<Record<Scheme, TestBrowser>> = {};
const pages: Partial<Record<Scheme, { page: Page; problems: PageProblems }>> = {};

beforeAll(async () => {
  fs.mkdirSync(OUT, { recursive: true });
  temp = makeTempDir('tandem-e2e-shots-');
  fake = await startFakeOpenAI();
  app = await startServe();
  for (const scheme of ['light', 'dark'] as const) {
    const browser = await launchBrowser({ colorScheme: scheme, viewport: MAIN });
    browsers[scheme] = browser;
    const page = await browser.newPage();
    pages[scheme] = { page, problems: await watchPage(page) };
  }
});

afterAll(async () => {
  for (const b of Object.values(browsers)) await b?.close();
  await app?.stop();
  await fake?.close();
  temp?.cleanup();
  if (process.env.TANDEM_SCREENSHOTS !== '1') fs.rmSync(OUT, { recursive: true, force: true });
});

function get(scheme: Scheme): Page {
  const entry = pages[scheme];
  if (!entry) throw new Error(`no ${scheme} page`);
  return entry.page;
}

/** Nothing may stick out of the window: no horizontal scrolling, no clipped frame. */
async function assertFits(page: Page): Promise<void> {
  const size = (await page.evaluate(`({ w: document.documentElement.scrollWidth, h: document.documentElement.scrollHeight, vw: innerWidth, vh: innerHeight })`)) as {
    w: number;
    h: number;
    vw: number;
    vh: number;
  };
  expect(size.w, 'page wider than the window').toBeLessThanOrEqual(size.vw);
  expect(size.h, 'page taller than the window').toBeLessThanOrEqual(size.vh);
}

async function shoot(page: Page, name: string): Promise<void> {
  // No caret blinking or hover state in the picture.
  await page.mouse.move(0, 0);
  await assertFits(page);
  const file = path.join(OUT, `${name}.png`);
  await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
  expect(fs.statSync(file).size).toBeGreaterThan(10_000);
}

async function blur(page: Page): Promise<void> {
  await page.evaluate(`document.activeElement instanceof HTMLElement && document.activeElement.blur()`);
}

describe('screenshots', () => {
  it('first start: the welcome guide', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      const page = get(scheme);
      await page.goto(app.url);
      await page.getByRole('heading', { name: 'Welcome to Tandem' }).waitFor();
      await page.getByText('Connected').waitFor();
      await shoot(page, `main-welcome-${scheme}`);
    }
  });

  it('the main window with folders, threads and a model', async () => {
    const page = get('light');
    for (const name of ['acme-web', 'payments-api']) {
      const dir = makeGitRepo(temp.dir, name);
      await page.keyboard.press('Control+O');
      const field = page.getByRole('textbox', { name: 'Folder path' });
      await field.fill(dir);
      await field.press('Enter');
      await page.getByRole('treeitem', { name: new RegExp(name) }).waitFor();
    }
    const threads: [folder: string, title: string][] = [
      ['payments-api', 'Retry webhook deliveries with backoff'],
      ['acme-web', 'Upgrade the router to v7'],
      ['acme-web', 'Why does checkout.spec.ts fail on CI?'],
      ['acme-web', 'Add rate limiting to /login'],
    ];
    for (const [folder, title] of threads) {
      await page.getByRole('treeitem', { name: new RegExp(folder) }).hover();
      await page.getByRole('button', { name: `New thread in ${folder}` }).click();
      await page.getByRole('heading', { level: 1, name: 'New thread' }).waitFor();
      await page.keyboard.press('F2');
      const input = page.getByRole('textbox', { name: 'Thread title' });
      await input.fill(title);
      await input.press('Enter');
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
    }

    // A model: the fake server as an OpenAI-compatible endpoint, checked with Test connection.
    await page.keyboard.press('Control+,');
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await settings.getByRole('radio', { name: 'OpenAI-compatible server' }).click();
    await settings.getByLabel('Base URL').fill(fake.baseUrl);
    await settings.getByRole('textbox', { name: 'Model', exact: true }).fill('gpt-5-mini');
    await settings.getByRole('button', { name: 'Save', exact: true }).click();
    await settings.getByText('Saved', { exact: true }).waitFor();
    fake.script([{ chat: { text: 'ok' } }]);
    await settings.getByRole('button', { name: 'Test connection' }).click();
    await settings.locator('[data-testid="connection-result"][data-kind="ok"]').waitFor();
    await blur(page);
    await shoot(page, 'settings-light');

    await page.keyboard.press('Escape');
    await page.getByRole('treeitem', { name: /Why does checkout/ }).click();
    await page.getByRole('heading', { level: 1, name: /Why does checkout/ }).waitFor();
    await blur(page);
    await shoot(page, 'main-light');
  });

  it('the same window in dark', async () => {
    const page = get('dark');
    await page.reload();
    await page.getByRole('treeitem', { name: /Why does checkout/ }).click();
    await page.getByRole('heading', { level: 1, name: /Why does checkout/ }).waitFor();
    await page.getByText('gpt-5-mini', { exact: true }).first().waitFor();
    await blur(page);
    await shoot(page, 'main-dark');

    await page.keyboard.press('Control+,');
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await settings.getByLabel('Base URL').waitFor();
    fake.script([{ chat: { text: 'ok' } }]);
    await settings.getByRole('button', { name: 'Test connection' }).click();
    await settings.locator('[data-testid="connection-result"][data-kind="ok"]').waitFor();
    await blur(page);
    await shoot(page, 'settings-dark');
    await page.keyboard.press('Escape');
  });

  it('the command palette', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      const page = get(scheme);
      await page.keyboard.press('Control+K');
      await page.getByRole('dialog', { name: 'Command palette' }).waitFor();
      await page.keyboard.type('th');
      await shoot(page, `palette-${scheme}`);
      await page.keyboard.press('Escape');
    }
  });

  it('quick ask in the page (web mode)', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      const page = get(scheme);
      await page.keyboard.press('Control+Shift+Space');
      const panel = page.getByRole('dialog', { name: 'Quick ask' });
      await panel.waitFor();
      await panel.getByRole('textbox', { name: 'Question' }).fill('Why does checkout.spec.ts fail on CI?');
      await shoot(page, `quick-ask-panel-${scheme}`);
      await page.keyboard.press('Escape');
    }
  });

  it('the quick-ask and overlay windows at their desktop sizes', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      const browser = browsers[scheme];
      if (!browser) throw new Error('no browser');
      for (const [page, size, name] of [
        ['quick-ask.html', QUICK_ASK, 'quick-ask'],
        ['overlay.html', OVERLAY, 'overlay'],
      ] as const) {
        const tab = await browser.newPage();
        const problems = await watchPage(tab);
        await tab.setViewportSize(size);
        await tab.goto(`${app.origin}/${page}`);
        if (name === 'quick-ask') {
          await tab.getByRole('textbox', { name: 'Question' }).waitFor();
          await tab.getByText('gpt-5-mini').or(tab.getByText('isn’t available')).first().waitFor();
        } else {
          await tab.getByText('Nothing needs you right now').waitFor();
        }
        await shoot(tab, `${name}-${scheme}`);
        problems.assertNone();
        await tab.close();
      }
    }
  });

  it('reported no page errors, console errors or CSP violations', () => {
    for (const entry of Object.values(pages)) entry?.problems.assertNone();
    fake.assertNoViolations();
  });
});
