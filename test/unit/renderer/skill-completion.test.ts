import { describe, expect, it } from 'vitest';
import type { Skill } from '../../../shared/contract';
import { insertSkill, matchSkills, skillQueryAt } from '../../../renderer/src/features/skills/skill-completion';

const skill = (name: string, description = ''): Skill => ({ name, description, path: `/r/.agents/skills/${name}/SKILL.md`, dir: `/r/.agents/skills/${name}`, scope: 'repo' });
const skills = [skill('deploy', 'Ship to staging'), skill('db-migrate', 'Run database migrations'), skill('changelog', 'Write the entry')];

describe('$name completion', () => {
  it('finds the $word at the caret, not a $ inside a word', () => {
    expect(skillQueryAt('use $dep', 8)).toEqual({ start: 4, end: 8, prefix: 'dep' });
    expect(skillQueryAt('$', 1)).toEqual({ start: 0, end: 1, prefix: '' });
    expect(skillQueryAt('costs US$5', 10)).toBeNull();
    expect(skillQueryAt('use $deploy now', 15)).toBeNull();
  });

  it('ranks names starting with the prefix before names or descriptions containing it', () => {
    expect(matchSkills(skills, 'd').map((s) => s.name)).toEqual(['deploy', 'db-migrate']);
    expect(matchSkills(skills, 'migr').map((s) => s.name)).toEqual(['db-migrate']);
    expect(matchSkills(skills, 'entry').map((s) => s.name)).toEqual(['changelog']);
    expect(matchSkills(skills, '').map((s) => s.name)).toEqual(['deploy', 'db-migrate', 'changelog']);
  });

  it('replaces the typed prefix (and the rest of the word) with $name and a space', () => {
    const text = 'please $depl the app';
    const query = skillQueryAt(text, 12)!;
    expect(insertSkill(text, query, 'deploy')).toEqual({ text: 'please $deploy the app', caret: 15 });
    const mid = 'run $dethe app';
    expect(insertSkill(mid, skillQueryAt(mid, 7)!, 'deploy')).toEqual({ text: 'run $deploy app', caret: 12 });
  });
});
