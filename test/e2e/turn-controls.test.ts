/**
 * Steering a running turn from the main window, in a real browser against the built `tandem serve` and
 * the fake OpenAI server: Pause holds the turn after the command in progress (no further model request),
 * the sandbox selector stays usable and its change is noted in the conversation, a reload shows the turn
 * still paused with the thread's stored settings, and Resume lets it finish. Reopened, the finished turn
 * shows its tokens.
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
import { addFolder, newThread, openConnected, saveModel } from './main-window-steps';
import { watchPage, type PageProblems } from './page-watch';

const KEY = 'sk-turn-controls-e2e';

let fake: FakeOpenAIServer;
let app: ServedApp;
let browser: TestBrowser;
let page: Page;
let problems: PageProblems;
let temp: { dir: string; cleanup(): void };
let repo: string;

beforeAll(async () => {
  temp = makeTempDir('tandem-e2e-turn-controls-');
  repo = makeGitRepo(temp.dir, 'paused-app');
  fake = await startFakeOpenAI({ apiKey: KEY });
  app = await startServe({ env: { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: fake.baseUrl } });
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

const conversation = () => page.getByRole('list', { name: 'Thread items' });
const composer = () => page.getByRole('textbox', { name: 'Message' });
const sandbox = () => page.getByRole('combobox', { name: 'Sandbox' });

describe('pausing and steering a turn from the window', () => {
  it('pauses, takes a new sandbox while paused, survives a reload, and resumes to the end', async () => {
    await openConnected(page, app.url);
    await saveModel(page, 'gpt-5-mini');
    await addFolder(page, repo, /paused-app/);
    await newThread(page);

    fake.script([
      // The command waits for the test to let it finish, so the pause surely lands while it runs.
      { reply: { text: 'Looking first.', toolCalls: [{ name: 'shell', arguments: { command: 'until [ -f go ]; do sleep 0.1; done; echo looked' } }] } },
      { reply: { text: 'All looked at.', usage: { inputTokens: 900, outputTokens: 40 } } },
    ]);
    await composer().fill('Look around, slowly');
    await composer().press('Enter');
    await conversation().getByText('echo looked').first().waitFor();

    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await page.getByText('Pausing after this step…').waitFor();
    fs.writeFileSync(path.join(repo, 'go'), '');
    await page.getByText('Paused — nothing runs until you resume').waitFor();
    await page.locator('.centre-header').getByText('Paused', { exact: true }).waitFor();
    expect(fake.requests).toHaveLength(1);

    // The selectors stay usable while the turn runs; the change is noted where it happened.
    await sandbox().selectOption('read-only');
    await conversation().getByText('Autonomy changed to read only').waitFor();

    // A reload finds the turn paused, with the thread's stored settings.
    await page.reload();
    await page.getByText('Paused — nothing runs until you resume').waitFor();
    expect(await sandbox().inputValue()).toBe('read-only');
    await conversation().getByText('Autonomy changed to read only').waitFor();
    expect(fake.requests).toHaveLength(1);

    // Resume by its shortcut (the Pause / Resume command of the palette).
    await page.getByRole('button', { name: 'Resume', exact: true }).waitFor();
    // (The agent's terminal may hold the focus and keep its keys: the shortcut works from the message box.)
    await composer().focus();
    await page.keyboard.press('Control+Alt+P');
    await conversation().getByText('All looked at.').waitFor();
    await conversation().getByLabel('Turn done').waitFor();
    expect(fake.requests).toHaveLength(2);
    expect(JSON.stringify(fake.requests[1]!.body)).toContain('sandbox: read-only');

    // Reopened, the stored turn still shows what it used.
    await page.reload();
    const footer = conversation().getByLabel('Turn done');
    await footer.waitFor();
    expect(await footer.textContent()).toMatch(/tokens/);
    expect(await sandbox().inputValue()).toBe('read-only');
    fake.assertNoViolations();
    problems.assertNone();
  });
});
