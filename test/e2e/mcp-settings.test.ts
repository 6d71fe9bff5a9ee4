/**
 * MCP in a real browser against the built `tandem serve`: Settings → MCP servers adds a user server through
 * the form, connects it (a real stdio MCP server: "Connected · 6 tools", its tools listed), and shows why a
 * server whose command does not exist failed; then a thread where the model (the scripted fake OpenAI
 * server) calls the server's tools: an approval card for a tool not marked read-only, and the calls as
 * cards with their results. Screenshots go to $TANDEM_SCREENSHOT_DIR (default /tmp).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type TestBrowser } from '../support/browser';
import fs from 'node:fs';
import { startFakeOpenAI, type FakeOpenAIServer } from '../support/fake-openai';
import { startServe, type ServedApp } from '../support/serve-process';
import { makeTempDir } from '../support/temp-dir';
import { makeGitRepo } from './git-repo';
import { watchPage, type PageProblems } from './page-watch';

const FIXTURE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/mcp/stdio-server.mjs');

const KEY = 'sk-mcp-e2e-key';
const SHOTS = process.env.TANDEM_SCREENSHOT_DIR ?? '/tmp';

let fake: FakeOpenAIServer;
let temp: { dir: string; cleanup(): void };
let repo: string;
let app: ServedApp;
let browser: TestBrowser;
let page: Page;
let problems: PageProblems;

beforeAll(async () => {
  temp = makeTempDir('tandem-e2e-mcp-');
  repo = makeGitRepo(temp.dir, 'mcp-app');
  fake = await startFakeOpenAI({ apiKey: KEY });
  app = await startServe({ env: { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: fake.baseUrl } });
  browser = await launchBrowser();
  page = await browser.newPage();
  problems = await watchPage(page);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await fake?.close();
  temp?.cleanup();
});

async function addServer(settings: ReturnType<Page['getByRole']>, name: string, command: string, args: string, env = '') {
  const form = settings.getByRole('form', { name: 'Add an MCP server' });
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Command', { exact: true }).fill(command);
  await form.getByLabel('Arguments').fill(args);
  await form.getByLabel('Environment').fill(env);
  await form.getByRole('button', { name: 'Add server' }).click();
  await settings.getByRole('listitem', { name: `MCP server ${name}` }).waitFor();
}

describe('Settings → MCP servers', () => {
  it('adds and connects a stdio server, and says why one failed', async () => {
    await page.setViewportSize({ width: 1100, height: 820 });
    await page.goto(app.url);
    await page.getByRole('contentinfo', { name: 'Status bar' }).getByText('Connected').waitFor();
    await page.keyboard.press('Control+,');
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await settings.getByRole('tab', { name: 'MCP servers' }).click();
    await settings.getByText('No MCP servers yet', { exact: false }).waitFor();

    // The form refuses a bad name before anything is sent.
    const form = settings.getByRole('form', { name: 'Add an MCP server' });
    await form.getByLabel('Name').fill('bad name');
    await form.getByRole('button', { name: 'Add server' }).click();
    await form.getByText('Use letters, digits', { exact: false }).waitFor();

    await addServer(settings, 'notes', process.execPath, `"${FIXTURE}"`, `NOTE_FILE=${path.join(repo, 'note.txt')}`);
    const notes = settings.getByRole('listitem', { name: 'MCP server notes' });
    await notes.getByText('Starts with the next turn').waitFor();
    await notes.getByRole('button', { name: 'Connect' }).click();
    await notes.getByText('Connected · 6 tools').waitFor();
    await notes.getByText('Tools', { exact: true }).click();
    await notes.getByText('echo', { exact: true }).waitFor();

    await addServer(settings, 'ghost', 'tandem-no-such-mcp-server', '--stdio');
    const ghost = settings.getByRole('listitem', { name: 'MCP server ghost' });
    await ghost.getByRole('button', { name: 'Connect' }).click();
    await ghost.getByText("MCP server 'ghost' failed to start: spawn tandem-no-such-mcp-server ENOENT", { exact: false }).waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'mcp-settings.png') });

    await ghost.getByRole('button', { name: 'Remove ghost' }).click();
    await ghost.waitFor({ state: 'detached' });
    problems.assertNone();
  });

  it('shows the model’s MCP calls in a thread, asking before a tool not marked read-only', async () => {
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await settings.getByRole('tab', { name: 'Model' }).click();
    await settings.getByRole('textbox', { name: 'Model', exact: true }).fill('gpt-5-mini');
    await settings.getByRole('button', { name: 'Save', exact: true }).click();
    await settings.getByRole('status').getByText('Saved', { exact: true }).first().waitFor();
    await page.keyboard.press('Escape');
    await settings.waitFor({ state: 'detached' });

    const sidebar = page.getByRole('navigation', { name: 'Sidebar' });
    await sidebar.getByRole('button', { name: 'Add folder…' }).first().click();
    await sidebar.getByRole('textbox', { name: 'Folder path' }).fill(repo);
    await sidebar.getByRole('textbox', { name: 'Folder path' }).press('Enter');
    await sidebar.getByRole('treeitem', { name: /mcp-app/ }).waitFor();
    await page.keyboard.press('Control+Shift+O');
    await page.getByText('Nothing in this thread yet').waitFor();

    fake.script([
      { reply: { toolCalls: [{ name: 'mcp__notes__echo', arguments: { text: 'hello from the thread' } }] } },
      { reply: { toolCalls: [{ name: 'mcp__notes__write_note', arguments: { text: 'remember the milk' } }] } },
      { reply: { text: 'The server echoed the text and the note is written.' } },
    ]);
    const composer = page.getByRole('textbox', { name: 'Message' });
    await composer.fill('Try the notes server');
    await composer.press('Enter');

    const card = page.getByRole('group', { name: 'Approval needed: use notes’s write_note tool' });
    await card.waitFor();
    await card.getByText('{"text":"remember the milk"}').waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'mcp-approval.png') });
    await card.getByRole('button', { name: /Approve once/ }).click();

    const items = page.getByRole('list', { name: 'Thread items' });
    await items.getByText('The server echoed the text and the note is written.').waitFor();
    const echo = items.getByRole('group', { name: 'MCP tool call: notes echo' });
    await echo.locator('summary').click();
    await echo.locator('.agent-output').getByText('echo: hello from the thread').waitFor();
    await items.getByRole('group', { name: 'MCP tool call: notes write_note' }).waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'mcp-thread.png') });
    expect(fs.readFileSync(path.join(repo, 'note.txt'), 'utf8')).toBe('remember the milk');
    fake.assertNoViolations();
    problems.assertNone();
  });
});
