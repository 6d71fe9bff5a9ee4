/**
 * The main window in a real browser against the built `tandem serve`: the frame and its empty states,
 * folders and threads, the command palette by keyboard, Settings with a real "Test connection" against
 * the fake OpenAI server (a good key, then a 401), theme switching, quick ask and the suggestions pause.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type TestBrowser } from '../support/browser';
import { startFakeOpenAI, type FakeOpenAIServer } from '../support/fake-openai';
import { startServe, type ServedApp } from '../support/serve-process';
import { makeTempDir } from '../support/temp-dir';
import { makeGitRepo } from './git-repo';
import { watchPage, type PageProblems } from './page-watch';

const GOOD_KEY = 'sk-test-right-key-1234';

let fake: FakeOpenAIServer;
let app: ServedApp;
let browser: TestBrowser;
let page: Page;
let problems: PageProblems;
let temp: { dir: string; cleanup(): void };
let repo: string;

beforeAll(async () => {
  temp = makeTempDir('tandem-e2e-frame-');
  repo = makeGitRepo(temp.dir, 'acme-web');
  fake = await startFakeOpenAI({ apiKey: GOOD_KEY });
  app = await startServe();
  browser = await launchBrowser({ colorScheme: 'light' });
  page = await browser.newPage();
  problems = await watchPage(page);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await fake?.close();
  temp?.cleanup();
});

const sidebar = () => page.getByRole('navigation', { name: 'Sidebar' });
const statusBar = () => page.getByRole('contentinfo', { name: 'Status bar' });
const dialog = (name: string) => page.getByRole('dialog', { name });

async function theme(): Promise<{ attribute: string | null; background: string }> {
  return page.evaluate(`({ attribute: document.documentElement.getAttribute('data-theme'), background: getComputedStyle(document.body).backgroundColor })`);
}

describe('the main window', () => {
  it('opens with the token and shows the frame, each part saying what to do next', async () => {
    await page.goto(app.url);
    await statusBar().getByText('Connected').waitFor();
    // The token was traded for a cookie and dropped from the address bar.
    expect(page.url()).not.toContain('token=');

    await sidebar().getByText('No folders yet').waitFor();
    await sidebar().getByText('Add a project folder').waitFor();
    await page.getByRole('heading', { name: 'Welcome to Tandem' }).waitFor();
    await page.getByRole('heading', { name: 'Set up a model' }).waitFor();
    await page.getByRole('complementary', { name: 'Review' }).getByText('Changes appear here for review').waitFor();
    await page.getByRole('region', { name: 'Terminal panel' }).getByText('No terminals yet').waitFor();
    await statusBar().getByRole('button', { name: 'Set up a model' }).waitFor();
  });

  it('refuses a folder that does not exist with the core’s message, then adds a real repo', async () => {
    await sidebar().getByRole('button', { name: 'Add folder…' }).first().click();
    const field = sidebar().getByRole('textbox', { name: 'Folder path' });
    await field.fill(path.join(temp.dir, 'missing'));
    await field.press('Enter');
    await sidebar().getByRole('alert').getByText(`No folder at ${path.join(temp.dir, 'missing')}`).waitFor();

    await field.fill(repo);
    await field.press('Enter');
    const folder = sidebar().getByRole('treeitem', { name: /acme-web/ });
    await folder.waitFor();
    await field.waitFor({ state: 'detached' });
    expect(await folder.getAttribute('title')).toBe(repo);
    // The guide ticks the step off.
    await page.getByText('Added acme-web').waitFor();
  });

  it('creates a thread from the keyboard, renames it, and keeps it across a reload', async () => {
    await page.keyboard.press('Control+Shift+O');
    const thread = sidebar().getByRole('treeitem', { name: /New thread/ });
    await thread.waitFor();
    expect(await thread.getAttribute('aria-selected')).toBe('true');
    await page.getByRole('heading', { level: 1, name: 'New thread' }).waitFor();
    await page.getByText('Nothing in this thread yet').waitFor();
    // No model yet: the message box says how to get one instead of accepting text that goes nowhere.
    await page.getByText('Set up a model in Settings to start.').waitFor();
    expect(await page.getByRole('textbox', { name: 'Message' }).isDisabled()).toBe(true);

    await page.keyboard.press('F2');
    const title = page.getByRole('textbox', { name: 'Thread title' });
    await title.fill('Fix the flaky checkout test');
    await title.press('Enter');
    await sidebar().getByRole('treeitem', { name: /Fix the flaky checkout test/ }).waitFor();

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Fix the flaky checkout test' }).waitFor();
    expect(await sidebar().getByRole('treeitem', { name: /Fix the flaky checkout test/ }).getAttribute('aria-selected')).toBe('true');
  });

  it('moves through the folder tree with the arrow keys', async () => {
    await page.keyboard.press('Control+Shift+O');
    await sidebar().getByRole('treeitem', { name: /^New thread/ }).waitFor();
    const folder = sidebar().getByRole('treeitem', { name: /acme-web/ });
    await folder.focus();
    await page.keyboard.press('ArrowDown'); // the newest thread
    await page.keyboard.press('ArrowDown'); // the renamed one
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Fix the flaky checkout test' }).waitFor();
    await page.keyboard.press('ArrowLeft'); // back to the folder
    await page.keyboard.press('ArrowLeft'); // collapse it
    expect(await folder.getAttribute('aria-expanded')).toBe('false');
    await page.keyboard.press('ArrowRight');
    expect(await folder.getAttribute('aria-expanded')).toBe('true');
  });

  it('lists every action with its shortcut in the palette and runs one by keyboard', async () => {
    await page.keyboard.press('Control+K');
    const palette = dialog('Command palette');
    await palette.waitFor();
    const newThread = palette.getByRole('option', { name: /New thread/ }).first();
    expect(await newThread.textContent()).toContain('Shift');
    for (const title of ['Add folder…', 'Open settings', 'Hide review panel', 'Hide terminal panel', 'Pause suggestions', 'Quick ask']) {
      await palette.getByRole('option', { name: new RegExp(title) }).first().waitFor();
    }

    await page.keyboard.type('hide review');
    expect(await palette.getByRole('option').first().textContent()).toContain('Hide review panel');
    await page.keyboard.press('Enter');
    await palette.waitFor({ state: 'detached' });
    await page.getByRole('complementary', { name: 'Review' }).waitFor({ state: 'detached' });

    // Its shortcut brings it back; Esc closes the palette without running anything.
    await page.keyboard.press('Control+Alt+B');
    await page.getByRole('complementary', { name: 'Review' }).waitFor();
    await page.keyboard.press('Control+K');
    await palette.waitFor();
    await page.keyboard.press('Escape');
    await palette.waitFor({ state: 'detached' });
    await page.getByRole('complementary', { name: 'Review' }).waitFor();
  });

  it('archives the open thread from the palette, with an Undo', async () => {
    const title = 'Fix the flaky checkout test';
    await sidebar().getByRole('treeitem', { name: new RegExp(title) }).click();
    await page.keyboard.press('Control+K');
    await page.keyboard.type('archive thread');
    await page.keyboard.press('Enter');
    await sidebar().getByRole('treeitem', { name: new RegExp(title) }).waitFor({ state: 'detached' });
    const toast = page.getByRole('status').filter({ hasText: `Archived “${title}”` });
    await toast.getByRole('button', { name: 'Undo' }).click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    expect(await sidebar().getByRole('treeitem', { name: new RegExp(title) }).getAttribute('aria-selected')).toBe('true');
  });

  it('tests a compatible server from Settings: ok with the right key, 401 with a wrong one', async () => {
    await page.keyboard.press('Control+,');
    const settings = dialog('Settings');
    await settings.waitFor();
    await settings.getByRole('radio', { name: 'OpenAI-compatible server' }).click();
    await settings.getByLabel('Base URL').fill(fake.baseUrl);
    await settings.getByLabel('API key (optional)').fill(GOOD_KEY);
    await settings.getByRole('textbox', { name: 'Model', exact: true }).fill('gpt-5-mini');
    expect(await settings.getByRole('radio', { name: 'Chat Completions' }).getAttribute('aria-checked')).toBe('true');

    fake.script([{ chat: { text: 'ok' } }]);
    await settings.getByRole('button', { name: 'Test connection' }).click();
    const result = settings.getByTestId('connection-result');
    await result.waitFor();
    expect(await result.getAttribute('data-kind')).toBe('ok');
    expect(await result.textContent()).toContain('Connected');
    expect(fake.requests.at(-1)?.headers.authorization).toBe(`Bearer ${GOOD_KEY}`);

    await settings.getByRole('button', { name: 'Save', exact: true }).click();
    await settings.getByText('Saved', { exact: true }).waitFor();
    // The key is never shown again, anywhere in the page.
    expect(await settings.getByLabel('API key (optional)').inputValue()).toBe('');
    expect(await page.content()).not.toContain(GOOD_KEY);
    await statusBar().getByRole('button', { name: /gpt-5-mini/ }).waitFor();

    await settings.getByLabel('API key (optional)').fill('sk-wrong-key');
    await settings.getByRole('button', { name: 'Test connection' }).click();
    await settings.locator('[data-testid="connection-result"][data-kind="bad_key"]').waitFor();
    const failure = await settings.getByTestId('connection-result').textContent();
    expect(failure).toContain('Connection failed');
    expect(failure).toContain('The API key was rejected (401)');
    expect(failure).toContain('HTTP 401');
    expect(fake.requests.at(-1)?.headers.authorization).toBe('Bearer sk-wrong-key');
    fake.assertNoViolations();

    await page.keyboard.press('Escape');
    await settings.waitFor({ state: 'detached' });
    // With a model set up, the thread says exactly what it can and cannot do.
    await page.getByText('gpt-5-mini', { exact: true }).first().waitFor();
  });

  it('switches theme from Settings and keeps it after a reload', async () => {
    expect((await theme()).attribute).toBeNull(); // following the system (light here)
    const light = (await theme()).background;
    await page.keyboard.press('Control+,');
    const settings = dialog('Settings');
    await settings.getByRole('tab', { name: 'Appearance' }).click();
    await settings.getByRole('radio', { name: 'Dark' }).click();
    await expect.poll(async () => (await theme()).attribute).toBe('dark');
    await expect.poll(async () => (await theme()).background).not.toBe(light);
    await page.keyboard.press('Escape');

    await page.reload();
    await statusBar().getByText('Connected').waitFor();
    await expect.poll(async () => (await theme()).attribute).toBe('dark');

    // The palette's toggle flips it back.
    await page.keyboard.press('Control+K');
    await page.keyboard.type('switch to light');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await theme()).attribute).toBe('light');
    await expect.poll(async () => (await theme()).background).toBe(light);
  });

  it('opens quick ask in the page with its shortcut and closes it with Esc', async () => {
    await page.keyboard.press('Control+Shift+Space');
    const panel = dialog('Quick ask');
    await panel.waitFor();
    const question = panel.getByRole('textbox', { name: 'Question' });
    await expect.poll(() => page.evaluate(`document.activeElement?.getAttribute('aria-label')`)).toBe('Question');
    await question.fill('why is the build failing?');
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
  });

  it('pauses suggestions from the palette, and the overlay page says so', async () => {
    const overlay = await browser.newPage();
    const overlayProblems = await watchPage(overlay);
    await overlay.goto(`${app.origin}/overlay.html`);
    await overlay.getByText('Nothing needs you right now').waitFor();

    await page.bringToFront();
    await page.keyboard.press('Control+K');
    await page.keyboard.type('pause sugg');
    await page.keyboard.press('Enter');
    await statusBar().getByRole('button', { name: 'Suggestions paused' }).waitFor();
    // The other page hears it through the core's event.
    await overlay.getByText('Suggestions are paused').waitFor();
    await overlay.getByRole('button', { name: 'Resume' }).click();
    await statusBar().getByRole('button', { name: 'Suggestions on' }).waitFor();
    overlayProblems.assertNone();
    await overlay.close();
  });

  it('reported no page errors, console errors or CSP violations', () => {
    problems.assertNone();
  });
});
