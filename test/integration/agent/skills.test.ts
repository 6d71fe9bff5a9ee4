// Skills end to end with the real agent, real sandboxed shell and the fake model server: the skill list and
// an invoked skill's full text reach the model; a script the agent runs successfully twice is offered as a
// skill, and saving it writes a SKILL.md folder into the repository that the next turn's agent sees.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SkillCandidate } from '../../../shared/contract';
import { SkillsService } from '../../../electron/core/agent/skills/skills-service';
import { startFakeOpenAI, type FakeOpenAIServer } from '../../support/fake-openai';
import { AgentHarness } from './support/agent-harness';

const CTX = { clientId: 'test' };
let fake: FakeOpenAIServer;
let harness: AgentHarness | null = null;
let skills: SkillsService | null = null;

beforeAll(async () => {
  fake = await startFakeOpenAI();
  return () => fake.close();
});

afterEach(async () => {
  skills?.dispose();
  skills = null;
  await harness?.close();
  harness = null;
  fake.assertNoViolations();
  fake.reset();
});

const instructionsOf = (i: number) => (fake.requests[i]!.body as { instructions: string }).instructions;

describe('skills reach the model', () => {
  it('lists every skill by name and description, and sends the full text of one invoked with $name', async () => {
    const h = (harness = AgentHarness.start({
      fake,
      wireApi: 'responses',
      files: {
        'README.md': '# demo\n',
        '.agents/skills/changelog/SKILL.md': '---\nname: changelog\ndescription: Write the CHANGELOG entry for a change.\n---\n\nUse Keep a Changelog headings; one line per change; link the PR.\n',
      },
    }));
    fs.mkdirSync(path.join(h.home, '.agents/skills/standup'), { recursive: true });
    fs.writeFileSync(path.join(h.home, '.agents/skills/standup/SKILL.md'), '---\nname: standup\ndescription: Summarise yesterday\'s commits for the standup.\n---\n\nRun git log --since=yesterday.\n');
    fake.script([{ reply: { text: 'Noted.' } }, { reply: { text: 'Entry written.' } }]);

    await h.run('What can you do?');
    const first = instructionsOf(0);
    expect(first).toContain('# Skills');
    expect(first).toContain(`- changelog: Write the CHANGELOG entry for a change. (file: ${path.join(h.repo, '.agents/skills/changelog/SKILL.md')})`);
    expect(first).toContain("- standup: Summarise yesterday's commits for the standup.");
    expect(first).not.toContain('Keep a Changelog headings'); // only the list, not the bodies

    await h.run('Use $changelog for the fix I just made');
    const second = instructionsOf(1);
    expect(second).toContain('# Skills the user invoked for this request');
    expect(second).toContain('Use Keep a Changelog headings; one line per change; link the PR.');
    expect(second).not.toContain('Run git log --since=yesterday.');
  });
});

const SCRIPT = (pattern: string) => `node - <<'EOF'
// List source files mentioning a word
const fs = require('fs');
const hits = fs.readdirSync('.').filter((f) => f.endsWith('.md') && fs.readFileSync(f, 'utf8').includes('${pattern}'));
console.log(hits.join('\\n') || 'none');
EOF`;

