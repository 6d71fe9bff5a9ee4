/**
 * "Save as skill": finds the scripts the agent wrote and ran successfully more than once in a thread.
 * A script is code the agent wrote, not a one-line command: a here-document fed to an interpreter
 * (`python3 - <<'EOF' … EOF`), an inline program (`node -e '…'`, `bash -c '…'`) of some size, or a file
 * the agent created with apply_patch and then ran. Runs of the same file, or of inline scripts that share
 * most of their words (the agent tends to tweak an argument or two between runs), count as one kind.
 * Pure: items in, candidates out.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { AgentItem, CommandExecutionItem, FileChangeItem } from '../../../../shared/contract';
import type { SkillCandidate } from '../../../../shared/contract/skills';

/** Successful runs needed before offering ("more than once"). */
export const MIN_RUNS = 2;
/** Inline scripts smaller than this are commands, not scripts worth a skill. */
const MIN_INLINE_LINES = 3;
const MIN_INLINE_CHARS = 120;
/** Two inline scripts are the same kind when their word sets overlap this much (Jaccard). */
const SAME_KIND_SIMILARITY = 0.6;
const MAX_COMMANDS_KEPT = 5;

const INTERPRETERS: Record<string, { ext: string; runner: string }> = {
  python: { ext: 'py', runner: 'python3' },
  python3: { ext: 'py', runner: 'python3' },
  // `node -e` and `node - <<EOF` run CommonJS: saved as .cjs, the script means the same in any package.
  node: { ext: 'cjs', runner: 'node' },
  bash: { ext: 'sh', runner: 'bash' },
  sh: { ext: 'sh', runner: 'sh' },
  zsh: { ext: 'zsh', runner: 'zsh' },
  ruby: { ext: 'rb', runner: 'ruby' },
  perl: { ext: 'pl', runner: 'perl' },
  deno: { ext: 'ts', runner: 'deno run' },
  bun: { ext: 'ts', runner: 'bun' },
  tsx: { ext: 'ts', runner: 'npx tsx' },
};
const EXTENSIONS: Record<string, string> = { '.py': 'python3', '.sh': 'bash', '.js': 'node', '.mjs': 'node', '.cjs': 'node', '.ts': 'npx tsx', '.rb': 'ruby', '.pl': 'perl' };

/** One successful run of a script, as recognised in a command line. */
export interface ScriptRun {
  /** `file:<abs path>` for a file the agent wrote; `inline:<interpreter>` for code in the command. */
  key: string;
  runner: string;
  ext: string;
  script: string;
  command: string;
}

interface Group {
  key: string;
  runs: ScriptRun[];
  words: Set<string>;
}

export function findRepeatedScripts(threadId: string, items: readonly AgentItem[]): SkillCandidate[] {
  const written = new Map<string, string>(); // abs path → latest text the agent wrote there
  const groups: Group[] = [];
  for (const item of items) {
    if (item.type === 'fileChange') rememberWrittenFiles(item, written);
    if (item.type !== 'commandExecution' || item.status !== 'completed' || item.exitCode !== 0) continue;
    const run = recogniseScript(item, written);
    if (!run) continue;
    const words = wordSet(run.script);
    const group = run.key.startsWith('file:')
      ? groups.find((g) => g.key === run.key)
      : groups.find((g) => g.key === run.key && jaccard(g.words, words) >= SAME_KIND_SIMILARITY);
    if (group) {
      group.runs.push(run);
      group.words = words; // compare the next run with the latest version
    } else {
      groups.push({ key: run.key, runs: [run], words });
    }
  }
  return groups.filter((g) => g.runs.length >= MIN_RUNS).map((g) => toCandidate(threadId, g));
}

