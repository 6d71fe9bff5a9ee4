/**
 * Drafts on cards, in a real browser against the built `tandem serve`: suggestions whose fixes were
 * drafted before a restart (stored in the data folder the server opens) show how each draft went on
 * the overlay's cards and in the inbox; Settings → Suggestions has the drafting switch (off by default)
 * and today's token use. (The drafting itself is tested through the core in
 * test/integration/suggestions/drafting.test.ts.)
 *
 * TANDEM_SUGGESTION_SHOTS=/some/dir also saves screenshots of the cards and the settings section.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SuggestionDraft } from '../../shared/contract';
import { Store } from '../../electron/core/store';
import { launchBrowser, type TestBrowser } from '../support/browser';
import { startServe, type ServedApp } from '../support/serve-process';
import { makeTempDir } from '../support/temp-dir';
import { watchPage, type PageProblems } from './page-watch';

const SHOTS = process.env.TANDEM_SUGGESTION_SHOTS;

let app: ServedApp;
let browser: TestBrowser;
let page: Page;
let problems: PageProblems;
let temp: { dir: string; cleanup(): void };

function seed(dataDir: string): void {
  const store = Store.open(dataDir);
  const add = (title: string, why: string, draft: SuggestionDraft) => {
    const s = store.suggestions.add({
      kind: 'test-failure',
      title,
      why,
      confidence: 0.9,
      action: { type: 'fix-in-worktree', repo: '/home/u/shop', command: 'pytest -q', locations: [{ name: 'test_ten_percent_off', file: 'tests/test_prices.py', line: 5 }] },
      dedupeKey: title,
      repo: '/home/u/shop',
      situation: 'pytest',
      originKeys: [],
    });
    store.suggestions.setStatus(s.id, 'surfaced');
    store.suggestions.setDraft(s.id, draft);
  };
  add('test_rounds_half_up failed (pytest)', '`pytest -q` exited with 1 (1 failed). First: test_rounds_half_up at tests/test_prices.py:5 — assert 107 == 108.', {
    status: 'failed',
    threadId: null,
    reason: 'Today’s drafting budget is spent.',
    tokens: 0,
    finishedAt: Date.now(),
  });
  add('test_ten_percent_off failed (pytest)', '`pytest -q` exited with 1 (1 failed, 1 passed). First: test_ten_percent_off at tests/test_prices.py:5 — assert 380.0 == 180.', {
    status: 'ready',
    threadId: 'thread-draft-1',
    worktree: { path: path.join(dataDir, 'worktrees', 'thread-draft-1'), base: 'HEAD' },
    linesAdded: 12,
    linesRemoved: 3,
    testsPassed: true,
    verification: 'pytest -q',
    summary: 'discount() divided by 10 instead of 100; it now takes a percentage. `pytest -q` passes.',
    tokens: 5210,
    finishedAt: Date.now(),
  });
  store.close();
}

beforeAll(async () => {
  temp = makeTempDir('tandem-e2e-drafts-');
  const dataDir = path.join(temp.dir, 'data');
  seed(dataDir);
  app = await startServe({ dataDir, env: { HOME: temp.dir } });
  browser = await launchBrowser({ colorScheme: 'dark', viewport: { width: 1200, height: 800 } });
  page = await browser.newPage();
  problems = await watchPage(page);
  await page.goto(app.url);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  temp?.cleanup();
});

describe('drafted fixes on cards', () => {
  it('each card says how its draft went, and accepting a ready one offers the review', async () => {
    const overlay = await browser.newPage();
    await overlay.setViewportSize({ width: 380, height: 480 });
    const overlayProblems = await watchPage(overlay);
    await overlay.goto(`${app.origin}/overlay.html`);
    const cards = overlay.getByRole('listbox', { name: 'Suggestion cards' }).getByRole('option');
    await cards.nth(1).waitFor();
    await overlay.getByText('Fix ready: +12 −3, tests pass').waitFor();
    await overlay.getByText('Couldn’t draft a fix: Today’s drafting budget is spent.').waitFor();
    const current = cards.filter({ hasText: 'Fix ready' });
    await current.click();
    await current.getByRole('button', { name: 'Review fix' }).waitFor();
    expect(await current.innerText()).toContain('Open the fix in the review panel, evidence first');
    if (SHOTS) await overlay.screenshot({ path: path.join(SHOTS, 'overlay-drafts-dark.png') });
    overlayProblems.assertNone();
    await overlay.close();
  });

  it('Settings → Suggestions has the drafting switch, off by default, and today’s use', async () => {
    await page.keyboard.press('Control+,');
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await settings.waitFor();
    await settings.getByRole('tab', { name: 'Suggestions' }).click();
    const toggle = settings.getByRole('switch', { name: 'Draft fixes in the background' });
    await toggle.waitFor();
    expect(await toggle.getAttribute('aria-checked')).toBe('false');
    await settings.getByText('Today: 0 of 200,000 tokens used.', { exact: false }).waitFor();
    await toggle.click();
    await settings.getByRole('switch', { name: 'Draft fixes in the background', checked: true }).waitFor();
    if (SHOTS) await settings.screenshot({ path: path.join(SHOTS, 'settings-drafting-dark.png') });
    problems.assertNone();
  });
});
