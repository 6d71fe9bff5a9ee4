/**
 * Plan-first runs in a real browser against the built `tandem serve` and the scripted fake OpenAI server:
 * "Plan first" turns a message into a proposed checklist; the user edits it from the keyboard (renames a
 * step, adds one with Enter, moves it with Alt+↑); "Run plan" works through it, a failing check leaves its
 * step open with the check's output, and the plan ends done with every check passed. Screenshots of the
 * plan (light and dark) go to a temp folder.
 */
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
import { addFolder, newThread, openConnected, saveModel, shootBothSchemes } from './main-window-steps';
import { watchPage, type PageProblems } from './page-watch';

const KEY = 'sk-plan-e2e-key-8765';
const GREET = 'greet.sh';
const PATCH = `*** Begin Patch
*** Update File: ${GREET}
@@
 #!/usr/bin/env bash
-echo "Helo, wrold"
+echo "Hello, world"
*** End Patch`;

let fake: FakeOpenAIServer;
let app: ServedApp;
let browser: TestBrowser;
let page: Page;
let problems: PageProblems;
let temp: { dir: string; cleanup(): void };
let repo: string;
const shots = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-plan-shots-'));

beforeAll(async () => {
  temp = makeTempDir('tandem-e2e-plan-');
  repo = makeGitRepo(temp.dir, 'hello-app');
  fs.writeFileSync(path.join(repo, GREET), '#!/usr/bin/env bash\necho "Helo, wrold"\n');
  fake = await startFakeOpenAI({ apiKey: KEY });
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

const composer = () => page.getByRole('textbox', { name: 'Message' });
const plan = () => page.getByRole('region', { name: 'Thread plan' });

const shoot = (name: string) => shootBothSchemes(page, shots, name);

describe('plan-first runs in the main window', () => {
  it('is set up with a model and a folder', async () => {
    await openConnected(page, app.url);
    await saveModel(page, 'gpt-5-mini');

    await addFolder(page, repo, /hello-app/);
    await newThread(page);
  });

  it('asks for a plan first and shows the proposal as an editable checklist', async () => {
    fake.script([
      {
        reply: {
          toolCalls: [
            {
              name: 'propose_plan',
              arguments: {
                steps: [
                  { title: 'Fix the greeting', check: `grep -q "Hello, world" ${GREET}` },
                  { title: 'Run the script', check: `bash ${GREET} | grep -qx "Hello, world"` },
                ],
              },
            },
          ],
        },
      },
      { reply: { text: 'A two-step plan: fix the typo, then run the script.' } },
    ]);
    // From the palette, as from the toggle: the message box takes the keyboard, ready for the task.
    await page.keyboard.press('Control+K');
    await page.getByRole('combobox', { name: 'Command' }).fill('plan first');
    await page.keyboard.press('Enter');
    expect(await page.getByRole('button', { name: 'Plan first' }).getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => composer().evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    await composer().fill('Fix the greeting in greet.sh');
    await composer().press('Enter');

    await page.getByText('A two-step plan').waitFor();
    await plan().waitFor();
    expect(await plan().getByText('Draft').count()).toBe(1);
    expect(await plan().getByRole('textbox', { name: 'Step 1', exact: true }).inputValue()).toBe('Fix the greeting');
    expect(await plan().getByRole('textbox', { name: 'Check for step 2' }).inputValue()).toBe(`bash ${GREET} | grep -qx "Hello, world"`);
    // The plan-first toggle turned itself off: the next message is an ordinary one.
    expect(await page.getByRole('button', { name: 'Plan first' }).getAttribute('aria-pressed')).toBe('false');
  });

  it('is edited from the keyboard: rename, Enter for a new step, Alt+↑ to move it', async () => {
    const title1 = plan().getByRole('textbox', { name: 'Step 1', exact: true });
    await title1.fill('Fix the greeting typo');
    await title1.press('Enter');
    // The new step is step 2 and has the focus.
    // (A string: this file is type-checked without the DOM library.)
    await expect.poll(() => page.evaluate('document.activeElement?.getAttribute("aria-label")')).toBe('Step 2');
    await page.keyboard.type('The script is still there');
    await page.keyboard.press('Tab');
    await page.keyboard.type(`test -f ${GREET}`);
    // Move it below "Run the script", then back up.
    await page.keyboard.press('Alt+ArrowDown');
    expect(await plan().getByRole('textbox', { name: 'Step 3', exact: true }).inputValue()).toBe('The script is still there');
    await page.keyboard.press('Alt+ArrowUp');
    expect(await plan().getByRole('textbox', { name: 'Step 2', exact: true }).inputValue()).toBe('The script is still there');
    await plan().getByText('Edited').waitFor();

    // A step without a check is refused in words.
    await plan().getByRole('textbox', { name: 'Check for step 2' }).fill('');
    await plan().getByRole('button', { name: 'Save', exact: true }).click();
    await plan().getByRole('alert').getByText(/needs a check/).waitFor();
    await plan().getByRole('textbox', { name: 'Check for step 2' }).fill(`test -f ${GREET}`);
    await plan().getByRole('button', { name: 'Save', exact: true }).click();
    await plan().getByText('Draft').waitFor();
    await shoot('plan-draft');
  });

  it('runs: a failing check leaves its step open, passing checks mark steps done', async () => {
    fake.script([
      { reply: { toolCalls: [{ name: 'complete_step', arguments: { step: 1 } }] } },
      { reply: { toolCalls: [{ name: 'apply_patch', arguments: { input: PATCH } }] } },
      {
        reply: {
          toolCalls: [
            { name: 'complete_step', arguments: { step: 1 } },
            { name: 'complete_step', arguments: { step: 2 } },
            { name: 'complete_step', arguments: { step: 3 } },
          ],
        },
      },
      { reply: { text: 'All three checks passed.' } },
    ]);
    await plan().getByRole('textbox', { name: 'Step 1', exact: true }).press('Control+Enter');
    await page.getByText('All three checks passed.').waitFor();
    await plan().getByText('3/3 done').waitFor();
    await plan().getByText('Done', { exact: true }).waitFor();
    // The failed first check is in the conversation, marked as the check of step 1.
    await page.getByText('check · step 1').first().waitFor();
    expect(fs.readFileSync(path.join(repo, GREET), 'utf8')).toContain('Hello, world');
    fake.assertNoViolations();
    await shoot('plan-done');

    // Saved as PLAN.md in the thread's folder.
    await plan().getByRole('button', { name: 'Save as PLAN.md' }).click();
    await page.getByText(`Saved the plan as ${path.join(repo, 'PLAN.md')}`).waitFor();
    expect(fs.readFileSync(path.join(repo, 'PLAN.md'), 'utf8')).toContain('1. [x] Fix the greeting typo');
    problems.assertNone();
  });
});