/** The script a successful command ran, or null for an ordinary command. */
export function recogniseScript(item: Pick<CommandExecutionItem, 'command' | 'cwd'>, written: ReadonlyMap<string, string>): ScriptRun | null {
  const command = item.command.replace(/\r\n/g, '\n');
  const heredoc = /^([^\n]*?)<<-?\s*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\2[^\n]*\n([\s\S]*?)\n\3[ \t]*(?:\n([\s\S]*))?$/.exec(command);
  if (heredoc) {
    const head = heredoc[1] ?? '';
    const body = heredoc[4] ?? '';
    const after = (heredoc[5] ?? '').trim();
    // `cat > /tmp/x.py <<'EOF' … EOF` then `python3 /tmp/x.py`: the body is the script, run by what follows.
    const catTarget = /^\s*cat\s*>\s*(\S+)\s*$/.exec(head);
    if (catTarget) {
      const runner = interpreterOf(after.replace(/^&&\s*/, ''));
      return runner && isScriptSized(body) ? inlineRun(runner, body, command) : null;
    }
    const runner = interpreterOf(head);
    return runner && isScriptSized(body) ? inlineRun(runner, body, command) : null;
  }
  const inline = /^\s*(?:env\s+)?(\S+)\s+(?:-\S+\s+)*(?:-c|-e)\s+(['"])([\s\S]*)\2\s*$/.exec(command);
  if (inline) {
    const runner = INTERPRETERS[path.basename(inline[1] ?? '')];
    const body = inline[3] ?? '';
    return runner && isScriptSized(body) ? inlineRun(runner, body, command) : null;
  }
  for (const [file, text] of written) {
    if (!mentionsFile(command, file, item.cwd)) continue;
    const runner = EXTENSIONS[path.extname(file)] ?? interpreterOf(command)?.runner ?? 'bash';
    const ext = path.extname(file).slice(1) || 'sh';
    return { key: `file:${file}`, runner, ext, script: text, command };
  }
  return null;
}

function inlineRun(interpreter: { ext: string; runner: string }, body: string, command: string): ScriptRun {
  return { key: `inline:${interpreter.runner}`, runner: interpreter.runner, ext: interpreter.ext, script: dedent(body), command };
}

/** The interpreter a command line starts with (`python3 -`, `node`, `npx tsx`, `/usr/bin/env python3`). */
function interpreterOf(commandHead: string): { ext: string; runner: string } | null {
  const words = commandHead.trim().split(/\s+/).filter((w) => !/^[A-Z_][A-Z0-9_]*=/.test(w));
  let first = words[0] ?? '';
  if (first === 'env' || first.endsWith('/env')) first = words[1] ?? '';
  if (first === 'npx' || first === 'pnpm' || first === 'yarn') first = words[1] ?? '';
  return INTERPRETERS[path.basename(first)] ?? null;
}

function isScriptSized(body: string): boolean {
  const lines = body.split('\n').filter((l) => l.trim() !== '').length;
  return lines >= MIN_INLINE_LINES || body.trim().length >= MIN_INLINE_CHARS;
}

function rememberWrittenFiles(item: FileChangeItem, written: Map<string, string>): void {
  if (item.status !== 'completed') return;
  for (const change of item.changes) {
    if (change.kind === 'delete') {
      written.delete(change.path);
      continue;
    }
    const target = change.kind === 'move' && change.newPath ? change.newPath : change.path;
    const text = newFileText(change.diff);
    if (change.kind === 'add' && text !== null) written.set(target, text);
    else if (written.has(change.path)) {
      // An edit of a script the agent added earlier: still its script (saving reads the file from disk,
      // so the text kept here only needs to be right for scripts that are gone by then).
      const previous = written.get(change.path)!;
      written.delete(change.path);
      written.set(target, previous);
    }
  }
}

/** The text of an added file from its unified diff (every body line starts with `+`). */
function newFileText(diff: string): string | null {
  const lines: string[] = [];
  let inHunk = false;
  for (const line of diff.split('\n')) {
    if (line.startsWith('@@')) {
      inHunk = true;
      continue;
    }
    if (!inHunk) continue;
    if (line.startsWith('+')) lines.push(line.slice(1));
    else if (line.startsWith('\\')) continue;
    else if (line === '') continue;
    else return null;
  }
  return lines.length ? `${lines.join('\n')}\n` : null;
}

function mentionsFile(command: string, file: string, cwd: string): boolean {
  const rel = path.relative(cwd, file);
  const candidates = new Set([file, rel, `./${rel}`]);
  return command.split(/[\s;&|()'"]+/).some((word) => candidates.has(word));
}

function toCandidate(threadId: string, group: Group): SkillCandidate {
  const last = group.runs[group.runs.length - 1]!;
  const name = suggestName(group.key, last);
  const purpose = firstComment(last.script);
  const description = purpose
    ? purpose.replace(/[.\s]*$/, '.')
    : `Runs the ${last.runner} script the agent wrote and ran ${group.runs.length} times.`;
  return {
    id: createHash('sha256').update(`${threadId}\0${group.key}\0${group.runs[0]!.command}`).digest('hex').slice(0, 16),
    threadId,
    name,
    description,
    runner: last.runner,
    script: last.script,
    sourceFile: group.key.startsWith('file:') ? group.key.slice(5) : null,
    scriptFile: `scripts/${group.key.startsWith('file:') ? path.basename(group.key.slice(5)) : `${name}.${last.ext}`}`,
    commands: group.runs.slice(-MAX_COMMANDS_KEPT).map((r) => r.command),
    runs: group.runs.length,
  };
}

/** A name from the file, the script's first comment, or its first function, as a lower-case slug. */
export function suggestName(key: string, run: ScriptRun): string {
  if (key.startsWith('file:')) return slug(path.basename(key.slice(5), path.extname(key.slice(5)))) || 'script';
  const comment = firstComment(run.script);
  if (comment) {
    const fromComment = slug(comment.split(/\s+/).slice(0, 4).join(' '));
    if (fromComment) return fromComment;
  }
  const fn = /(?:def|function|sub)\s+([A-Za-z_][A-Za-z0-9_]*)/.exec(run.script)?.[1];
  if (fn && fn !== 'main') return slug(fn.replace(/([a-z])([A-Z])/g, '$1-$2'));
  return `${run.runner.split(' ').pop()}-script`;
}

function firstComment(script: string): string | null {
  for (const raw of script.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#!')) continue;
    const m = /^(?:#|\/\/|--)\s*(.+)$/.exec(line) ?? /^(?:"""|''')\s*(.+?)(?:"""|''')?$/.exec(line);
    return m?.[1]?.trim() || null;
  }
  return null;
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '');
}

function dedent(body: string): string {
  const lines = body.split('\n');
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^[ \t]*/.exec(l)![0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return `${lines.map((l) => l.slice(cut)).join('\n').replace(/\s+$/, '')}\n`;
}

function wordSet(script: string): Set<string> {
  return new Set(script.match(/[A-Za-z_][A-Za-z0-9_]{2,}/g) ?? []);
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared += 1;
  return shared / (a.size + b.size - shared);
}
