/*
 * "Always allow this command prefix" from an approval card: a rule appended to the user's rules file.
 * Written atomically (a temp file in the same folder, then rename), one write at a time per file, and
 * never over a file that does not parse — the user's hand edits are not ours to discard.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { RULES_FILE_VERSION, RulesFileSchema, type RuleDecision } from './rules';

export interface NewRule {
  prefix: string[];
  decision?: RuleDecision;
  reason?: string;
}

const queues = new Map<string, Promise<unknown>>();

/** Appends the rule unless the same prefix and decision is there already. Resolves to whether it was added. */
export function appendUserRule(file: string, rule: NewRule): Promise<boolean> {
  if (rule.prefix.length === 0 || rule.prefix.some((word) => word === '')) {
    return Promise.reject(new Error('A rule needs a prefix of one or more non-empty words.'));
  }
  const previous = queues.get(file) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(() => appendNow(file, rule));
  queues.set(file, next);
  void next.finally(() => {
    if (queues.get(file) === next) queues.delete(file);
  }).catch(() => undefined);
  return next;
}

async function appendNow(file: string, rule: NewRule): Promise<boolean> {
  const decision = rule.decision ?? 'allow';
  let document: { version?: number; rules: unknown[] } & Record<string, unknown>;
  let text: string | null = null;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`Could not read ${file}: ${(error as Error).message}`);
  }
  if (text === null) {
    document = { version: RULES_FILE_VERSION, rules: [] };
  } else {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new Error(`${file} is not valid JSON (${(error as Error).message}); fix it before Tandem adds rules to it.`);
    }
    const checked = RulesFileSchema.safeParse(json);
    if (!checked.success) throw new Error(`${file} is not a valid rules file; fix it before Tandem adds rules to it.`);
    // Keep the user's own spelling of existing rules (string prefixes stay strings).
    document = json as typeof document;
    const exists = checked.data.rules.some((r) => r.decision === decision && sameWords(r.prefix, rule.prefix));
    if (exists) return false;
  }

  document.rules.push({ prefix: rule.prefix, decision, ...(rule.reason ? { reason: rule.reason } : {}) });
  await writeAtomically(file, `${JSON.stringify(document, null, 2)}\n`);
  return true;
}

async function writeAtomically(file: string, content: string): Promise<void> {
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(content, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

function sameWords(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((word, i) => word === b[i]);
}
