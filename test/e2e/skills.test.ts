/**
 * Skills in the main window, in Chromium against the built `tandem serve` and the scripted fake model:
 * `$` in the message box lists the repository's skills and Tab inserts one; the invoked skill's text
 * reaches the model; after the agent ran the same script twice, the thread offers "Save as skill", and
 * saving writes the SKILL.md folder into the repository.
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
import { addFolder, newThread, openConnected, saveModel } from './main-window-steps';
import { watchPage, type PageProblems } from './page-watch';

const KEY = 'sk-skills-e2e-key-9876';
const SCRIPT = (word: string) => `node - <<'EOF'
// Count lines mentioning a word in the README
const fs = require('fs');
const lines = fs.readFileSync('README.md', 'utf8').split('\\n').filter((l) => l.includes('${word}'));
console.log(lines.length);
EOF`;

let fake: FakeOpenAIServer;
let app: ServedApp;
let browser: TestBrowser;
let page: Page;
let problems: PageProblems;
let temp: { dir: string; cleanup(): void };
let repo: string;
const shots = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-skills-shots-'));

beforeAll(async () => {
  temp = makeTempDir('tandem-e2e-skills-');
  repo = makeGitRepo(temp.dir, 'skills-app');
  fs.mkdirSync(path.join(repo, '.agents/skills/deploy'), { recursive: true });
  fs.writeFileSync(path.join(repo, '.agents/skills/deploy/SKILL.md'), '---\nname: deploy\ndescription: Deploy the app to staging and check its health.\n---\n\nRun ./deploy.sh staging, then curl /health.\n');
  fake = await startFakeOpenAI({ apiKey: KEY });
  app = await startServe({ env: { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: fake.baseUrl } });
  browser = await launchBrowser({ colorScheme: 'dark' });
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

describe('skills in the main window', () => {
  it('offers skills after $ and sends the invoked one to the model', async () => {
    await openConnected(page, app.url);
    await saveModel(page, 'gpt-5-mini');
    await addFolder(page, repo, /skills-app/);
    await newThread(page);

    await composer().click();
    await page.keyboard.type('Please $dep');
    const menu = page.getByRole('listbox', { name: 'Skills' });
    await menu.getByRole('option', { name: /\$deploy.*Deploy the app to staging/ }).waitFor();
    await page.screenshot({ path: path.join(shots, 'skill-menu-dark.png') });
    await page.keyboard.press('Tab');
    await menu.waitFor({ state: 'detached' });
    expect(await composer().inputValue()).toBe('Please $deploy ');

    fake.script([
      { reply: { toolCalls: [{ name: 'shell', arguments: { command: SCRIPT('demo') } }] } },
      { reply: { toolCalls: [{ name: 'shell', arguments: { command: SCRIPT('skills') } }] } },
      { reply: { text: 'Counted both words.' } },
    ]);
    await page.keyboard.type('after counting README lines');
    await page.keyboard.press('Enter');
    await page.getByRole('list', { name: 'Thread items' }).getByLabel('Turn done').waitFor();
    // Whichever API the server speaks, the skill's text went out with the turn's first model request.
    const firstTurnRequest = fake.requests.find((r) => r.path.endsWith('/responses') || r.path.endsWith('/chat/completions'));
    const instructions = JSON.stringify(firstTurnRequest!.body);
    expect(instructions).toContain('Run ./deploy.sh staging, then curl /health.');
    expect(instructions).toContain('# Skills the user invoked for this request');
  });

  it('offers to save the repeated script as a skill and writes it into the repository', async () => {
    const offer = page.getByRole('region', { name: 'Save as skill' });
    await offer.getByText(/wrote a node script and ran it 2 times/).waitFor();
    await offer.getByRole('button', { name: 'Save as skill…' }).click();
    const name = offer.getByRole('textbox', { name: 'Name' });
    expect(await name.inputValue()).toBe('count-lines-mentioning-a');
    await name.fill('count-readme-mentions');
    await page.screenshot({ path: path.join(shots, 'skill-save-dark.png') });
    await offer.getByRole('button', { name: 'Save skill' }).click();
    await page.getByText(/Saved the skill to .*count-readme-mentions\/SKILL\.md/).waitFor();
    await offer.waitFor({ state: 'detached' });

    const skillFile = path.join(repo, '.agents/skills/count-readme-mentions/SKILL.md');
    expect(fs.readFileSync(skillFile, 'utf8')).toContain('node .agents/skills/count-readme-mentions/scripts/count-lines-mentioning-a.cjs');
    // The new skill is offered after $ straight away.
    await composer().click();
    await page.keyboard.type('$count');
    await page.getByRole('listbox', { name: 'Skills' }).getByRole('option', { name: /\$count-readme-mentions/ }).waitFor();
    problems.assertNone();
  });
});
