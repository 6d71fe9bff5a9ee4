/**
 * `git diff` in the one shape the review parser reads: the raw records (`--raw -z`: exact paths,
 * statuses, modes, object ids) followed by the patch (`-p`), from a single run so both describe the
 * same moment. Every option that a user's config could change is pinned: prefixes, context, colour,
 * external diff drivers and textconv (their output could not be applied back), relative paths.
 */
import { runGitText } from './run-git';

export type DiffRange =
  /** index → working tree (what `git diff` shows). */
  | { kind: 'index-to-worktree' }
  /** tree → index (what `git diff --cached` shows); tree null = the empty tree (no commits yet). */
  | { kind: 'tree-to-index'; tree: string | null }
  /** tree → working tree, tracked files only. */
  | { kind: 'tree-to-worktree'; tree: string }
  | { kind: 'tree-to-tree'; from: string; to: string };

export interface DiffOptions {
  /** Limit to these paths (literal, relative to the repo root). */
  paths?: string[];
  /** Detect copies as well as renames (renames are always detected). */
  findCopies?: boolean;
  /** Only the raw records, no patch (cheap: no file contents are read). */
  rawOnly?: boolean;
  /** Default 256 MB: beyond that a diff is refused with a clear error rather than held in memory. */
  maxOutputBytes?: number;
}

export const DIFF_MAX_OUTPUT_BYTES = 256 * 1024 * 1024;

/** Config that would change the shape of the output, pinned for this run. */
const PINNED_CONFIG = ['-c', 'diff.noprefix=false', '-c', 'diff.mnemonicPrefix=false', '-c', 'diff.suppressBlankEmpty=false'];

const FORMAT_ARGS = [
  '--raw',
  '-p',
  '-z',
  '--no-abbrev',
  '--full-index',
  '--no-color',
  '--no-ext-diff',
  '--no-textconv',
  '--no-relative',
  '--src-prefix=a/',
  '--dst-prefix=b/',
  '--unified=3',
  '--submodule=short',
  '--ignore-submodules=none',
  '--find-renames',
];

/** The arguments after `git` for a range (exported for tests and for the docs to stay honest). */
export function diffArgs(range: DiffRange, options: DiffOptions = {}): string[] {
  const args = [...PINNED_CONFIG, 'diff', ...(options.rawOnly ? FORMAT_ARGS.filter((a) => a !== '-p') : FORMAT_ARGS)];
  if (options.findCopies) args.push('--find-copies');
  switch (range.kind) {
    case 'index-to-worktree':
      break;
    case 'tree-to-index':
      args.push('--cached');
      if (range.tree) args.push(range.tree);
      break;
    case 'tree-to-worktree':
      args.push(range.tree);
      break;
    case 'tree-to-tree':
      args.push(range.from, range.to);
      break;
  }
  args.push('--');
  if (options.paths) args.push(...options.paths);
  return args;
}

/** Runs the diff and returns its output text (raw records, a NUL, then the patch). */
export function diffRawAndPatch(cwd: string, range: DiffRange, options: DiffOptions = {}): Promise<string> {
  return runGitText(cwd, diffArgs(range, options), { maxOutputBytes: options.maxOutputBytes ?? DIFF_MAX_OUTPUT_BYTES });
}
