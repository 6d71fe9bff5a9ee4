/**
 * Compacting a conversation as the user does it, in a real browser against the built `tandem serve` and
 * the fake OpenAI server: after a turn, "Compact conversation" from the command palette sends a summary
 * request, the thread shows a quiet divider with the tokens before → after, and opening it shows the
 * handoff note. The next message goes out with the note instead of the old history.
 */
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

const KEY = 'sk-compaction-e2e-key-5521';
const MODEL = 'gpt-5.1';
const NOTE = 'The parser fails on empty input; the fix belongs in src/parse.ts.';

let fake: FakeOpenAIServer;
let app: ServedApp;
let browser: TestBrowser;
let page: Page;
let problems: PageProblems;
let temp: { dir: string; cleanup(): void };
let repo: string;

beforeAll(async () => {
  temp = makeTempDir('tandem-e2e-compaction-');
  repo = makeGitRepo(temp.dir, 'parser');
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

describe('compaction in the thread', () => {
  it('compacts from the command palette and shows the divider with the summary', async () => {
    await openConnected(page, app.url);
    await addFolder(page, repo, /parser/);
    await newThread(page);

    fake.script([{ reply: { text: 'The parser throws on an empty string.' } }]);
    const composer = page.getByRole('textbox', { name: 'Message' });
    await composer.fill('Why does the parser crash?');
    await composer.press('Enter');
    const conversation = page.getByRole('list', { name: 'Thread items' });
    await conversation.getByText('The parser throws on an empty string.').waitFor();

    fake.script([{ reply: { text: `## Task\nFix the parser crash.\n## Critical data\n- ${NOTE}` } }]);
    await page.keyboard.press('Control+K');
    const palette = page.getByRole('combobox', { name: 'Command' });
    await palette.fill('Compact conversation');
    await palette.press('Enter');

    const divider = conversation.getByRole('group', { name: /Conversation compacted · .* tokens/ });
    await divider.waitFor();
    await divider.getByText(/Conversation compacted/).click();
    await divider.getByText(NOTE).waitFor();
    const summaryRequest = fake.requests.at(-1)!.rawBody;
    expect(summaryRequest).toContain('Why does the parser crash?');
    expect(summaryRequest).toContain('handoff note');

    fake.script([{ reply: { text: 'Fixed.' } }]);
    await composer.fill('Go ahead and fix it.');
    await composer.press('Enter');
    await conversation.getByText('Fixed.').waitFor();
    const next = fake.requests.at(-1)!.rawBody;
    expect(next).toContain(NOTE);
    expect(next).not.toContain('The parser throws on an empty string.');

    if (process.env.TANDEM_SHOTS_DIR) await page.screenshot({ path: path.join(process.env.TANDEM_SHOTS_DIR, 'compaction-divider-dark.png'), animations: 'disabled', caret: 'hide' });
    problems.assertNone();
  });
});
