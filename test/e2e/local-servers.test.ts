/**
 * First start without a key: Tandem looks for a model server on this machine and offers it. A small
 * HTTP server on Ollama's port (127.0.0.1:11434) answers GET /v1/models like Ollama does; one click
 * on the offer sets the provider to it. Skipped, saying why, when that port is taken.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type TestBrowser } from '../support/browser';
import { startServe, type ServedApp } from '../support/serve-process';
import { watchPage, type PageProblems } from './page-watch';

const OLLAMA_PORT = 11434;

/** An Ollama look-alike: only the model list the probe reads. */
function startOllamaModelList(): Promise<http.Server | null> {
  const server = http.createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/v1/models') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ object: 'list', data: [{ id: 'llama3.2:latest', object: 'model', created: 1, owned_by: 'library' }] }));
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('404 page not found');
  });
  return new Promise((resolve) => {
    server.once('error', () => resolve(null));
    server.listen(OLLAMA_PORT, '127.0.0.1', () => resolve(server));
  });
}

const ollama = await startOllamaModelList();
if (!ollama) console.warn(`local-servers.test.ts: skipped, port ${OLLAMA_PORT} is in use (a real Ollama?) so the offer cannot be scripted`);

describe.skipIf(!ollama)('first start with a local model server', () => {
  let app: ServedApp;
  let browser: TestBrowser;
  let page: Page;
  let problems: PageProblems;

  beforeAll(async () => {
    expect((ollama?.address() as AddressInfo).port).toBe(OLLAMA_PORT);
    app = await startServe();
    browser = await launchBrowser();
    page = await browser.newPage();
    problems = await watchPage(page);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('offers the server found and sets it up in one click', async () => {
    await page.goto(app.url);
    const offer = page.getByRole('list', { name: 'Model servers found on this machine' });
    await offer.getByText('http://127.0.0.1:11434/v1').waitFor();
    expect(await offer.textContent()).toContain('llama3.2:latest');
    await offer.getByRole('button', { name: 'Use Ollama' }).click();
    await page.getByText('Using llama3.2:latest at http://127.0.0.1:11434/v1.').waitFor();
    await page.getByRole('contentinfo', { name: 'Status bar' }).getByRole('button', { name: /llama3\.2:latest/ }).waitFor();

    await page.keyboard.press('Control+,');
    const settings = page.getByRole('dialog', { name: 'Settings' });
    expect(await settings.getByRole('radio', { name: 'OpenAI-compatible server' }).getAttribute('aria-checked')).toBe('true');
    expect(await settings.getByLabel('Base URL').inputValue()).toBe('http://127.0.0.1:11434/v1');
    // With the server's models offered in a list, the field is a combobox.
    expect(await settings.getByRole('combobox', { name: 'Model', exact: true }).inputValue()).toBe('llama3.2:latest');
    expect(await settings.getByRole('radio', { name: 'Chat Completions' }).getAttribute('aria-checked')).toBe('true');
    problems.assertNone();
  });
});

afterAll(async () => {
  await new Promise<void>((resolve) => (ollama ? ollama.close(() => resolve()) : resolve()));
});
