/**
 * The review panel on a diff too big to send at once: the first files come with their lines, the
 * others as placeholders of their final height that fill in as they scroll into view. Showing a file
 * far down the list shows its real lines, the scrollbar's length does not change as they arrive, and
 * the keyboard still walks its hunks.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type TestBrowser } from '../support/browser';
import { startServe, type ServedApp } from '../support/serve-process';
import { makeTempDir } from '../support/temp-dir';
import { makeGitRepo } from './git-repo';
import { watchPage, type PageProblems } from './page-watch';

/** 40 files of 200 lines, every other line changed: about 300 diff lines each, far past the first page. */
const FILES = 40;
const name = (f: number) => `file${String(f).padStart(2, '0')}`;
const lines = (f: number, changed: boolean) =>
  Array.from({ length: 200 }, (_, i) => `export const ${name(f)}_${i} = ${changed && i % 2 ? `${i} * 7; // changed in ${name(f)}` : i};`).join('\n') + '\n';

let app: ServedApp;
let browser: TestBrowser;
let page: Page;
let problems: PageProblems;
let temp: { dir: string; cleanup(): void };
let repo: string;

beforeAll(async () => {
  temp = makeTempDir('tandem-e2e-review-big-');
  repo = makeGitRepo(temp.dir, 'big-change');
  fs.mkdirSync(path.join(repo, 'src'));
  for (let f = 0; f < FILES; f++) fs.writeFileSync(path.join(repo, 'src', `${name(f)}.ts`), lines(f, false));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' });
  git('add', '.');
  git('-c', 'user.name=Tandem Test', '-c', 'user.email=test@example.com', 'commit', '-q', '-m', 'sources');
  for (let f = 0; f < FILES; f++) fs.writeFileSync(path.join(repo, 'src', `${name(f)}.ts`), lines(f, true));
  app = await startServe();
  browser = await launchBrowser({ colorScheme: 'light' });
  page = await browser.newPage();
  problems = await watchPage(page);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  temp?.cleanup();
});

const panel = () => page.getByRole('complementary', { name: 'Review' });
const diffView = () => panel().locator('.diff-view');
const scrollHeight = () => diffView().evaluate((el) => (el as unknown as { scrollHeight: number }).scrollHeight);

describe('the review panel on a big diff', () => {
  it('shows the last file’s lines when the file list jumps to it, with the scrollbar’s length unchanged', async () => {
    await page.goto(app.url);
    const sidebar = page.getByRole('navigation', { name: 'Sidebar' });
    await sidebar.getByRole('button', { name: 'Add folder…' }).first().click();
    const field = sidebar.getByRole('textbox', { name: 'Folder path' });
    await field.fill(repo);
    await field.press('Enter');
    await panel().getByText(`${FILES} files`).waitFor();
    await diffView().getByText('changed in file00').first().waitFor();
    const height = await scrollHeight();
    const last = name(FILES - 1);
    // Not sent with the first answer: nothing of it is on the page yet.
    expect(await diffView().getByText(`changed in ${last}`).count()).toBe(0);

    await panel().getByRole('navigation', { name: 'Changed files' }).getByText(`${last}.ts`).click();
    await diffView().getByText(`changed in ${last}`).first().waitFor();
    expect(await diffView().locator('.diff-pending').count()).toBe(0);
    expect(await scrollHeight()).toBe(height);
  });

  it('walks back through the hunks of files above with k, their lines arriving as they come into view', async () => {
    await diffView().focus();
    for (let i = 0; i < 4; i++) await page.keyboard.press('k');
    // Each file is one hunk: four hunks up is a few files above the last, all of them loaded by now.
    await diffView().getByText(/changed in file3[4-7]/).first().waitFor();
    await expect.poll(() => diffView().locator('.diff-pending').count()).toBe(0);
  });

  it('reported no console errors or CSP violations', () => {
    problems.assertNone();
  });
});
