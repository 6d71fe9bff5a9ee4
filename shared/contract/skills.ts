/**
 * Skills: `SKILL.md` folders that teach the agent a way of working (docs/skills.md). The agent sees every
 * skill's name and description and opens the file when it needs it; the user invokes one with `$name`.
 * When the agent has written and run the same kind of script successfully more than once, Tandem offers
 * to save it as a skill in the repository, so teammates get it with the code.
 */
import { z } from 'zod';
import { event, method } from './define';

/** repo: the repository's `.agents/skills` (or `.codex/skills`); user: `~/.agents/skills` (or `~/.codex/skills`). */
export type SkillScope = 'repo' | 'user';

export interface Skill {
  name: string;
  /** One line or a few: when to use it. Sent to the model with every request. */
  description: string;
  /** Absolute path of the SKILL.md. */
  path: string;
  /** The skill's folder (scripts and references beside SKILL.md). */
  dir: string;
  scope: SkillScope;
}

/** A SKILL.md that could not be used, and why, so the user can fix it. */
export interface SkillProblem {
  path: string;
  message: string;
}

/** A script the agent wrote and ran successfully more than once in a thread: worth keeping as a skill. */
export interface SkillCandidate {
  /** Stable for the same script in the same thread (used to dismiss the offer). */
  id: string;
  threadId: string;
  /** A suggested skill name (lower-case, dashes). */
  name: string;
  /** A suggested description. */
  description: string;
  /** How the script is run, e.g. `python3` with an inline script, or `scripts/gen.sh`. */
  runner: string;
  /** The script's text as last run successfully. */
  script: string;
  /** The file the agent wrote and ran (absolute), or null for a script given inline in the command. */
  sourceFile: string | null;
  /** File name the script gets inside the skill folder, e.g. `scripts/run.py`. */
  scriptFile: string;
  /** The command lines that ran it, newest last (capped). */
  commands: string[];
  /** Successful runs seen. */
  runs: number;
}

const Id = z.string().min(1).max(200);
const SkillName = z
  .string()
  .trim()
  .min(1, 'Give the skill a name')
  .max(64, 'A skill name has at most 64 characters')
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'Use lower-case letters, digits, - or _ (for example run-migrations)');

export const skillMethods = {
  /** Skills for a thread's folder (or a workspace's), repo skills first; without either, the user's own. */
  'skills.list': method<{ skills: Skill[]; problems: SkillProblem[] }>()(
    z.object({ threadId: Id.optional(), workspaceId: Id.optional() }).strict(),
  ),
  /** Scripts of a thread worth saving as a skill (offers the user dismissed are left out). */
  'skills.candidates': method<SkillCandidate[]>()(z.object({ threadId: Id }).strict()),
  /** Writes `.agents/skills/<name>/SKILL.md` (and the script beside it) in the thread's repository. */
  'skills.save': method<Skill>()(
    z
      .object({
        threadId: Id,
        candidateId: Id,
        name: SkillName,
        description: z.string().trim().min(1, 'Say when the skill should be used').max(1024),
        /** Extra guidance written into SKILL.md under the script's usage. */
        notes: z.string().max(20_000).optional(),
      })
      .strict(),
  ),
  /** Stops offering this candidate. */
  'skills.dismissCandidate': method<{ dismissed: boolean }>()(z.object({ threadId: Id, candidateId: Id }).strict()),
};

export const skillEvents = {
  /** New save-as-skill offers for a thread (after a turn ended with repeated scripts). */
  'skills.candidates': event<{ threadId: string; candidates: SkillCandidate[] }>(),
};
