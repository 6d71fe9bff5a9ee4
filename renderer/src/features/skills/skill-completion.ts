/**
 * `$name` completion in the message box: which `$word` the caret is in, which skills match it, and the
 * text after choosing one. Pure, so it is unit-tested without a browser.
 */
import type { Skill } from '../../../../shared/contract';

export interface SkillQuery {
  /** Where the `$` is. */
  start: number;
  /** The caret. */
  end: number;
  /** What was typed after `$`. */
  prefix: string;
}

/** The `$word` ending at the caret, or null (a `$` inside a word, like `US$5`, is not a skill). */
export function skillQueryAt(text: string, caret: number): SkillQuery | null {
  const before = text.slice(0, caret);
  const match = /(^|[^\w$])\$([a-z0-9_-]*)$/.exec(before);
  if (!match) return null;
  const prefix = match[2] ?? '';
  return { start: caret - prefix.length - 1, end: caret, prefix };
}

/** Skills whose name starts with the prefix first, then those that contain it, at most `limit`. */
export function matchSkills(skills: readonly Skill[], prefix: string, limit = 8): Skill[] {
  const p = prefix.toLowerCase();
  const starts = skills.filter((s) => s.name.startsWith(p));
  const contains = skills.filter((s) => !s.name.startsWith(p) && (s.name.includes(p) || s.description.toLowerCase().includes(p)));
  return [...starts, ...contains].slice(0, limit);
}

/** The text with the query replaced by `$name ` and where the caret goes. */
export function insertSkill(text: string, query: SkillQuery, name: string): { text: string; caret: number } {
  const inserted = `$${name} `;
  const rest = text.slice(query.end).replace(/^[a-z0-9_-]*/, '').replace(/^ /, '');
  return { text: text.slice(0, query.start) + inserted + rest, caret: query.start + inserted.length };
}
