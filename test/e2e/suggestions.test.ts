/**
 * Proactive suggestions end to end, in a real browser against the built `tandem serve`: a real pytest
 * run failing in a real terminal lights the status bar's badge when the command ends; the card shows
 * the failing test with its file:line (also in the tray overlay's page); accepting it with → opens a
 * thread in the repo's folder whose first message is the evidence, sent to the (fake) model; the
 * inbox, reached from the palette, keeps the history.
 *
 * TANDEM_SUGGESTION_SHOTS=/some/dir also saves screenshots of the overlay page with cards (light, dark).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type TestBrowser } from '../support/browser';
import { startFakeOpenAI, type FakeOpenAIServer } from '../support/fake-openai';
import { startServe, type ServedApp } from '../support/serve-process';
import { makeTempDir } from '../support/temp-dir';
import { makeGitRepo } from './git-repo';
import { watchPage, type PageProblems } from './page-watch';

const KEY = 'sk-suggestions-e2e-4321';
const SHOTS = process.env.TANDEM_SUGGESTION_SHOTS;

let fake: FakeOpenAIServer;
let app: ServedApp;
let browser: TestBrowser;
let page: Page;
let problems: PageProblems;
let temp: { dir: string; cleanup(): void };
let repo: string;

beforeAll(async () => {
  temp = makeTempDir('tandem-e2e-suggestions-');
  repo = makeGitRepo(temp.dir, 'shop');
  fs.mkdirSync(path.join(repo, 'tests'));
  fs.writeFileSync(path.join(repo, 'prices.py'), 'def discount(price, pct):\n    return price - price * pct / 10\n');
  fs.writeFileSync(
    path.join(repo, 'tests', 'test_prices.py'),
    'from prices import discount\n\n\ndef test_ten_percent_off():\n    assert discount(200, 10) == 180\n\n\ndef test_nothing_off():\n    assert discount(200, 0) == 200\n',
  );
  // The model Tandem picks by default when only the key and base URL come from the environment.
  fake = await startFakeOpenAI({ apiKey: KEY, models: ['gpt-5.1'] });
  const home = path.join(temp.dir, 'home');
  fs.mkdirSync(home);
  app = await startServe({ env: { SHELL: '/bin/bash', HOME: home, OPENAI_API_KEY: KEY, OPENAI_BASE_URL: fake.baseUrl } });
  browser = await launchBrowser({ colorScheme: 'light', viewport: { width: 1400, height: 900 } });
  page = await browser.newPage();
  problems = await watchPage(page);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await fake?.close();
  temp?.cleanup();
});

const statusBar = () => page.getByRole('contentinfo', { name: 'Status bar' });
const sidebar = () => page.getByRole('navigation', { name: 'Sidebar' });
const terminalPanel = () => page.getByRole('region', { name: 'Terminal panel' });
const popover = () => page.getByRole('region', { name: 'Suggestions' });
const cards = (scope = popover()) => scope.getByRole('option');

async function typeInTerminal(text: string) {
  await terminalPanel().locator('.terminal-pane').first().locator('.terminal-view').click();
  await page.keyboard.type(text);
}

describe('proactive suggestions', () => {
  it('a failing pytest run in a terminal lights the badge when the command ends', async () => {
    await page.goto(app.url);
    await statusBar().getByText('Connected').waitFor();
    // Nothing waits yet: the badge is quiet and its popover says so.
    await statusBar().getByRole('button', { name: 'Suggestion inbox' }).click();
    await popover().getByText('Nothing needs you right now').waitFor();
    await page.keyboard.press('Escape');
    await popover().waitFor({ state: 'detached' });

    // The repo is one of Tandem's folders, so the thread can go there.
    await sidebar().getByRole('button', { name: 'Add folder…' }).first().click();
    const field = sidebar().getByRole('textbox', { name: 'Folder path' });
    await field.fill(repo);
    await field.press('Enter');
    await sidebar().getByRole('treeitem', { name: /shop/ }).waitFor();

    await terminalPanel().getByRole('button', { name: 'New terminal' }).first().click();
    await terminalPanel().locator('.xterm').first().waitFor();
    // The shell reports each command's folder: the repo's, so the card (and the thread) belong to it.
    await typeInTerminal(`cd ${repo}\n`);
    await typeInTerminal('python3 -m pytest -q -p no:cacheprovider\n');

    const badge = statusBar().getByRole('button', { name: '1 suggestion waiting' });
    await badge.waitFor({ timeout: 20_000 });
    await badge.click();
    const card = cards().first();
    await card.waitFor();
    expect(await card.getAttribute('aria-label')).toBe('test_ten_percent_off failed (pytest)');
    const text = await card.innerText();
    expect(text).toContain('Tests failed');
    expect(text).toContain('test_ten_percent_off');
    expect(text).toMatch(/tests\/test_prices\.py:5/);
    expect(text).toContain('Start a thread to fix it');
    // The code view is part of this window, so the location is a link.
    await card.getByRole('link', { name: /test_prices\.py:5/ }).first().waitFor();
    problems.assertNone();
  });

  it('explains itself, and the overlay page shows the same cards', async () => {
    await popover().getByRole('button', { name: 'Why this?' }).first().click();
    const why = popover().getByLabel('Why am I seeing this?');
    await why.getByText(/natural break/).waitFor();
    await why.getByText(/pytest -q/).first().waitFor();

    // A second failure, of another kind, at the next break: a crash with a traceback.
    await page.keyboard.press('Escape');
    await typeInTerminal(`python3 -c "import json; json.loads('{broken')"\n`);
    await statusBar().getByRole('button', { name: '2 suggestions waiting' }).waitFor({ timeout: 20_000 });

    const overlay = await browser.context.newPage();
    const overlayProblems = await watchPage(overlay);
    await overlay.setViewportSize({ width: 380, height: 520 });
    await overlay.goto(`${app.origin}/overlay.html`);
    await cards(overlay.getByRole('region', { name: 'Suggestions' })).nth(1).waitFor();
    expect(await cards(overlay.getByRole('region', { name: 'Suggestions' })).count()).toBe(2);
    if (SHOTS) {
      fs.mkdirSync(SHOTS, { recursive: true });
      for (const scheme of ['light', 'dark'] as const) {
        await overlay.emulateMedia({ colorScheme: scheme });
        await overlay.screenshot({ path: path.join(SHOTS, `overlay-${scheme}.png`) });
      }
      await page.emulateMedia({ colorScheme: 'dark' });
      await statusBar().getByRole('button', { name: '2 suggestions waiting' }).click();
      await cards().nth(1).waitFor();
      await page.screenshot({ path: path.join(SHOTS, 'popover-dark.png') });
      await page.keyboard.press('Escape');
      await page.emulateMedia({ colorScheme: 'light' });
    }
    overlayProblems.assertNone();
    await overlay.close();
  });

  it('→ on the test failure opens a thread in the repo with the evidence, and the model gets it', async () => {
    // Either wire API: the agent picks it from the base URL.
    fake.script([{ reply: { text: 'The discount divides by 10 instead of 100.' } }]);
    await statusBar().getByRole('button', { name: '2 suggestions waiting' }).click();
    await cards().nth(1).waitFor();
    // The latest is first: the crash. ↑/↓ move between cards, → accepts the current one.
    expect(await cards().first().innerText()).toContain('A program crashed');
    await page.keyboard.press('ArrowUp');
    expect(await cards().first().getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('ArrowDown');
    expect(await cards().nth(1).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('ArrowRight');

    const thread = page.getByRole('region', { name: 'Thread: test_ten_percent_off failed (pytest)' });
    await thread.waitFor({ timeout: 15_000 });
    // The first message is the evidence (rendered as markdown: the command is in a code span).
    await thread.getByText(/Find the cause and fix it, then run/).first().waitFor();
    await thread.getByText('The discount divides by 10 instead of 100.').waitFor({ timeout: 20_000 });
    // In the repo's folder, and the model was sent the failing test with its location.
    await sidebar().getByRole('treeitem', { name: /test_ten_percent_off failed/ }).waitFor();
    await statusBar().getByText(repo).waitFor(); // the open thread's folder
    const sent = fake.requests.map((r) => r.rawBody).join('\n');
    expect(sent).toContain('tests/test_prices.py:5');
    expect(sent).toContain('test_ten_percent_off');
    expect(sent).toContain('python3 -m pytest -q -p no:cacheprovider');
    fake.assertNoViolations();
    await statusBar().getByRole('button', { name: '1 suggestion waiting' }).waitFor();
  });

  it('W takes one line of feedback, and the inbox keeps the history', async () => {
    await statusBar().getByRole('button', { name: '1 suggestion waiting' }).click();
    await cards().first().waitFor();
    await page.keyboard.press('w');
    const reason = popover().getByRole('textbox', { name: 'Why isn’t this useful?' });
    await reason.fill('I broke that JSON on purpose');
    await reason.press('Enter');
    await popover().getByText('Nothing needs you right now').waitFor();
    await statusBar().getByRole('button', { name: 'Suggestion inbox' }).waitFor();
    await page.keyboard.press('Escape');

    await page.keyboard.press('Control+K');
    await page.getByRole('dialog', { name: 'Command palette' }).waitFor();
    await page.keyboard.type('suggestion inbox');
    await page.keyboard.press('Enter');
    const inbox = page.getByRole('dialog', { name: 'Suggestion inbox' });
    await inbox.waitFor();
    const rows = inbox.getByRole('list', { name: 'Suggestions' }).getByRole('listitem');
    await rows.nth(1).waitFor();
    const history = await rows.allInnerTexts();
    expect(history.some((r) => r.includes('Dismissed') && r.includes('A program crashed'))).toBe(true);
    expect(history.some((r) => r.includes('Accepted') && r.includes('Tests failed'))).toBe(true);
    await inbox.getByRole('radio', { name: /Dismissed/ }).click();
    await rows.first().getByRole('button').first().click();
    // The answer comes back from the core with the suggestion, not from this window's memory.
    await inbox.getByText('You marked it “not useful” just now: “I broke that JSON on purpose”').waitFor();
    if (SHOTS) await inbox.screenshot({ path: path.join(SHOTS, 'inbox-light.png') });
    await page.keyboard.press('Escape');
    await inbox.waitFor({ state: 'detached' });
    problems.assertNone();
  });
});
