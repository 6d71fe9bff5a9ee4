/**
 * Skills: folders holding a `SKILL.md` (YAML front matter with `name` and `description`, then Markdown
 * instructions, maybe scripts beside it) that teach the agent one way of working. Found, in order of
 * precedence (a name found earlier hides the same name later):
 *   1. the repository's `.agents/skills`, then its `.codex/skills` (read for compatibility with Codex);
 *   2. the user's `~/.agents/skills`, then `~/.codex/skills`.
 * Only names and descriptions go into every request; the model opens a skill's file when it needs it.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import yaml from 'js-yaml';
import { foldersFromRootTo } from '../instructions/agents-md';
import type { Skill, SkillProblem, SkillScope } from '../../../../shared/contract/skills';

export const SKILL_FILE = 'SKILL.md';
/** Skill folders may be grouped one or two levels deep (`skills/team/deploy/SKILL.md`). */
const MAX_DEPTH = 3;
/** A SKILL.md larger than this is not a skill but a book: refused with a problem. */
export const MAX_SKILL_BYTES = 256 * 1024;
export const MAX_NAME_LENGTH = 64;
export const MAX_DESCRIPTION_LENGTH = 1024;
/** Names as Codex and the Agent Skills format write them: lower-case words joined by - or _. */
export const SKILL_NAME = /^[a-z0-9][a-z0-9_-]*$/;

export interface SkillRoot {
  dir: string;
  scope: SkillScope;
}

export interface SkillDiscovery {
  skills: Skill[];
  /** SKILL.md files that could not be used, with why. */
  problems: SkillProblem[];
}

/** The folders searched for `cwd`, in precedence order. */
export async function skillRoots(cwd: string, homeDir = os.homedir()): Promise<SkillRoot[]> {
  const chain = await foldersFromRootTo(path.resolve(cwd));
  const repoRoot = chain[0] ?? path.resolve(cwd);
  return [
    { dir: path.join(repoRoot, '.agents', 'skills'), scope: 'repo' },
    { dir: path.join(repoRoot, '.codex', 'skills'), scope: 'repo' },
    { dir: path.join(homeDir, '.agents', 'skills'), scope: 'user' },
    { dir: path.join(homeDir, '.codex', 'skills'), scope: 'user' },
  ];
}

export async function discoverSkills(options: { cwd: string; homeDir?: string }): Promise<SkillDiscovery> {
  const skills: Skill[] = [];
  const problems: SkillProblem[] = [];
  const seen = new Set<string>();
  const roots = await skillRoots(options.cwd, options.homeDir);
  const searched = new Set<string>();
  for (const root of roots) {
    // The home folder may be the repository (a dotfiles repo): do not list a folder twice.
    if (searched.has(root.dir)) continue;
    searched.add(root.dir);
    for (const file of await findSkillFiles(root.dir, MAX_DEPTH)) {
      const parsed = await readSkill(file, root.scope);
      if ('problem' in parsed) {
        problems.push(parsed.problem);
        continue;
      }
      if (seen.has(parsed.skill.name)) continue;
      seen.add(parsed.skill.name);
      skills.push(parsed.skill);
    }
  }
  skills.sort((a, b) => a.name.localeCompare(b.name));
  return { skills, problems };
}

/** Reads and checks one SKILL.md. */
export async function readSkill(file: string, scope: SkillScope): Promise<{ skill: Skill } | { problem: SkillProblem }> {
  const fail = (message: string) => ({ problem: { path: file, message } });
  let text: string;
  try {
    const info = await fs.stat(file);
    if (info.size > MAX_SKILL_BYTES) return fail(`${SKILL_FILE} is ${info.size} bytes; a skill must stay under ${MAX_SKILL_BYTES} bytes`);
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    return fail(`could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  const front = parseFrontMatter(text);
  if ('error' in front) return fail(front.error);
  const { name, description } = front.fields;
  if (typeof name !== 'string' || name.trim() === '') return fail('the front matter has no `name`');
  if (typeof description !== 'string' || description.trim() === '') return fail('the front matter has no `description`');
  const cleanName = name.trim();
  if (cleanName.length > MAX_NAME_LENGTH || !SKILL_NAME.test(cleanName)) {
    return fail(`the name "${cleanName.slice(0, 80)}" must be lower-case letters, digits, - or _, at most ${MAX_NAME_LENGTH} characters`);
  }
  const cleanDescription = description.trim().replace(/\s+/g, ' ');
  if (cleanDescription.length > MAX_DESCRIPTION_LENGTH) return fail(`the description is longer than ${MAX_DESCRIPTION_LENGTH} characters`);
  return { skill: { name: cleanName, description: cleanDescription, path: file, dir: path.dirname(file), scope } };
}

export type FrontMatter = { fields: Record<string, unknown>; body: string } | { error: string };

/** Splits `---\n<yaml>\n---\n<body>`; a file without front matter is an error (a skill must say what it is). */
export function parseFrontMatter(text: string): FrontMatter {
  const normalized = text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
  const match = /^---\n([\s\S]*?)\n---[ \t]*(?:\n|$)/.exec(normalized);
  if (!match) return { error: 'it does not start with YAML front matter (--- name: … description: … ---)' };
  let fields: unknown;
  try {
    fields = yaml.load(match[1] ?? '', { schema: yaml.JSON_SCHEMA });
  } catch (error) {
    // Hand-written skills often say `description: Cut a release: changelog, tag` without quotes, which
    // strict YAML refuses. Read such simple `key: rest of the line` files as their authors meant them.
    fields = plainFields(match[1] ?? '');
    if (!fields) {
      const reason = error instanceof yaml.YAMLException ? error.reason : String(error);
      return { error: `its front matter is not valid YAML: ${reason}` };
    }
  }
  if (fields === null || typeof fields !== 'object' || Array.isArray(fields)) return { error: 'its front matter is not a mapping of fields' };
  return { fields: fields as Record<string, unknown>, body: normalized.slice(match[0].length) };
}

/** `key: value` lines (indented lines continue the value), or null when the text is not that simple. */
function plainFields(text: string): Record<string, string> | null {
  const fields: Record<string, string> = {};
  let last: string | null = null;
  for (const line of text.split('\n')) {
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const field = /^([A-Za-z_][\w-]*):(?:\s+(.*))?$/.exec(line);
    if (field?.[1]) {
      last = field[1];
      fields[last] = (field[2] ?? '').trim();
    } else if (last && /^\s/.test(line)) {
      fields[last] = `${fields[last]} ${line.trim()}`.trim();
    } else {
      return null;
    }
  }
  return last ? fields : null;
}

/** SKILL.md files under `dir`, at most `depth` folders down, in a stable order. */
async function findSkillFiles(dir: string, depth: number): Promise<string[]> {
  let entries;
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const found: string[] = [];
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    const folder = path.join(dir, entry.name);
    const file = path.join(folder, SKILL_FILE);
    if (await isFile(file)) found.push(file);
    else if (depth > 1) found.push(...(await findSkillFiles(folder, depth - 1)));
  }
  return found;
}

async function isFile(p: string): Promise<boolean> {
  try {
    return (await fs.stat(p)).isFile();
  } catch {
    return false;
  }
}
