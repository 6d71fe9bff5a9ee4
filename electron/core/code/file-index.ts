/**
 * Lists the files of a folder the way the user thinks of "the project": what git tracks plus new
 * files git does not ignore. In a git work tree that is `git ls-files` (fast even for 100,000 files);
 * elsewhere, a bounded walk of the folder that honours .gitignore files the same way git would.
 * Also reports the folders git ignores, so the watcher does not watch node_modules or target/.
 */
import fs from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { runGit, runGitText } from '../git/run-git';

export interface FileListing {
  root: string;
  /** True when root is inside a git work tree. */
  git: boolean;
  /** Files relative to root, "/"-separated, sorted by code unit (binary-searchable). */
  paths: string[];
  /** Paths (in `paths`) that are submodules (git links), shown as folders that cannot be opened. */
  submodules: Set<string>;
  /** Ignored folders relative to root, without a trailing "/" — not worth watching. */
  ignoredDirs: string[];
  /** The walk outside git stopped at `maxFiles`. */
  truncated: boolean;
}

export interface ListOptions {
  /** Outside git, stop walking after this many files. */
  maxFiles?: number;
}

/** Folders a walk outside git never enters: version-control data and the usual dependency heaps. */
const ALWAYS_SKIPPED = new Set(['.git', '.hg', '.svn', 'node_modules', '.DS_Store']);
const DEFAULT_MAX_WALK_FILES = 200_000;
/** 64 MB of NUL-separated paths is far more than any real repository lists. */
const MAX_LS_FILES_BYTES = 256 * 1024 * 1024;

export async function listFiles(root: string, options: ListOptions = {}): Promise<FileListing> {
  const inGit = await isInsideWorkTree(root);
  if (inGit) return listGitFiles(root);
  return walkFiles(root, options.maxFiles ?? DEFAULT_MAX_WALK_FILES);
}

async function isInsideWorkTree(root: string): Promise<boolean> {
  try {
    const out = await runGitText(root, ['rev-parse', '--is-inside-work-tree'], { timeoutMs: 10_000 });
    return out.trim() === 'true';
  } catch {
    return false; // not a repository, git missing, or an unsafe repository: list it as a plain folder
  }
}

async function listGitFiles(root: string): Promise<FileListing> {
  const opts = { maxOutputBytes: MAX_LS_FILES_BYTES, timeoutMs: 60_000 };
  // Paths come out relative to `root` (git limits ls-files to the current folder and below).
  const [staged, others, deleted, ignored] = await Promise.all([
    runGit(root, ['ls-files', '-z', '--stage'], opts),
    runGit(root, ['ls-files', '-z', '--others', '--exclude-standard'], opts),
    runGit(root, ['ls-files', '-z', '--deleted'], opts),
    runGit(root, ['ls-files', '-z', '--others', '--ignored', '--exclude-standard', '--directory'], opts),
  ]);
  const gone = new Set(splitNul(deleted.stdout.toString('utf8')));
  const submodules = new Set<string>();
  const paths: string[] = [];
  const seen = new Set<string>();
  // --stage: "<mode> <object> <stage>\t<path>"; a conflicted file appears once per stage.
  for (const record of splitNul(staged.stdout.toString('utf8'))) {
    const tab = record.indexOf('\t');
    if (tab < 0) continue;
    const file = record.slice(tab + 1);
    if (seen.has(file)) continue;
    seen.add(file);
    if (record.startsWith('160000 ')) submodules.add(file);
    else if (gone.has(file)) continue;
    paths.push(file);
  }
  for (const file of splitNul(others.stdout.toString('utf8'))) {
    if (file.endsWith('/')) {
      // A repository nested inside this one, not added as a submodule: shown like one.
      const dir = file.slice(0, -1);
      if (!seen.has(dir)) {
        seen.add(dir);
        submodules.add(dir);
        paths.push(dir);
      }
      continue;
    }
    if (seen.has(file)) continue;
    seen.add(file);
    paths.push(file);
  }
  const ignoredDirs = splitNul(ignored.stdout.toString('utf8'))
    .filter((p) => p.endsWith('/'))
    .map((p) => p.slice(0, -1));
  paths.sort(compareCodeUnits);
  return { root, git: true, paths, submodules, ignoredDirs, truncated: false };
}

/**
 * A breadth-first walk that applies each folder's .gitignore to what is below it (as git does) and
 * never follows symlinked folders (a loop would never end). Stops at `maxFiles`.
 */
async function walkFiles(root: string, maxFiles: number): Promise<FileListing> {
  const paths: string[] = [];
  const ignoredDirs: string[] = [];
  let truncated = false;
  interface Pending {
    dir: string; // relative, "" for root
    rules: { base: string; ig: Ignore }[];
  }
  const queue: Pending[] = [{ dir: '', rules: [] }];
  while (queue.length > 0 && !truncated) {
    const { dir, rules: inherited } = queue.shift()!;
    const abs = dir ? path.join(root, dir) : root;
    let entries: fs.Dirent[];
    try {
      entries = await fs.promises.readdir(abs, { withFileTypes: true });
    } catch {
      continue; // unreadable folder: skip it, as `ls -R` would
    }
    const rules = [...inherited];
    if (entries.some((e) => e.name === '.gitignore' && e.isFile())) {
      try {
        rules.push({ base: dir, ig: ignore().add(await fs.promises.readFile(path.join(abs, '.gitignore'), 'utf8')) });
      } catch {
        // An unreadable .gitignore ignores nothing.
      }
    }
    entries.sort((a, b) => compareCodeUnits(a.name, b.name));
    for (const entry of entries) {
      const rel = dir ? `${dir}/${entry.name}` : entry.name;
      let isDir = entry.isDirectory();
      if (entry.isSymbolicLink()) {
        // A link to a file is listed; a link to a folder is not followed.
        const target = await fs.promises.stat(path.join(abs, entry.name)).catch(() => null);
        if (!target || target.isDirectory()) continue;
        isDir = false;
      } else if (!isDir && !entry.isFile()) {
        continue; // sockets, fifos, devices
      }
      if (ALWAYS_SKIPPED.has(entry.name) || isIgnored(rules, rel, isDir)) {
        if (isDir) ignoredDirs.push(rel);
        continue;
      }
      if (isDir) {
        queue.push({ dir: rel, rules });
      } else {
        if (paths.length >= maxFiles) {
          truncated = true;
          break;
        }
        paths.push(rel);
      }
    }
  }
  paths.sort(compareCodeUnits);
  return { root, git: false, paths, submodules: new Set(), ignoredDirs, truncated };
}

/** Git semantics: each .gitignore speaks about paths below its own folder; a later (deeper) rule wins. */
function isIgnored(rules: { base: string; ig: Ignore }[], rel: string, isDir: boolean): boolean {
  let ignored = false;
  for (const { base, ig } of rules) {
    const sub = base ? rel.slice(base.length + 1) : rel;
    const result = ig.test(isDir ? `${sub}/` : sub);
    if (result.ignored) ignored = true;
    else if (result.unignored) ignored = false;
  }
  return ignored;
}

function splitNul(text: string): string[] {
  return text.split('\0').filter((s) => s.length > 0);
}

export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
