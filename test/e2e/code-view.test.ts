/**
 * The code view in a real browser against the built `tandem serve`: Ctrl+P, a few letters, Enter —
 * the file opens; "name:42" lands on line 42; colours arrive from the worker under the strict CSP;
 * find, blame and the tree work; and a `path:line` printed in a real terminal opens that line when
 * clicked.
 */
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
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
let temp: { dir: string; cleanup(): void };
let repo: string;

const MATH_LINES = 80;

function makeRepo(parent: string): string {
  const dir = path.join(parent, 'shapes');
  const write = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  };
  const math = Array.from({ length: MATH_LINES }, (_, i) =>
    i === 41 ? 'export const answer = 42; // the line to land on' : `export function f${i + 1}(x: number): number { return x * ${i + 1}; }`,
  );
  write('src/util/math.ts', `${math.join('\n')}\n`);
  write('src/app.ts', ['import { answer } from "./util/math";', '', 'export function main(): void {', '  const value = answer;', '  console.log(value);', '', '  throw new Error("line seven");', '}', ''].join('\n'));
  write('README.md', '# shapes\n');
  write('docs/notes.md', 'notes\n');
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' });
  git('init', '-q', '-b', 'main');
  git('add', '.');
  git('-c', 'user.name=Ada Lovelace', '-c', 'user.email=ada@example.com', 'commit', '-q', '-m', 'Shapes');
  fs.appendFileSync(path.join(dir, 'src/app.ts'), 'export const later = 1;\n'); // modified
  write('src/new-module.ts', 'export {};\n'); // untracked
  return fs.realpathSync(dir);
}

beforeAll(async () => {
  temp = makeTempDir('tandem-e2e-code-');
  repo = makeRepo(temp.dir);
  const home = path.join(temp.dir, 'home');
  fs.mkdirSync(home);
  app = await startServe({ env: { SHELL: '/bin/bash', HOME: home, VISUAL: '', EDITOR: '' } });
  browser = await launchBrowser({ colorScheme: 'light', viewport: { width: 1400, height: 900 } });
  page = await browser.newPage();
  problems = await watchPage(page);
  await page.goto(app.url);
  await page.getByRole('contentinfo', { name: 'Status bar' }).getByText('Connected').waitFor();
  await page.keyboard.press('Control+O');
  const field = page.getByRole('textbox', { name: 'Folder path' });
  await field.fill(repo);
  await field.press('Enter');
  // The folder appears in the sidebar (the code view is not open yet, so this is the only tree).
  await page.getByRole('treeitem', { name: /shapes/ }).first().waitFor();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  temp?.cleanup();
});

const codeView = () => page.getByRole('region', { name: 'Code' });
const quickOpen = () => page.getByRole('dialog', { name: 'Go to file' });
const line = (n: number) => codeView().locator(`.code-line[data-line="${n}"]`);

/** True when the element is inside the code scroller's visible box. */
async function onScreen(n: number): Promise<boolean> {
  const row = await line(n).boundingBox();
  const box = await codeView().locator('.code-scroll').boundingBox();
  if (!row || !box) return false;
  return row.y >= box.y && row.y + row.height <= box.y + box.height;
}

describe('code view', () => {
  it('Ctrl+P, a few letters, Enter: opens the file', async () => {
    await page.keyboard.press('Control+P');
    const input = quickOpen().getByRole('combobox', { name: 'File name' });
    await input.waitFor();
    await input.pressSequentially('mth');
    const first = quickOpen().getByRole('option').first();
    await expect.poll(() => first.getAttribute('data-path')).toBe('src/util/math.ts');
    await input.press('Enter');
    await quickOpen().waitFor({ state: 'detached' });
    await codeView().waitFor();
    await line(1).waitFor();
    expect(await line(1).innerText()).toContain('export function f1(x: number)');
    // The tree revealed it.
    const row = codeView().getByRole('treeitem', { name: /math\.ts/ });
    await row.waitFor();
    expect(await row.getAttribute('aria-selected')).toBe('true');
  });

  it('"math:42" lands on line 42, selected and on screen', async () => {
    await page.keyboard.press('Control+P');
    const input = quickOpen().getByRole('combobox', { name: 'File name' });
    await input.pressSequentially('math:42');
    await expect.poll(() => quickOpen().getByRole('option').first().getAttribute('data-path')).toBe('src/util/math.ts');
    await input.press('Enter');
    await expect.poll(() => line(42).getAttribute('class')).toContain('is-selected');
    expect(await line(42).innerText()).toContain('export const answer = 42');
    expect(await onScreen(42)).toBe(true);
  });

  it('colours the code from the worker, under the strict CSP', async () => {
    // Shiki's github-light colours keywords #D73A49; line 42 starts with the keyword "export".
    const colour = () => page.evaluate(`getComputedStyle(document.querySelector('.code-line[data-line="42"] .code-text span')).color`);
    await expect.poll(colour, { timeout: 20_000 }).toBe('rgb(215, 58, 73)');
  });

  it('finds in the file and shows blame', async () => {
    await codeView().locator('.code-scroll').focus();
    await page.keyboard.press('Control+F');
    const find = codeView().getByRole('textbox', { name: 'Find in file' });
    await find.fill('return x * 7;');
    await expect.poll(() => codeView().locator('.code-find-status').innerText()).toBe('1 of 1');
    await find.press('Enter');
    await expect.poll(() => line(7).getAttribute('class')).toContain('is-selected');
    await find.press('Escape');

    await codeView().getByRole('button', { name: /Blame/ }).click();
    // The author shows where a run of lines from one commit starts (here: the whole file).
    await codeView().locator('.code-blame', { hasText: 'Ada Lovelace' }).first().waitFor({ timeout: 15_000 });
  });

  it('decorates the tree with git status', async () => {
    const tree = codeView().getByRole('tree', { name: 'Files' });
    await tree.getByRole('treeitem', { name: /^app\.ts/ }).waitFor();
    expect(await tree.getByRole('treeitem', { name: /^app\.ts/ }).getAttribute('class')).toContain('is-modified');
    expect(await tree.getByRole('treeitem', { name: /^new-module\.ts/ }).getAttribute('class')).toContain('is-untracked');
  });

  it('opens a path:line printed in a terminal at that line', async () => {
    const panel = page.getByRole('region', { name: 'Terminal panel' });
    await panel.getByRole('button', { name: 'New terminal' }).first().click();
    const screen = panel.locator('.terminal-pane .xterm-screen').first();
    await screen.waitFor();
    await screen.click();
    await page.keyboard.type(`cd '${repo}' && clear && printf 'src/app.ts:7:3: error: line seven\\n'\n`);
    // After `clear` the output is the first row; "src/app.ts:7:3" fills its first 14 cells.
    const box = (await screen.boundingBox())!;
    const x = box.x + 30;
    const y = box.y + 6;
    // Hover until xterm's link provider underlines it (the core confirms the file exists first).
    await expect
      .poll(
        async () => {
          await page.mouse.move(x, y + 2);
          await page.mouse.move(x, y);
          return page.evaluate(`document.querySelector('.terminal-pane .xterm-cursor-pointer') !== null`);
        },
        { timeout: 20_000 },
      )
      .toBe(true);
    await page.mouse.click(x, y);
    await expect.poll(() => codeView().locator('.code-file').getAttribute('data-path'), { timeout: 10_000 }).toBe('src/app.ts');
    await expect.poll(() => line(7).getAttribute('class')).toContain('is-selected');
    expect(await line(7).innerText()).toContain('line seven');
  });

  it('reported no page errors or CSP violations', () => {
    problems.assertNone();
  });
});
