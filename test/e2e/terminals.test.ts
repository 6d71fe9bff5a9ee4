/**
 * Terminals in a real browser against the built `tandem serve`: open one, type a command and see its
 * output, find in it, survive the loss of the WebGL context, resize it, reload the page and get the
 * scrollback back, and see a shell's exit status.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type TestBrowser } from '../support/browser';
import { startServe, type ServedApp } from '../support/serve-process';
import { makeTempDir } from '../support/temp-dir';
import { watchPage, type PageProblems } from './page-watch';

let app: ServedApp;
let browser: TestBrowser;
let page: Page;
let problems: PageProblems;
let home: { dir: string; cleanup(): void };

beforeAll(async () => {
  home = makeTempDir('tandem-e2e-home-');
  // A known shell and an empty home (no rc files): the prompt and output are predictable.
  app = await startServe({ env: { SHELL: '/bin/bash', HOME: home.dir } });
  browser = await launchBrowser({ colorScheme: 'dark', viewport: { width: 1400, height: 900 } });
  page = await browser.newPage();
  problems = await watchPage(page);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  home?.cleanup();
});

const panel = () => page.getByRole('region', { name: 'Terminal panel' });
const pane = () => panel().locator('.terminal-pane').first();

/** The text on screen, read from the DOM renderer's rows (only present when WebGL is not in use). */
async function screenText(): Promise<string> {
  return pane().locator('.xterm-rows').innerText();
}

async function typeInTerminal(text: string) {
  await pane().locator('.terminal-view').click();
  await page.keyboard.type(text);
}

/** Uses the find bar, as a user would, to count matches in the terminal's buffer (works with any renderer). */
async function countMatches(query: string): Promise<string> {
  await panel().getByRole('button', { name: /Find in terminal/ }).click();
  const input = panel().getByRole('textbox', { name: 'Find in terminal' });
  await input.fill(query);
  const count = panel().locator('.terminal-find-count');
  await expect.poll(() => count.innerText(), { timeout: 10_000 }).not.toBe('');
  const text = await count.innerText();
  await input.press('Escape');
  return text;
}

async function sttySize(): Promise<{ rows: number; cols: number }> {
  const marker = `size-${Date.now()}`;
  await typeInTerminal(`echo ${marker} $(stty size)\n`);
  let found: RegExpExecArray | null = null;
  await expect
    .poll(
      async () => {
        found = new RegExp(`\\n${marker} (\\d+) (\\d+)`).exec(await screenText());
        return found !== null;
      },
      { timeout: 10_000 },
    )
    .toBe(true);
  const [, rows, cols] = found as unknown as [string, string, string];
  return { rows: Number(rows), cols: Number(cols) };
}

describe('terminals', () => {
  it('opens a terminal, runs a typed command and shows its output', async () => {
    await page.goto(app.url);
    await page.getByRole('contentinfo', { name: 'Status bar' }).getByText('Connected').waitFor();
    await panel().getByText('No terminals yet').waitFor();
    await panel().getByRole('button', { name: 'New terminal' }).first().click();
    await pane().locator('.xterm').waitFor();
    expect(await pane().getAttribute('data-status')).toBe('running');
    await panel().getByRole('tab', { name: /bash/ }).waitFor();
    // Headless Chromium here has WebGL (SwiftShader): the fast renderer is in use.
    expect(await pane().locator('.terminal-xterm').getAttribute('data-renderer')).toBe('webgl');

    await typeInTerminal('echo hello-$((6*7))\n');
    await expect.poll(() => countMatches('hello-42'), { timeout: 15_000 }).toBe('1 of 1');
  });

  it('falls back to the DOM renderer when the WebGL context is lost, keeping the screen', async () => {
    // A string, not a function: this file is type-checked without the DOM library.
    const lost = await page.evaluate(`(() => {
      for (const canvas of document.querySelectorAll('.terminal-pane canvas')) {
        if (canvas.getContext('2d')) continue;
        const gl = canvas.getContext('webgl2');
        const ext = gl && gl.getExtension('WEBGL_lose_context');
        if (ext) {
          ext.loseContext();
          return true;
        }
      }
      return false;
    })()`);
    expect(lost).toBe(true);
    // xterm waits 3 s for the context to come back before it gives up on WebGL.
    await expect.poll(() => pane().locator('.terminal-xterm').getAttribute('data-renderer'), { timeout: 10_000 }).toBe('dom');
    await expect.poll(screenText, { timeout: 10_000 }).toMatch(/\nhello-42\n/);
  });

  it('resizes the pty with the panel', async () => {
    const before = await sttySize();
    expect(before.cols).toBeGreaterThan(40);
    expect(before.rows).toBeGreaterThan(3);
    await page.setViewportSize({ width: 1000, height: 900 });
    await expect.poll(async () => (await sttySize()).cols, { timeout: 15_000 }).toBeLessThan(before.cols);
  });

  it('brings the scrollback back after a reload', async () => {
    await typeInTerminal('for i in $(seq 1 300); do echo "line-$i"; done\n');
    await expect.poll(screenText, { timeout: 10_000 }).toMatch(/\nline-300\n/);
    await page.reload();
    await page.getByRole('contentinfo', { name: 'Status bar' }).getByText('Connected').waitFor();
    await pane().locator('.xterm').waitFor();
    // The same terminal, its output restored: the first command's output and the last lines.
    await expect.poll(() => countMatches('hello-42'), { timeout: 15_000 }).toBe('1 of 1');
    await expect.poll(() => countMatches('line-300'), { timeout: 15_000 }).toBe('1 of 1');
    // And it is live: typing still works.
    await typeInTerminal('echo after-$((2+3))\n');
    await expect.poll(() => countMatches('after-5'), { timeout: 15_000 }).toBe('1 of 1');
  });

  it('shows the exit status of a shell that ends', async () => {
    await typeInTerminal('exit 3\n');
    await panel().getByText('The shell exited with code 3.').waitFor();
    await panel().getByRole('tab', { name: /exit 3/ }).waitFor();
    await panel().getByRole('button', { name: 'Close', exact: true }).click();
    await panel().getByText('No terminals yet').waitFor();
    problems.assertNone();
  });
});
