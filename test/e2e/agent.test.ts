/**
 * The agent in the main window, in a real browser against the built `tandem serve` and the scripted fake
 * OpenAI server: a message starts a turn that plans, runs real commands in the sandbox (each shown with
 * its command and exit code), applies a patch (its diff shown, the file really changed), and answers in
 * Markdown; then a command that must leave the sandbox asks first, the card is approved from the
 * keyboard, and the turn finishes. Screenshots of the conversation (light and dark) go to a temp folder.
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

const KEY = 'sk-agent-e2e-key-4321';
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
const shots = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-agent-shots-'));

beforeAll(async () => {
  temp = makeTempDir('tandem-e2e-agent-');
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

const sidebar = () => page.getByRole('navigation', { name: 'Sidebar' });
const conversation = () => page.getByRole('list', { name: 'Thread items' });
const composer = () => page.getByRole('textbox', { name: 'Message' });

const shoot = (name: string) => shootBothSchemes(page, shots, name);

describe('the agent in the main window', () => {
  it('is set up with a model and a folder', async () => {
    await openConnected(page, app.url);

    await saveModel(page, 'gpt-5-mini');

    await addFolder(page, repo, /hello-app/);

    await newThread(page);
    expect(await composer().isDisabled()).toBe(false);
    expect(await page.getByRole('combobox', { name: 'Sandbox' }).inputValue()).toBe('workspace-write');
    expect(await page.getByRole('combobox', { name: 'Approval policy' }).inputValue()).toBe('on-request');
  });

  it('sends a message and shows the plan, the commands with their exit codes, the patch and the answer', async () => {
    fake.script([
      {
        reply: {
          reasoning: ['**Reading the script** The greeting is misspelled; I will read the script first.'],
          text: 'I will fix the greeting.',
          toolCalls: [
            {
              name: 'update_plan',
              arguments: { plan: [{ step: 'Read greet.sh', status: 'in_progress' }, { step: 'Fix the typo', status: 'pending' }, { step: 'Run it', status: 'pending' }] },
            },
          ],
        },
      },
      { reply: { toolCalls: [{ name: 'shell', arguments: { command: `cat ${GREET}` } }] } },
      { reply: { toolCalls: [{ name: 'apply_patch', arguments: { input: PATCH } }] } },
      {
        reply: {
          toolCalls: [
            {
              name: 'update_plan',
              arguments: { plan: [{ step: 'Read greet.sh', status: 'completed' }, { step: 'Fix the typo', status: 'completed' }, { step: 'Run it', status: 'in_progress' }] },
            },
          ],
        },
      },
      { reply: { toolCalls: [{ name: 'shell', arguments: { command: `bash ${GREET}` } }] } },
      {
        reply: {
          text: 'Fixed the typo in `greet.sh`:\n\n- **Before:** `Helo, wrold`\n- **After:** `Hello, world`\n\nCheck it with:\n\n```sh\nbash greet.sh\n```',
          usage: { inputTokens: 1200, outputTokens: 60 },
        },
      },
    ]);

    await composer().fill('Fix the greeting in greet.sh');
    await composer().press('Enter');

    const items = conversation();
    await items.getByRole('article', { name: 'Your message' }).getByText('Fix the greeting in greet.sh').waitFor();
    // The answer arrives last; by then every step is on screen.
    const answer = items.getByRole('article', { name: 'Tandem’s message' }).filter({ hasText: 'Fixed the typo' });
    await answer.waitFor();
    await items.getByLabel('Turn done').waitFor();

    const cat = items.getByRole('group', { name: `Command: cat ${GREET}` });
    await expect(cat.locator('summary').textContent()).resolves.toContain('exit 0');
    const run = items.getByRole('group', { name: `Command: bash ${GREET}` });
    await expect(run.locator('summary').textContent()).resolves.toContain('exit 0');
    // Expanding a command shows its output.
    await run.locator('summary').click();
    await run.locator('.agent-output').getByText('Hello, world').waitFor();

    const patch = items.getByRole('group', { name: `File change: Edited ${GREET}` });
    await patch.getByRole('table', { name: `Changes to ${GREET}` }).getByText('+echo "Hello, world"').waitFor();
    await patch.getByText('-echo "Helo, wrold"').waitFor();
    expect(fs.readFileSync(path.join(repo, GREET), 'utf8')).toBe('#!/usr/bin/env bash\necho "Hello, world"\n');

    // The plan shows its latest state; the answer is Markdown (a list, inline code, a code block with Copy).
    const plan = items.getByRole('region', { name: 'Plan' });
    await expect(plan.textContent()).resolves.toContain('2/3 done');
    await items.getByText('Plan updated · 0/3 done').waitFor();
    await answer.locator('li code', { hasText: 'Hello, world' }).waitFor();
    await answer.locator('pre code', { hasText: 'bash greet.sh' }).waitFor();
    await answer.getByRole('button', { name: 'Copy code' }).waitFor();
    // Reasoning is collapsed under its topic.
    await items.locator('.agent-reasoning summary', { hasText: 'Reading the script' }).waitFor();
    expect(await items.locator('.agent-reasoning').first().getAttribute('open')).toBeNull();

    expect(await composer().isDisabled()).toBe(false);
    fake.assertNoViolations();
    fake.assertScriptConsumed();
    await shoot('agent-task');
    // Scrolled up, the conversation stays where the user put it.
    await page.locator('.thread-scroll').hover();
    await page.mouse.wheel(0, -5000);
    await page.waitForTimeout(300);
    await shoot('agent-task-top');
    await page.mouse.wheel(0, 5000);
  });

  it('asks before leaving the sandbox, is approved from the keyboard, and finishes the turn', async () => {
    fake.script([
      {
        reply: {
          toolCalls: [
            {
              name: 'shell',
              arguments: { command: 'echo report > ../report.txt', with_escalated_permissions: true, justification: 'The report goes next to the repository, outside the workspace.' },
            },
          ],
        },
      },
      { reply: { text: 'Wrote `../report.txt`.' } },
    ]);
    await composer().fill('Write a report next to the repo');
    await composer().press('Enter');

    const card = page.getByRole('group', { name: 'Approval needed: run a command' });
    await card.waitFor();
    await card.locator('.approval-reason', { hasText: 'The report goes next to the repository, outside the workspace.' }).waitFor();
    await card.locator('pre', { hasText: 'echo report > ../report.txt' }).waitFor();
    await sidebar().getByRole('treeitem', { name: /Waiting for approval/ }).waitFor();
    await page.getByRole('status').getByText('Waiting for your approval').waitFor();
    await shoot('agent-approval');

    await card.focus();
    await page.keyboard.press('Enter');
    await card.waitFor({ state: 'detached' });
    await conversation().getByRole('article', { name: 'Tandem’s message' }).filter({ hasText: 'Wrote' }).waitFor();
    await expect(conversation().getByLabel('Turn done').count()).resolves.toBe(2);
    const command = conversation().getByRole('group', { name: 'Command: echo report > ../report.txt' });
    await expect(command.locator('summary').textContent()).resolves.toMatch(/outside sandbox.*exit 0/);
    expect(fs.readFileSync(path.join(repo, '..', 'report.txt'), 'utf8')).toBe('report\n');
    await sidebar().getByRole('treeitem', { name: /Waiting for approval|Running/ }).waitFor({ state: 'detached' });
    fake.assertNoViolations();
    fake.assertScriptConsumed();
  });

  it('reopens the thread after a reload exactly as it was', async () => {
    await page.reload();
    const items = conversation();
    await items.getByRole('article', { name: 'Tandem’s message' }).filter({ hasText: 'Wrote' }).waitFor();
    await items.getByRole('group', { name: `Command: bash ${GREET}` }).waitFor();
    await items.getByRole('group', { name: `File change: Edited ${GREET}` }).getByText('+echo "Hello, world"').waitFor();
    expect(await page.getByRole('group', { name: /Approval needed/ }).count()).toBe(0);
    problems.assertNone();
  });
});
