/**
 * The agent's get_context call as the user sees it, in a real browser against the built `tandem serve`
 * and the fake OpenAI server: the model asks for the repo's git state, the conversation shows a card
 * naming what was read, and expanding it shows exactly the text that went to the model — the same text
 * the fake server received.
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
import { addFolder, newThread, openConnected } from './main-window-steps';
import { watchPage, type PageProblems } from './page-watch';

const KEY = 'sk-get-context-e2e-key-7788';
/** An untracked file: the git chip lists it, and the card must show it. */
const MARKER = 'untracked-marker-3b9e.txt';
/** Tandem's default model, which the environment does not override. */
const MODEL = 'gpt-5.1';

let fake: FakeOpenAIServer;
let app: ServedApp;
let browser: TestBrowser;
let page: Page;
let problems: PageProblems;
let temp: { dir: string; cleanup(): void };
let repo: string;

beforeAll(async () => {
  temp = makeTempDir('tandem-e2e-get-context-');
  repo = makeGitRepo(temp.dir, 'inventory');
  fs.writeFileSync(path.join(repo, MARKER), 'todo\n');
  fake = await startFakeOpenAI({ apiKey: KEY, models: [MODEL] });
  app = await startServe({ env: { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: fake.baseUrl } });
  browser = await launchBrowser({ colorScheme: 'dark' });
  page = await browser.newPage();
  problems = await watchPage(page);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await fake?.close();
  temp?.cleanup();
});

describe('get_context in the conversation', () => {
  it('shows what the agent read, chip by chip, exactly as sent', async () => {
    await openConnected(page, app.url);
    await addFolder(page, repo, /inventory/);
    await newThread(page);

    fake.script([
      { reply: { toolCalls: [{ name: 'get_context', arguments: { providers: ['git'] } }] } },
      { reply: { text: `You have one untracked file, \`${MARKER}\`.` } },
    ]);
    const composer = page.getByRole('textbox', { name: 'Message' });
    await composer.fill('What have I changed?');
    await composer.press('Enter');
    const conversation = page.getByRole('list', { name: 'Thread items' });
    await conversation.getByText('You have one untracked file', { exact: false }).waitFor();

    const card = conversation.getByRole('group', { name: 'Context sent to the model' });
    await card.getByText(/Read your context: Git: inventory/).click();
    await card.locator('details.agent-file > summary', { hasText: 'Git: inventory' }).first().click();
    await card.getByText(MARKER, { exact: false }).first().waitFor();

    const sent = fake.requests.filter((r) => r.endpoint === 'responses' || r.endpoint === 'chat');
    expect(sent).toHaveLength(2);
    expect(sent[1]!.rawBody).toContain(MARKER);
    const shown = await card.locator('pre').first().textContent();
    expect(sent[1]!.rawBody).toContain(JSON.stringify(shown).slice(1, -1));

    if (process.env.TANDEM_SHOTS_DIR) await page.screenshot({ path: path.join(process.env.TANDEM_SHOTS_DIR, 'get-context-card-dark.png'), animations: 'disabled', caret: 'hide' });
    problems.assertNone();
  });
});
