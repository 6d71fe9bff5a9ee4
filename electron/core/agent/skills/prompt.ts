/**
 * What the model is told about skills. Every request lists each skill's name, description and file (a few
 * hundred bytes per skill, not the whole file); the model reads a SKILL.md when a task matches it. When the
 * user writes `$name` in their message, that skill's full text is included for the turn.
 */
import fs from 'node:fs/promises';
import type { Skill } from '../../../../shared/contract/skills';

/** Budget of the listing in the instructions; skills past it are named without their description. */
export const SKILL_LIST_MAX_CHARS = 8_000;
/** Budget for one invoked skill's full text. */
export const INVOKED_SKILL_MAX_CHARS = 32_000;

export function formatSkillList(skills: readonly Skill[]): string {
  if (skills.length === 0) return '';
  const lines: string[] = [];
  let used = 0;
  for (const skill of skills) {
    const full = `- ${skill.name}: ${skill.description} (file: ${skill.path})`;
    const line = used + full.length <= SKILL_LIST_MAX_CHARS ? full : `- ${skill.name} (file: ${skill.path})`;
    used += line.length + 1;
    lines.push(line);
  }
  return [
    '# Skills',
    '',
    'A skill is a folder with a SKILL.md that explains how this team does one kind of task, often with scripts beside it. These are available:',
    '',
    ...lines,
    '',
    "When a task matches a skill's description, read its SKILL.md first (for example `sed -n '1,200p' FILE`) and follow it; paths in it are relative to the skill's folder. Do not read skills that do not apply. When the user writes `$name`, they are asking you to use that skill; its full text is then included below.",
  ].join('\n');
}

/** Skills named as `$name` in the user's text, in order of first mention. */
export function mentionedSkills(text: string, skills: readonly Skill[]): Skill[] {
  const byName = new Map(skills.map((s) => [s.name, s]));
  const found: Skill[] = [];
  for (const match of text.matchAll(/(^|[^\w$])\$([a-z0-9][a-z0-9_-]*)/g)) {
    const skill = byName.get(match[2] ?? '');
    if (skill && !found.includes(skill)) found.push(skill);
  }
  return found;
}

export interface InvokedSkill {
  skill: Skill;
  text: string;
  truncated: boolean;
}

/** Reads the full SKILL.md of each invoked skill (capped); a file gone since discovery is skipped. */
export async function readInvokedSkills(skills: readonly Skill[]): Promise<InvokedSkill[]> {
  const out: InvokedSkill[] = [];
  for (const skill of skills) {
    let text: string;
    try {
      text = await fs.readFile(skill.path, 'utf8');
    } catch {
      continue;
    }
    const truncated = text.length > INVOKED_SKILL_MAX_CHARS;
    out.push({ skill, text: truncated ? text.slice(0, INVOKED_SKILL_MAX_CHARS) : text, truncated });
  }
  return out;
}

export function formatInvokedSkills(invoked: readonly InvokedSkill[]): string {
  if (invoked.length === 0) return '';
  const sections = invoked.map(({ skill, text, truncated }) => {
    const note = truncated ? `\n\n[Truncated at ${INVOKED_SKILL_MAX_CHARS} characters; read ${skill.path} for the rest.]` : '';
    return `## Skill $${skill.name} (${skill.path})\n\n${text.trimEnd()}${note}`;
  });
  return `# Skills the user invoked for this request\n\n${sections.join('\n\n')}`;
}