describe('save as skill', () => {
  it('offers a script run successfully twice, saves it into .agents/skills, and the next turn sees it', async () => {
    const h = (harness = AgentHarness.start({ fake, wireApi: 'responses' }));
    skills = new SkillsService({ store: h.store, events: h.events, homeDir: h.home });
    const handlers = skills.handlers();
    fake.script([
      { reply: { toolCalls: [{ name: 'shell', arguments: { command: SCRIPT('demo') } }] } },
      { reply: { toolCalls: [{ name: 'shell', arguments: { command: SCRIPT('nothing-here') } }] } },
      { reply: { text: 'README.md mentions demo.' } },
    ]);
    await h.run('Which markdown files mention demo?', { sandbox: 'workspace-write', approvalPolicy: 'never' });
    const runs = h.items().filter((i) => i.type === 'commandExecution');
    expect(runs.map((r) => r.type === 'commandExecution' && [r.exitCode, r.output.trim()])).toEqual([
      [0, 'README.md'],
      [0, 'none'],
    ]);

    const offered = await h.waitForEvent<{ threadId: string; candidates: SkillCandidate[] }>('skills.candidates');
    expect(offered.candidates).toHaveLength(1);
    const candidate = offered.candidates[0]!;
    expect(candidate).toMatchObject({ name: 'list-source-files-mentioning', runner: 'node', runs: 2, description: 'List source files mentioning a word.' });
    expect(await handlers['skills.candidates']({ threadId: h.threadId }, CTX)).toEqual([candidate]);

    const saved = await handlers['skills.save']({ threadId: h.threadId, candidateId: candidate.id, name: 'find-mentions', description: 'Find markdown files that mention a word.', notes: 'Pass the word by editing the script.' }, CTX);
    const dir = path.join(h.repo, '.agents/skills/find-mentions');
    expect(saved).toMatchObject({ name: 'find-mentions', scope: 'repo', path: path.join(dir, 'SKILL.md'), description: 'Find markdown files that mention a word.' });
    const skillText = fs.readFileSync(path.join(dir, 'SKILL.md'), 'utf8');
    expect(skillText).toMatch(/^---\nname: find-mentions\ndescription: Find markdown files that mention a word\.\n---\n/);
    expect(skillText).toContain('node .agents/skills/find-mentions/scripts/list-source-files-mentioning.cjs');
    expect(skillText).toContain('Pass the word by editing the script.');
    // The saved script runs as the skill says, from the repository root.
    const out = execFileSync('node', ['.agents/skills/find-mentions/scripts/list-source-files-mentioning.cjs'], { cwd: h.repo, encoding: 'utf8' });
    expect(out.trim()).toBe('none');
    // It is part of the repository's changes, for teammates to get with the code.
    expect(execFileSync('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: h.repo, encoding: 'utf8' })).toContain('.agents/skills/find-mentions/SKILL.md');

    // Offered once: saved candidates are no longer offered, and saving twice is refused plainly.
    expect(await handlers['skills.candidates']({ threadId: h.threadId }, CTX)).toEqual([]);
    await expect(handlers['skills.save']({ threadId: h.threadId, candidateId: candidate.id, name: 'find-mentions', description: 'x' }, CTX)).rejects.toThrow(/no longer offered/);

    const listed = await handlers['skills.list']({ threadId: h.threadId }, CTX);
    expect(listed.skills.map((s) => s.name)).toEqual(['find-mentions']);
    fake.script([{ reply: { text: 'ok' } }]);
    await h.run('Thanks');
    expect(instructionsOf(3)).toContain('- find-mentions: Find markdown files that mention a word.');
  });

  it('a dismissed offer stays dismissed; a name already taken is refused without touching the skill', async () => {
    const h = (harness = AgentHarness.start({ fake, wireApi: 'chat', files: { 'README.md': '# demo\n', '.agents/skills/find-mentions/SKILL.md': '---\nname: find-mentions\ndescription: Existing.\n---\n' } }));
    skills = new SkillsService({ store: h.store, events: h.events, homeDir: h.home });
    const handlers = skills.handlers();
    fake.script([
      { reply: { toolCalls: [{ name: 'shell', arguments: { command: SCRIPT('a') } }] } },
      { reply: { toolCalls: [{ name: 'shell', arguments: { command: SCRIPT('b') } }] } },
      { reply: { text: 'done' } },
    ]);
    await h.run('Look twice', { sandbox: 'workspace-write', approvalPolicy: 'never' });
    const [candidate] = await handlers['skills.candidates']({ threadId: h.threadId }, CTX);
    await expect(handlers['skills.save']({ threadId: h.threadId, candidateId: candidate!.id, name: 'find-mentions', description: 'New.' }, CTX)).rejects.toThrow(/already exists/);
    expect(fs.readFileSync(path.join(h.repo, '.agents/skills/find-mentions/SKILL.md'), 'utf8')).toContain('Existing.');
    expect(fs.readdirSync(path.join(h.repo, '.agents/skills'))).toEqual(['find-mentions']); // no staging folder left

    expect(await handlers['skills.dismissCandidate']({ threadId: h.threadId, candidateId: candidate!.id }, CTX)).toEqual({ dismissed: true });
    expect(await handlers['skills.candidates']({ threadId: h.threadId }, CTX)).toEqual([]);
  });
});
