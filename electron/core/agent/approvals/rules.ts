/*
 * Command rules: allow / prompt / forbid by command prefix, from the user's rules file
 * (`<data dir>/rules.json`) and each workspace root's `.tandem/rules.json`. The model has no say:
 * rules come only from these files (the sandbox keeps `.tandem` read-only, the data dir hidden).
 *
 * Precedence is forbid > prompt > allow, whatever file a rule comes from. A repository's allow rules
 * only spare a question for a command that runs inside an enforced sandbox; letting a command leave
 * the sandbox takes the user's own rule (a cloned repository must not be able to grant that).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { basename, reachableArgvs, type CommandAnalysis } from './command-analysis';
import { splitCommandPrefix } from './shell-parse';

export type RuleDecision = 'allow' | 'prompt' | 'forbid';
export type RuleSource = 'user' | 'repo';

export interface CommandRule {
  /** argv-token prefix: ["git", "push"] matches `git push origin main`. */
  prefix: string[];
  decision: RuleDecision;
  /** Shown to the user and the model when the rule decides. */
  reason: string | null;
  source: RuleSource;
  /** The file it came from. */
  file: string;
}

export interface RulesProblem {
  file: string;
  message: string;
}

export interface LoadedRules {
  rules: CommandRule[];
  /** Files that could not be used (they are ignored, not fatal): for a banner in the UI. */
  problems: RulesProblem[];
}

export const RULES_FILE_VERSION = 1;

/** A prefix is a string ("npm test") or a list of words (["npm", "test"]); each mistake gets its own message. */
const PrefixSchema = z.unknown().transform((value, ctx): string[] => {
  const fail = (message: string) => {
    ctx.addIssue({ code: 'custom', message });
    return z.NEVER;
  };
  if (typeof value === 'string') {
    if (value.trim() === '') return fail('a prefix cannot be empty');
    const words = splitCommandPrefix(value.trim());
    return words ?? fail(`"${value}" is not a plain command prefix (no operators, quotes must close, no $ or globs)`);
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return fail('a prefix needs at least one word');
    if (!value.every((word): word is string => typeof word === 'string' && word !== '')) return fail('every word of a prefix must be a non-empty string');
    return value;
  }
  return fail('a prefix is a string ("npm test") or a list of words (["npm", "test"])');
});

const RuleSchema = z
  .object({
    prefix: PrefixSchema,
    decision: z.enum(['allow', 'prompt', 'forbid']),
    reason: z.string().trim().max(500).optional(),
  })
  .strict();

export const RulesFileSchema = z
  .object({
    version: z.literal(RULES_FILE_VERSION).optional(),
    rules: z.array(RuleSchema).max(1000),
  })
  .strict();

export type RulesFile = z.input<typeof RulesFileSchema>;

export function userRulesPath(dataDir: string): string {
  return path.join(dataDir, 'rules.json');
}

export function repoRulesPath(workspaceRoot: string): string {
  return path.join(workspaceRoot, '.tandem', 'rules.json');
}

/** Parses a rules file's text. A broken file yields no rules and a problem that says where. */
export function parseRulesFile(text: string, file: string, source: RuleSource): { rules: CommandRule[]; problem: RulesProblem | null } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { rules: [], problem: { file, message: `${file} is not valid JSON (${(error as Error).message}); its rules are ignored.` } };
  }
  const parsed = RulesFileSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.length ? issue.path.join('.') : '(top level)'}: ${issue.message}`).join('; ');
    return { rules: [], problem: { file, message: `${file} is not a valid rules file (${issues}); its rules are ignored.` } };
  }
  const rules = parsed.data.rules.map((rule) => ({ prefix: rule.prefix, decision: rule.decision, reason: rule.reason ?? null, source, file }));
  return { rules, problem: null };
}

/** Reads one rules file; a missing file is no rules and no problem. */
export async function loadRulesFile(file: string, source: RuleSource): Promise<{ rules: CommandRule[]; problem: RulesProblem | null }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { rules: [], problem: null };
    return { rules: [], problem: { file, message: `${file} could not be read (${(error as Error).message}); its rules are ignored.` } };
  }
  return parseRulesFile(text, file, source);
}

/** The user's rules and every workspace root's, merged. Read fresh each time: the files are small. */
export async function loadRules(options: { userRulesFile: string | null; workspaceRoots: readonly string[] }): Promise<LoadedRules> {
  const sources: Array<[string, RuleSource]> = [];
  if (options.userRulesFile) sources.push([options.userRulesFile, 'user']);
  for (const root of options.workspaceRoots) sources.push([repoRulesPath(root), 'repo']);
  const loaded = await Promise.all(sources.map(([file, source]) => loadRulesFile(file, source)));
  return {
    rules: loaded.flatMap((l) => l.rules),
    problems: loaded.flatMap((l) => (l.problem ? [l.problem] : [])),
  };
}

export interface RuleMatch {
  /** The first forbid rule any reachable command matches. */
  forbid: CommandRule | null;
  /** The first prompt rule any reachable command matches. */
  prompt: CommandRule | null;
  /** Every command of a plain script is allowed by some rule: by user rules alone, or with repo rules. */
  allowed: { byUserRules: boolean; rule: CommandRule } | null;
}

/**
 * Matches the rules against a command. Forbid and prompt rules look at every command the script could
 * reach (nested, wrapped: `env git push`, `bash -c "git push"`) and compare the program by its base
 * name (`/usr/bin/git` is `git`). Allow rules need a plain script whose every command matches exactly
 * as typed, so `./git push` is not `git push`.
 */
export function matchRules(rules: readonly CommandRule[], analysis: CommandAnalysis): RuleMatch {
  const reachable = reachableArgvs(analysis);
  const first = (decision: RuleDecision) =>
    rules.find((rule) => rule.decision === decision && reachable.some((argv) => prefixMatches(rule.prefix, argv, true))) ?? null;

  let allowed: RuleMatch['allowed'] = null;
  if (analysis.plain && analysis.commands.length > 0) {
    const allowRules = rules.filter((rule) => rule.decision === 'allow');
    const perCommand = analysis.commands.map((command) => {
      const argv = command.words.map((w) => w.text);
      if (command.assignments.length > 0 || command.words.some((w) => w.glob || w.expansion)) return [];
      return allowRules.filter((rule) => prefixMatches(rule.prefix, argv, false));
    });
    if (perCommand.every((matches) => matches.length > 0)) {
      const byUserRules = perCommand.every((matches) => matches.some((rule) => rule.source === 'user'));
      const rule = (perCommand[0] as CommandRule[])[0] as CommandRule;
      allowed = { byUserRules, rule };
    }
  }
  return { forbid: first('forbid'), prompt: first('prompt'), allowed };
}

function prefixMatches(prefix: readonly string[], argv: readonly string[], byBaseName: boolean): boolean {
  if (argv.length < prefix.length) return false;
  return prefix.every((word, i) => {
    const arg = argv[i] as string;
    if (i === 0 && byBaseName && !word.includes('/')) return basename(arg) === word;
    return arg === word;
  });
}

/** A rule as written in a file. */
export function describeRule(rule: CommandRule): string {
  return `${rule.decision} ${JSON.stringify(rule.prefix)} (${rule.source === 'user' ? 'your rules' : 'repository rules'}, ${rule.file})`;
}
