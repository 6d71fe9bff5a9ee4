/**
 * Worktree threads in the main window, in a real browser against the built `tandem serve` and the scripted
 * fake OpenAI server: a thread created in a worktree (from the palette, by keyboard) shows its branch; a
 * turn edits a file there while the user's checkout stays as it was; "Review changes" opens the review
 * panel on the thread's worktree; "Apply to my branch" brings the edit over; a second apply that conflicts
 * with the user's own edit says which file and why, and changes nothing; archiving warns about unapplied
 * changes, then removes the worktree and branch. Screenshots go to a temp folder.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type TestBrowser } from '../support/browser';
import { startFakeOpenAI, type FakeOpenAIServer } from '../support/fake-openai';
import { startServe, type ServedApp } from '../support/serve-process';
import { makeTempDir } from '../support/temp-dir';
import { makeGitRepo } from './git-repo';
import { addFolder, openConnected, saveModel, shootBothSchemes } from './main-window-steps';
import { watchPage, type PageProblems } from './page-watch';

const KEY = 'sk-worktree-e2e-key-9876';

let fake: FakeOpenAIServer;
let app: ServedApp;
let browser: TestBrowser;
let page: Page;
let problems: PageProblems;
let temp: { dir: string; cleanup(): void };
let repo: string;
const shots = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-worktree-shots-'));

beforeAll(async () => {
  temp = makeTempDir('tandem-e2e-worktree-');
  repo = makeGitRepo(temp.dir, 'wt-app');
  fake = await startFakeOpenAI({ apiKey: KEY });
  app = await startServe({ env: { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: fake.baseUrl } });
  browser = await launchBrowser({ colorScheme: 'light', viewport: { width: 1400, height: 860 } });
  page = await browser.newPage();
  problems = await watchPage(page);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await fake?.close();
  temp?.cleanup();
});

const worktreeBar = () => page.getByRole('region', { name: 'Worktree' });
const composer = () => page.getByRole('textbox', { name: 'Message' });

const shoot = (name: string) => shootBothSchemes(page, shots, name);

describe('worktree threads in the main window', () => {
  it('creates a thread in a worktree from the palette and shows its branch', async () => {
    await openConnected(page, app.url);
    await saveModel(page, 'gpt-5-mini');

    await addFolder(page, repo, /wt-app/);

    await page.keyboard.press('Control+k');
    await page.keyboard.type('New thread in a worktree');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'New thread in a worktree' });
    const base = dialog.getByRole('textbox', { name: 'Start from' });
    // A base git does not know is refused in place, and no thread is made.
    await base.fill('no-such-branch');
    await base.press('Enter');
    await dialog.getByRole('alert').getByText(/no-such-branch/).waitFor();
    await shoot('worktree-dialog');
    await base.fill('main');
    await base.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await worktreeBar().getByText(/^tandem\//).waitFor();
    await worktreeBar().getByText('No changes yet').waitFor();
    expect(execFileSync('git', ['branch', '--list', 'tandem/*'], { cwd: repo, encoding: 'utf8' })).toMatch(/tandem\//);
  });

  it('runs a turn in the worktree, reviews it, applies it, and reports a conflict plainly without changing anything', async () => {
    fake.script([
      { reply: { toolCalls: [{ name: 'shell', arguments: { command: `printf '# wt-app\\n\\nEdited in a worktree.\\n' > README.md` } }] } },
      { reply: { text: 'Edited `README.md` in this thread’s worktree.' } },
    ]);
    await composer().fill('Add a line to the README');
    await composer().press('Enter');
    await page.getByText('Edited in this thread’s worktree', { exact: false }).or(page.getByText('README.md in this thread')).first().waitFor({ timeout: 30_000 });
    await worktreeBar().getByText('1 changed file').waitFor();
    // The user's checkout is untouched.
    expect(fs.readFileSync(path.join(repo, 'README.md'), 'utf8')).toBe('# wt-app\n');

    await worktreeBar().getByRole('button', { name: 'Review changes' }).click();
    const review = page.getByRole('complementary', { name: 'Review' });
    await review.getByRole('radio', { name: 'Thread' }).or(review.getByRole('button', { name: 'Thread' })).first().waitFor();
    await review.getByText('README.md').first().waitFor();
    // The diff is named by the thread's branch and its base commit.
    await review.getByText(/^tandem\/[0-9a-f]{8} against [0-9a-f]{8}$/).waitFor();
    await shoot('worktree-review');

    await worktreeBar().getByRole('button', { name: 'Apply to my branch' }).click();
    await worktreeBar().getByRole('status').getByText(/Applied 1 file/).waitFor();
    expect(fs.readFileSync(path.join(repo, 'README.md'), 'utf8')).toBe('# wt-app\n\nEdited in a worktree.\n');

    // The user edits the same lines; applying again now conflicts and leaves their file alone.
    fs.writeFileSync(path.join(repo, 'README.md'), '# wt-app\n\nMy own words.\n');
    await worktreeBar().getByRole('button', { name: 'Apply to my branch' }).click();
    const alert = worktreeBar().getByRole('alert');
    await alert.getByText(/Nothing was changed/).waitFor();
    await alert.getByText('README.md', { exact: true }).waitFor();
    expect(fs.readFileSync(path.join(repo, 'README.md'), 'utf8')).toBe('# wt-app\n\nMy own words.\n');
    await shoot('worktree-conflict');
  });

  it('archiving asks first when changes were not applied, then removes the worktree and its branch', async () => {
    const wtPath = (await worktreeBar().getByText(/^tandem\//).evaluate((el) => el.parentElement?.getAttribute('title') ?? '')).split('\n')[0]!;
    expect(fs.existsSync(wtPath)).toBe(true);
    fs.writeFileSync(path.join(wtPath, 'notes.txt'), 'not applied yet\n');
    await page.getByRole('button', { name: 'Archive thread' }).click();
    const warning = page.getByText(/not applied to your branch/);
    await warning.waitFor();
    expect(fs.existsSync(wtPath)).toBe(true);
    await page.getByRole('button', { name: 'Archive anyway' }).click();
    await page.getByText(/removed its worktree and branch/).waitFor();
    expect(fs.existsSync(wtPath)).toBe(false);
    expect(execFileSync('git', ['branch', '--list', 'tandem/*'], { cwd: repo, encoding: 'utf8' }).trim()).toBe('');
    problems.assertNone();
  });
});
