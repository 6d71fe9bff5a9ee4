/**
 * The review panel's newer parts in a real browser against the built `tandem serve`, on a real git
 * repository: syntax colours from the highlight worker in the diff (unified and split, under the
 * strict CSP), an AI review's findings that survive a restart of the server and turn stale when the
 * file changes, and "the agent's last turn" opened from a thread with its evidence (the commands the
 * turn ran) above its diff.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type TestBrowser } from '../support/browser';
import { startFakeOpenAI, type FakeOpenAIServer } from '../support/fake-openai';
import { startServe, type ServedApp } from '../support/serve-process';
import { makeTempDir } from '../support/temp-dir';
import { makeGitRepo } from './git-repo';
import { watchPage, type PageProblems } from './page-watch';

const KEY = 'sk-test-review-turns-5678';
const PATCH = `*** Begin Patch
*** Update File: src/limits.ts
@@
-export const maxRetries = 3;
+export const maxRetries = 5;
*** Add File: src/backoff.ts
+import { maxRetries } from './limits';
+
+/** Delay before the next attempt: doubles each time, capped at 30 s. */
+export function backoff(attempt: number, baseMs = 250): number {
+  if (attempt >= maxRetries) throw new Error(\`gave up after \${attempt} attempts\`);
+  const delay = baseMs * 2 ** attempt;
+  return Math.min(delay, 30_000);
+}
*** End Patch`;
/** With TANDEM_SCREENSHOTS=1 the panel's pictures go to docs/screenshots/ (else a temp folder). */
const SHOTS = process.env.TANDEM_SCREENSHOTS === '1' ? path.resolve(import.meta.dirname, '../../docs/screenshots') : fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-review-shots-'));

let fake: FakeOpenAIServer;
let app: ServedApp;
let browser: TestBrowser;
let page: Page;
let problems: PageProblems;
let temp: { dir: string; cleanup(): void };
let dataDir: string;
let repo: string;

const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' });
const serve = () => startServe({ dataDir, env: { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: fake.baseUrl } });

beforeAll(async () => {
  temp = makeTempDir('tandem-e2e-review-turns-');
  dataDir = path.join(temp.dir, 'data');
  fs.mkdirSync(dataDir);
  repo = makeGitRepo(temp.dir, 'retry-lib');
  fs.mkdirSync(path.join(repo, 'src'));
  fs.writeFileSync(path.join(repo, 'src', 'limits.ts'), 'export const maxRetries = 3;\n');
  fs.writeFileSync(path.join(repo, 'src', 'retry.ts'), ['/** Runs fn until it succeeds. */', 'export function retry(max: number): boolean {', '  return max > 0;', '}', ''].join('\n'));
  git('add', '.');
  git('-c', 'user.name=Tandem Test', '-c', 'user.email=test@example.com', 'commit', '-q', '-m', 'sources');
  fs.writeFileSync(path.join(repo, 'src', 'retry.ts'), ['/** Runs fn until it succeeds. */', 'export function retry(max: number): boolean {', '  const attempts = 0;', '  return attempts <= max;', '}', ''].join('\n'));
  fake = await startFakeOpenAI({ apiKey: KEY, models: ['gpt-5.1'] });
  app = await serve();
  browser = await launchBrowser({ colorScheme: 'dark', viewport: { width: 1440, height: 900 } });
  page = await browser.newPage();
  problems = await watchPage(page);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await fake?.close();
  temp?.cleanup();
  if (process.env.TANDEM_SCREENSHOTS !== '1') fs.rmSync(SHOTS, { recursive: true, force: true });
});

const panel = () => page.getByRole('complementary', { name: 'Review' });
const findings = () => panel().getByRole('region', { name: 'AI review' });
/** The page's getComputedStyle (the test runs in Node, the function in the page). */
type Styled = { getComputedStyle(el: unknown): { color: string } };
/** Coloured token spans of the diff lines holding this text. */
const colouredTokens = (text: string) => panel().locator('.diff-line', { hasText: text }).locator('.diff-text span[style*="color"]');

describe('the review panel: colours, stored findings, the last turn', () => {
  it('colours a .ts diff with tokens from the highlight worker, in unified and split views', async () => {
    await page.goto(app.url);
    const sidebar = page.getByRole('navigation', { name: 'Sidebar' });
    await sidebar.getByRole('button', { name: 'Add folder…' }).first().click();
    const field = sidebar.getByRole('textbox', { name: 'Folder path' });
    await field.fill(repo);
    await field.press('Enter');
    await panel().getByRole('navigation', { name: 'Changed files' }).getByText('retry.ts').waitFor();
    // The keyword `return` and the rest of the added line come in colours of their own.
    await expect.poll(() => colouredTokens('attempts <= max').count(), { timeout: 15_000 }).toBeGreaterThan(1);
    const keyword = colouredTokens('attempts <= max').filter({ hasText: /^\s*return\s*$/ });
    await keyword.first().waitFor();
    const plainColour = await panel().locator('.diff-hunk-header').first().evaluate((el) => (globalThis as unknown as Styled).getComputedStyle(el).color);
    expect(await keyword.first().evaluate((el) => (globalThis as unknown as Styled).getComputedStyle(el).color)).not.toBe(plainColour);

    await panel().getByRole('radio', { name: 'Split' }).click();
    await panel().locator('.diff-view-split').waitFor();
    await expect.poll(() => colouredTokens('attempts <= max').count(), { timeout: 15_000 }).toBeGreaterThan(1);
    await panel().getByRole('radio', { name: 'Unified' }).click();
  });

  it('keeps the AI review’s findings across a server restart, and marks them stale once the file changes', async () => {
    fake.script([
      {
        reply: {
          text: JSON.stringify({
            verdict: 'needs_changes',
            explanation: 'The loop never counts its attempts.',
            findings: [{ title: '[P1] attempts never grows', body: 'attempts stays 0, so retry always succeeds.', priority: 1, confidence: 0.9, path: 'src/retry.ts', side: 'new', start_line: 4, end_line: 4 }],
          }),
        },
      },
    ]);
    await panel().getByRole('button', { name: 'AI review' }).click();
    await findings().getByText('[P1] attempts never grows').waitFor();
    await panel().locator('.diff-line.has-finding', { hasText: 'attempts <= max' }).waitFor();

    // Leave the page first, so the server going away is not a connection error on it.
    await page.goto('about:blank');
    await app.stop();
    app = await serve();
    await page.goto(app.url);
    await findings().getByText('[P1] attempts never grows').waitFor();
    await findings().getByText('1 open finding').waitFor();
    await panel().locator('.diff-line.has-finding', { hasText: 'attempts <= max' }).waitFor();
    expect(await findings().getByText(/changes have moved on/).count()).toBe(0);

    fs.writeFileSync(path.join(repo, 'src', 'retry.ts'), fs.readFileSync(path.join(repo, 'src', 'retry.ts'), 'utf8').replace('const attempts = 0', 'let attempts = 0'));
    await panel().getByRole('button', { name: 'Refresh' }).click();
    await findings().getByText(/changes have moved on since \(1 finding may point at old lines\)/).waitFor();
    await findings().getByText(/stale: the file changed since/).waitFor();
    expect(await panel().locator('.diff-line.has-finding').count()).toBe(0);
  });

  it('opens the agent’s last turn from its thread, evidence first', async () => {
    fake.script([
      { reply: { toolCalls: [{ name: 'apply_patch', arguments: { input: PATCH } }] } },
      { reply: { toolCalls: [{ name: 'shell', arguments: { command: 'grep -c maxRetries src/limits.ts' } }] } },
      { reply: { toolCalls: [{ name: 'shell', arguments: { command: 'grep -q Math.min src/backoff.ts && echo "backoff is capped at 30 s"' } }] } },
      { reply: { text: 'Raised maxRetries to 5 and checked it.' } },
    ]);
    await page.keyboard.press('Control+Shift+O');
    await page.getByRole('heading', { level: 1, name: 'New thread' }).waitFor();
    const composer = page.getByRole('textbox', { name: 'Message' });
    await composer.fill('Raise maxRetries to 5');
    await composer.press('Enter');
    await page.getByText('Raised maxRetries to 5 and checked it.').waitFor();
    await page.getByRole('list', { name: 'Thread items' }).getByLabel('Turn done').waitFor();

    await page.getByRole('button', { name: 'Review last turn' }).click();
    await expect.poll(() => panel().getByRole('radio', { name: 'Last turn' }).getAttribute('aria-checked')).toBe('true');
    const evidence = panel().getByRole('region', { name: 'Evidence' });
    const command = evidence.getByRole('listitem').filter({ hasText: 'grep -c maxRetries src/limits.ts' });
    await command.getByText('exit 0').waitFor();
    await panel().getByText(/Last turn · Raise maxRetries to 5/).waitFor();
    const files = panel().getByRole('navigation', { name: 'Changed files' });
    await files.getByText('limits.ts').waitFor();
    await files.getByText('backoff.ts').waitFor();
    // Only the turn's change: the user's own edit of retry.ts from before the turn is not part of it.
    expect(await files.getByText('retry.ts').count()).toBe(0);
    await panel().locator('.diff-line-add', { hasText: 'maxRetries = 5' }).waitFor();
    await evidence.getByRole('listitem').filter({ hasText: 'backoff is capped at 30 s' }).getByText('exit 0').waitFor();

    // Pictures of the panel on this turn, dark and light, once colours have arrived.
    await expect.poll(() => colouredTokens('Math.min(delay').count(), { timeout: 15_000 }).toBeGreaterThan(2);
    await page.mouse.move(0, 0);
    await page.screenshot({ path: path.join(SHOTS, 'review-dark.png'), animations: 'disabled', caret: 'hide' });
    await page.emulateMedia({ colorScheme: 'light' });
    await expect.poll(() => colouredTokens('Math.min(delay').first().evaluate((el) => (globalThis as unknown as Styled).getComputedStyle(el).color), { timeout: 15_000 }).not.toBe('rgb(225, 228, 232)');
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(SHOTS, 'review-light.png'), animations: 'disabled', caret: 'hide' });
    await page.emulateMedia({ colorScheme: 'dark' });

    // Back to the working tree and again to the last turn through the picker.
    await panel().getByRole('radio', { name: 'Working tree' }).click();
    await files.getByText('retry.ts').waitFor();
    await panel().getByRole('radio', { name: 'Last turn' }).click();
    await evidence.getByText('grep -c maxRetries src/limits.ts').waitFor();
  });

  it('reported no console errors or CSP violations (the highlight worker loads under the CSP)', () => {
    problems.assertNone();
  });
});
