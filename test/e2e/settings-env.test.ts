/**
 * Settings when the environment configures the model, as `OPENAI_API_KEY=… OPENAI_BASE_URL=… tandem
 * serve` does on a headless box: the page says where the key and URL come from, never shows the key,
 * and "Test connection" uses them. Also what the hotkey section says in a browser.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type TestBrowser } from '../support/browser';
import { startFakeOpenAI, type FakeOpenAIServer } from '../support/fake-openai';
import { startServe, type ServedApp } from '../support/serve-process';
import { watchPage, type PageProblems } from './page-watch';

const ENV_KEY = 'sk-from-the-environment-5678';

let fake: FakeOpenAIServer;
let app: ServedApp;
let browser: TestBrowser;
let page: Page;
let problems: PageProblems;

beforeAll(async () => {
  fake = await startFakeOpenAI({ apiKey: ENV_KEY });
  app = await startServe({ env: { OPENAI_API_KEY: ENV_KEY, OPENAI_BASE_URL: fake.baseUrl } });
  browser = await launchBrowser();
  page = await browser.newPage();
  problems = await watchPage(page);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await fake?.close();
});

describe('Settings with OPENAI_API_KEY and OPENAI_BASE_URL set', () => {
  it('names the environment as the source, never shows the key, and tests with it', async () => {
    await page.goto(app.url);
    await page.getByRole('contentinfo', { name: 'Status bar' }).getByText('Connected').waitFor();
    await page.keyboard.press('Control+,');
    const settings = page.getByRole('dialog', { name: 'Settings' });
    expect(await settings.getByRole('radio', { name: 'OpenAI-compatible server' }).getAttribute('aria-checked')).toBe('true');
    expect(await settings.getByLabel('Base URL').inputValue()).toBe(fake.baseUrl);
    await settings.getByText('From the OPENAI_BASE_URL environment variable.').waitFor();
    await settings.getByText('Using the key from the OPENAI_API_KEY environment variable', { exact: false }).waitFor();
    expect(await settings.getByLabel('API key (optional)').inputValue()).toBe('');
    expect(await page.content()).not.toContain(ENV_KEY);

    await settings.getByRole('textbox', { name: 'Model', exact: true }).fill('gpt-5-mini');
    fake.script([{ chat: { text: 'ok' } }]);
    await settings.getByRole('button', { name: 'Test connection' }).click();
    await settings.locator('[data-testid="connection-result"][data-kind="ok"]').waitFor();
    expect(fake.requests.at(-1)?.headers.authorization).toBe(`Bearer ${ENV_KEY}`);
    fake.assertNoViolations();
  });

  it('explains that a browser has no global hotkey and names the in-page shortcut', async () => {
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await settings.getByRole('tab', { name: 'Global hotkey' }).click();
    await settings.getByText('No global hotkey in a browser').waitFor();
    await settings.getByText('A browser page cannot register a system-wide hotkey.').waitFor();
    const shortcut = settings.getByLabel('Ctrl+Shift+Space');
    await shortcut.waitFor();
    problems.assertNone();
  });
});
