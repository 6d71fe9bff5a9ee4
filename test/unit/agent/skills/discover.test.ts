import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import yaml from 'js-yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { discoverSkills, parseFrontMatter } from '../../../../electron/core/agent/skills/discover';
import { formatInvokedSkills, formatSkillList, mentionedSkills, readInvokedSkills } from '../../../../electron/core/agent/skills/prompt';
import { renderSkillFile } from '../../../../electron/core/agent/skills/skill-file';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function tree(files: Record<string, string>): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-skills-')));
  dirs.push(root);
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  return root;
}

const skill = (name: string, description: string, body = 'Do the thing.\n') => `---\nname: ${name}\ndescription: ${description}\n---\n\n${body}`;

describe('discovering skills', () => {
  it('finds repo skills (.agents then .codex) and user skills, repo names hiding user ones, nested folders too', async () => {
    const root = tree({
      'repo/.git/HEAD': 'ref: refs/heads/main\n',
      'repo/.agents/skills/deploy/SKILL.md': skill('deploy', 'Deploy the service to staging.'),
      'repo/.codex/skills/release/SKILL.md': skill('release', 'Cut a release: changelog, tag, notes.'),
      'repo/.agents/skills/db/migrate/SKILL.md': skill('migrate', '"Run migrations: up, down, status."'),
      'repo/src/app.ts': '',
      'home/.agents/skills/deploy/SKILL.md': skill('deploy', 'The user version (hidden by the repo one).'),
      'home/.codex/skills/notes/SKILL.md': skill('notes', 'Write meeting notes.'),
    });
    const { skills, problems } = await discoverSkills({ cwd: path.join(root, 'repo/src'), homeDir: path.join(root, 'home') });
    expect(problems).toEqual([]);
    expect(skills.map((s) => [s.name, s.scope, s.description])).toEqual([
      ['deploy', 'repo', 'Deploy the service to staging.'],
      ['migrate', 'repo', 'Run migrations: up, down, status.'],
      ['notes', 'user', 'Write meeting notes.'],
      ['release', 'repo', 'Cut a release: changelog, tag, notes.'],
    ]);
    expect(skills[0]!.path).toBe(path.join(root, 'repo/.agents/skills/deploy/SKILL.md'));
  });

  it('reports broken skills with why, and keeps the good ones', async () => {
    const root = tree({
      'repo/.git/HEAD': '',
      'repo/.agents/skills/a/SKILL.md': 'no front matter here\n',
      'repo/.agents/skills/b/SKILL.md': '---\nname: b\n---\nbody\n',
      'repo/.agents/skills/c/SKILL.md': '---\nname: Bad Name\ndescription: x\n---\n',
      'repo/.agents/skills/d/SKILL.md': '---\nname: [unclosed\n  - description\n- x\n---\n',
      'repo/.agents/skills/e/SKILL.md': skill('good', 'Works.'),
    });
    const { skills, problems } = await discoverSkills({ cwd: path.join(root, 'repo'), homeDir: path.join(root, 'nohome') });
    expect(skills.map((s) => s.name)).toEqual(['good']);
    expect(problems.map((p) => [path.basename(path.dirname(p.path)), p.message])).toEqual([
      ['a', expect.stringMatching(/does not start with YAML front matter/)],
      ['b', expect.stringMatching(/no `description`/)],
      ['c', expect.stringMatching(/lower-case letters/)],
      ['d', expect.stringMatching(/not valid YAML/)],
    ]);
  });

  it('reads folded and quoted YAML descriptions, and CRLF files', () => {
    const parsed = parseFrontMatter('---\r\nname: x\r\ndescription: >\r\n  Two lines\r\n  folded.\r\n---\r\nBody\r\n');
    expect(parsed).toEqual({ fields: { name: 'x', description: 'Two lines folded.\n' }, body: 'Body\n' });
  });
});

describe('what the model is told', () => {
  it('lists names, descriptions and files, and includes the full text of skills invoked with $name', async () => {
    const root = tree({ 'repo/.git/HEAD': '', 'repo/.agents/skills/deploy/SKILL.md': skill('deploy', 'Deploy to staging.', 'Run ./deploy.sh staging, then check /health.\n') });
    const { skills } = await discoverSkills({ cwd: path.join(root, 'repo'), homeDir: root });
    const list = formatSkillList(skills);
    expect(list).toContain(`- deploy: Deploy to staging. (file: ${skills[0]!.path})`);
    expect(list).not.toContain('deploy.sh');

    expect(mentionedSkills('please $deploy it, not $unknown; cost is US$5', skills).map((s) => s.name)).toEqual(['deploy']);
    expect(mentionedSkills('email me at a$deploy', skills)).toEqual([]);
    const invoked = formatInvokedSkills(await readInvokedSkills(mentionedSkills('$deploy', skills)));
    expect(invoked).toContain('## Skill $deploy');
    expect(invoked).toContain('Run ./deploy.sh staging, then check /health.');
  });

  it('writes a SKILL.md whose front matter survives awkward descriptions', () => {
    const text = renderSkillFile({
      name: 'gen-fixtures',
      description: 'Regenerate fixtures: run after changing the schema # not a comment',
      notes: '',
      runner: 'python3',
      scriptPath: '.agents/skills/gen-fixtures/scripts/gen.py',
      commands: ['python3 - <<EOF\nprint("```")\nEOF'],
      runs: 3,
      threadTitle: 'Fix fixtures',
    });
    const front = parseFrontMatter(text);
    expect(front).toMatchObject({ fields: { name: 'gen-fixtures', description: 'Regenerate fixtures: run after changing the schema # not a comment' } });
    expect(text).toContain('python3 .agents/skills/gen-fixtures/scripts/gen.py');
    expect(text).toContain('````bash'); // a fence longer than the backticks inside
    expect(yaml.load(text.split('---')[1]!)).toBeTruthy();
  });
});
