/**
 * The review panel in a real browser against the built `tandem serve`, on a real git repository:
 * the panel opens on the folder's changes, the keyboard moves through files, a staged hunk really
 * lands in the index (checked with `git diff --cached`), a comment sits on its line, and an AI review
 * from the fake model server puts a finding on its line that the keyboard moves to, and the finding
 * goes to a new agent thread as a fix request.
 */
import { execFileSync } from 'node:child_process';
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

const KEY = 'sk-test-review-key-1234';
const MODEL = 'gpt-5.1';

let fake: FakeOpenAIServer;
let app: ServedApp;
let browser: TestBrowser;
let page: Page;
let problems: PageProblems;
let temp: { dir: string; cleanup(): void };
let repo: string;

const numbered = (name: string, n: number) => Array.from({ length: n }, (_, i) => `export const ${name}${i + 1} = ${i + 1};`).join('\n') + '\n';
const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' });

beforeAll(async () => {
  temp = makeTempDir('tandem-e2e-review-');
  repo = makeGitRepo(temp.dir, 'shop-api');
  fs.mkdirSync(path.join(repo, 'src'));
  for (const name of ['alpha', 'beta', 'gamma']) fs.writeFileSync(path.join(repo, 'src', `${name}.ts`), numbered(name, 80));
  git('add', '.');
  git('-c', 'user.name=Tandem Test', '-c', 'user.email=test@example.com', 'commit', '-q', '-m', 'sources');
  // Two separate hunks in alpha, one in beta and gamma: enough rows that the diff scrolls.
  for (const name of ['alpha', 'beta', 'gamma']) {
    const lines = fs.readFileSync(path.join(repo, 'src', `${name}.ts`), 'utf8').split('\n');
    for (let i = 5; i < 25; i++) lines[i] = `export const ${name}${i + 1} = ${(i + 1) * 10};`;
    if (name === 'alpha') lines[69] = 'export const alpha70 = retries <= max;';
    fs.writeFileSync(path.join(repo, 'src', `${name}.ts`), lines.join('\n'));
  }
  fake = await startFakeOpenAI({ apiKey: KEY, models: [MODEL] });
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

const panel = () => page.getByRole('complementary', { name: 'Review' });
const diffView = () => panel().locator('.diff-view');
const scrollTop = () => diffView().evaluate((el) => (el as unknown as { scrollTop: number }).scrollTop);

describe('the review panel', () => {
  it('opens on the folder’s working tree changes, with the files and their counts', async () => {
    await page.goto(app.url);
    await panel().getByText('Changes appear here for review').waitFor();
    const sidebar = page.getByRole('navigation', { name: 'Sidebar' });
    await sidebar.getByRole('button', { name: 'Add folder…' }).first().click();
    const field = sidebar.getByRole('textbox', { name: 'Folder path' });
    await field.fill(repo);
    await field.press('Enter');
    const files = panel().getByRole('navigation', { name: 'Changed files' });
    await files.getByText('alpha.ts').waitFor();
    await files.getByText('beta.ts').waitFor();
    await files.getByText('gamma.ts').waitFor();
    expect(await files.getByRole('heading', { name: /Changes/ }).textContent()).toContain('3');
    await panel().getByText('3 files').waitFor();
  });

  it('moves to the next and previous file with ] and [', async () => {
    await diffView().focus();
    expect(await scrollTop()).toBe(0);
    await page.keyboard.press(']');
    await expect.poll(scrollTop).toBeGreaterThan(0);
    const second = await scrollTop();
    await page.keyboard.press(']');
    await expect.poll(scrollTop).toBeGreaterThan(second);
    await page.keyboard.press('[');
    await expect.poll(scrollTop).toBe(second);
    await page.keyboard.press('[');
    await expect.poll(scrollTop).toBe(0);
  });

  it('stages a hunk, which shows at once and is really in the index', async () => {
    await panel().getByRole('button', { name: 'Stage hunk' }).first().click();
    await panel().getByRole('heading', { name: /Staged/ }).waitFor();
    await panel().getByText(/Staged/).first().waitFor();
    const cached = git('diff', '--cached');
    expect(cached).toContain('+export const alpha6 = 60;');
    expect(cached).not.toContain('alpha70');
    expect(git('diff')).toContain('+export const alpha70 = retries <= max;');
  });

  it('adds a comment on a line', async () => {
    // The unstaged alpha.ts hunk: choose its changed line, then comment on it.
    const line = panel().locator('.diff-line-add', { hasText: 'alpha70 = retries <= max' });
    await diffView().focus();
    for (let i = 0; i < 10 && !(await line.count()); i++) await page.keyboard.press('j');
    await line.getByRole('button', { name: 'Choose line' }).click();
    await panel().getByRole('button', { name: 'Comment', exact: true }).click();
    const box = panel().getByRole('textbox', { name: /Comment on src\/alpha.ts, line 70/ });
    await box.fill('Should this be < max?');
    await box.press('Control+Enter');
    await panel().locator('.diff-comment', { hasText: 'Should this be < max?' }).waitFor();
    await panel().locator('.diff-comment-where', { hasText: 'line 70' }).first().waitFor();
  });

  it('runs an AI review and moves to its finding with the keyboard', async () => {
    fake.script([
      {
        chat: {
          text: JSON.stringify({
            verdict: 'needs_changes',
            explanation: 'The retry bound lets one extra attempt through.',
            findings: [
              { title: '[P1] One retry too many', body: 'Use < max.', priority: 1, confidence: 0.9, path: 'src/alpha.ts', side: 'new', start_line: 70, end_line: 70 },
              { title: '[P3] Rename beta', body: 'Maybe.', priority: 3, confidence: 0.05, path: 'src/beta.ts', side: 'new', start_line: 6, end_line: 6 },
            ],
          }),
        },
      },
    ]);
    await panel().getByRole('button', { name: 'AI review' }).click();
    const findings = panel().getByRole('region', { name: 'AI review' });
    await findings.getByText('Needs changes').waitFor();
    await findings.getByText('1 open finding').waitFor();
    expect(await findings.getByText('[P3] Rename beta').count()).toBe(0);
    fake.assertNoViolations();
    const body = fake.requests[0]!.body as { response_format: { type: string } };
    expect(body.response_format.type).toBe('json_schema');

    await diffView().focus();
    await page.keyboard.press('n');
    const item = findings.getByRole('listitem').filter({ hasText: '[P1] One retry too many' });
    await expect.poll(() => item.getAttribute('aria-current')).toBe('true');
    await panel().locator('.diff-line.has-finding', { hasText: 'alpha70 = retries <= max' }).waitFor();
    await item.getByText('Use < max.').waitFor();

    // Jump from the finding to its code: the code view opens on the finding's first line.
    await item.getByRole('button', { name: /Open .* in the code view/ }).click();
    const code = page.getByRole('region', { name: 'Code' });
    await expect.poll(() => code.locator('.code-file').getAttribute('data-path'), { timeout: 10_000 }).toBe('src/alpha.ts');
    await expect.poll(() => code.locator('.code-line[data-line="70"]').getAttribute('class'), { timeout: 10_000 }).toContain('is-selected');

    // Send it to the agent: a new thread in the folder starts a turn with the fix request.
    fake.script([{ reply: { text: 'Changed <= to < in src/alpha.ts.' } }]);
    await item.getByRole('button', { name: /Send .* to agent/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Fix: One retry too many' }).waitFor();
    await fake.waitForRequests(2);
    expect(fake.requests[1]!.rawBody).toContain('src/alpha.ts:70');
    expect(fake.requests[1]!.rawBody).toContain('[P1] One retry too many');
    await page.getByText('Changed <= to < in src/alpha.ts.').waitFor();
    fake.assertNoViolations();

    await item.getByRole('button', { name: /Dismiss/ }).click();
    await findings.getByText('0 open findings').waitFor();
    await panel().getByText(/Dismissed: later reviews/).waitFor();
  });

  it('reported no console errors or CSP violations', () => {
    problems.assertNone();
  });
});
