/**
 * The review panel: a diff from a chosen source, parsed into files, hunks and lines with stable ids;
 * hunk and line actions on the working tree (stage, unstage, revert); comments anchored on lines.
 * The core reads everything through the git CLI (electron/core/git) — see docs/review.md.
 */
import { z } from 'zod';
import type { EditorOpening } from './code';
import { event, method } from './define';

// ── Inputs ───────────────────────────────────────────────────────────────────────────────────────

/** Nothing a path or name can legitimately contain that would confuse git or a shell. */
const noControlChars = (s: string) => !/[\0\r\n]/.test(s);

/**
 * A name git can resolve: branch, tag, commit id, `HEAD~2`, a tree id. It may not start with "-",
 * so it can never be taken for an option.
 */
export const GitRevision = z
  .string()
  .trim()
  .min(1, 'Enter a branch, tag or commit')
  .max(256)
  .refine((s) => !s.startsWith('-'), 'A branch, tag or commit name cannot start with "-"')
  .refine(noControlChars, 'A branch, tag or commit name cannot contain line breaks');

/** An absolute folder on the machine that runs the core. */
const FolderPath = z.string().min(1, 'Enter a folder path').max(4096).refine((s) => !s.includes('\0'), 'A path cannot contain NUL');

/** A path inside the repository, relative to its root, as git prints it (any Unicode, spaces, quotes). */
export const RepoPath = z
  .string()
  .min(1, 'Enter a file path')
  .max(4096)
  .refine((s) => !s.includes('\0'), 'A path cannot contain NUL');

const Id = z.string().min(1).max(64);
/** Ids of files, hunks and lines in a ReviewDiff (see DiffFile.id). */
const ModelId = z.string().min(1).max(200);

/** What to diff. Each kind names the two sides; see docs/review.md for the exact git commands. */
export const DiffSourceSchema = z.discriminatedUnion('kind', [
  /** HEAD → index (staged), index → working tree (unstaged), and untracked files shown as added. */
  z.object({ kind: z.literal('working') }).strict(),
  /** What `head` (default HEAD) added since it left `base`: merge-base(base, head) → head. */
  z.object({ kind: z.literal('branch'), base: GitRevision, head: GitRevision.optional() }).strict(),
  /** One commit against its first parent (a root commit against the empty tree). */
  z.object({ kind: z.literal('commit'), commit: GitRevision }).strict(),
  /** A worktree folder (e.g. an agent thread's) against its base: merge-base(base, HEAD) → its working tree, untracked included. */
  z.object({ kind: z.literal('worktree'), path: FolderPath, base: GitRevision }).strict(),
  /**
   * Two snapshots: any two tree-ish (commits, trees, or snapshot commits of a working tree made by
   * electron/core/git/snapshot.ts). An agent turn is named by its before/after snapshots; `turn`
   * records which turn it was, so comments stay with that turn.
   */
  z
    .object({
      kind: z.literal('snapshot'),
      before: GitRevision,
      after: GitRevision,
      label: z.string().trim().max(200).optional(),
      turn: z.object({ threadId: Id, turnId: Id }).strict().optional(),
    })
    .strict(),
]);
export type DiffSource = z.infer<typeof DiffSourceSchema>;
export type DiffSourceKind = DiffSource['kind'];

/** Every review call names its repository by a workspace id or by an absolute folder path (exactly one). */
const workspaceShape = { workspaceId: Id.optional(), workspacePath: FolderPath.optional() };
function withWorkspace<S extends z.ZodRawShape>(shape: S) {
  return z
    .object({ ...workspaceShape, ...shape })
    .strict()
    .refine((v) => hasOneWorkspace(v as { workspaceId?: string; workspacePath?: string }), {
      message: 'Give either workspaceId or workspacePath',
      path: ['workspaceId'],
    });
}

function hasOneWorkspace(v: { workspaceId?: string; workspacePath?: string }): boolean {
  return (v.workspaceId === undefined) !== (v.workspacePath === undefined);
}

/** The areas hunk and file actions work on: the three parts of the 'working' source. */
export const WorkingArea = z.enum(['staged', 'unstaged', 'untracked']);

/**
 * Which file an action is about, as the diff showed it. `version` is DiffFile.version from that diff:
 * the core recomputes the file's diff and refuses the action if the version no longer matches.
 */
export const DiffFileRef = z
  .object({ area: WorkingArea, path: RepoPath, oldPath: RepoPath.nullable().optional(), version: z.string().min(1).max(128) })
  .strict();
export type DiffFileRefInput = z.infer<typeof DiffFileRef>;

const HunkActionInput = withWorkspace({
  file: DiffFileRef,
  hunkId: ModelId,
  /** Only these lines (diffLineId of added or removed lines); omit for the whole hunk. */
  lineIds: z.array(ModelId).min(1, 'Select at least one line').max(200_000).optional(),
});
const FileActionInput = withWorkspace({ file: DiffFileRef });

export const CommentSide = z.enum(['old', 'new']);

// ── Outputs ──────────────────────────────────────────────────────────────────────────────────────

/** staged / unstaged / untracked: parts of the 'working' source; range: every other source. */
export type DiffArea = z.infer<typeof WorkingArea> | 'range';

/** Added, Modified, Deleted, Renamed, Copied, Type changed (file ↔ symlink ↔ submodule), Unmerged (in conflict). */
export type DiffFileStatus = 'A' | 'M' | 'D' | 'R' | 'C' | 'T' | 'U';

export type DiffLineKind = 'context' | 'add' | 'del';

/**
 * One line of a hunk. Its id is not stored (a big diff has hundreds of thousands of lines): it is
 * `diffLineId(file.id, line)`, stable for as long as the file's id and the line's number are.
 */
export interface DiffLine {
  kind: DiffLineKind;
  oldNo: number | null;
  newNo: number | null;
  /** The line without its "+"/"-"/" " prefix and without the line break (a CR of a CRLF file stays). */
  text: string;
  /** Present (true) on the last line of a side that has no line break at the end of the file. */
  noNewlineAtEof?: true;
}

/** `<fileId>:o<oldNo>` for a removed line, `<fileId>:n<newNo>` for an added or context line. */
export function diffLineId(fileId: string, line: Pick<DiffLine, 'kind' | 'oldNo' | 'newNo'>): string {
  return line.kind === 'del' ? `${fileId}:o${line.oldNo}` : `${fileId}:n${line.newNo}`;
}

export interface DiffHunk {
  /** `<fileId>:h<oldStart>.<oldLines>.<newStart>.<newLines>`. */
  id: string;
  /** The `@@ -a,b +c,d @@` line as git printed it, heading included. */
  header: string;
  /** The function or section name git printed after the second "@@" ('' when none). */
  heading: string;
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  additions: number;
  deletions: number;
  lines: DiffLine[];
}

export interface DiffFile {
  /** Stable for the same area and path(s) across refreshes; a short hash. */
  id: string;
  area: DiffArea;
  /** The path after the change (before it, for deletions). */
  path: string;
  /** The path before the change, for renames and copies; null otherwise. */
  oldPath: string | null;
  status: DiffFileStatus;
  /** Rename/copy similarity in percent; null when not a rename or copy. */
  similarity: number | null;
  binary: boolean;
  /** A submodule (gitlink) on either side; its "hunk" is the commit it points at. */
  submodule: boolean;
  /** Git modes, e.g. "100644", "100755", "120000" (symlink), "160000" (submodule); null for a missing side. */
  oldMode: string | null;
  newMode: string | null;
  modeChanged: boolean;
  /** An untracked file too large to show; it has no hunks. */
  tooLarge: boolean;
  /** The text was not valid UTF-8; it is shown with replacement characters and line actions are off. */
  lossyText: boolean;
  additions: number;
  deletions: number;
  hunks: DiffHunk[];
  /** Fingerprint of both sides' contents when the diff was made; actions send it back (DiffFileRef). */
  version: string;
  /**
   * Set when review.diff left this file's hunks out (`hunks` is empty) to keep a big diff's first
   * answer small: review.diff.hunks sends them. Per hunk, how many line rows it has in each layout,
   * so the panel can reserve the exact height before the lines arrive.
   */
  pending?: PendingHunks;
}

export interface PendingHunks {
  /** Per hunk: its lines (the unified layout's rows). */
  unified: number[];
  /** Per hunk: its split layout's rows (a context line, or a removed line facing an added one). */
  split: number[];
}

export interface DiffTotals {
  files: number;
  additions: number;
  deletions: number;
}

export interface ReviewDiff {
  repoRoot: string;
  source: DiffSource;
  /** Names the source for comments: 'working', 'branch:<base>...<head>', 'commit:<id>', … */
  sourceKey: string;
  /** A short human title: "Working tree", "feature against main", "a1b2c3d Fix the parser". */
  title: string;
  /** Resolved object ids of the two sides where they are fixed (null for the index or working tree). */
  baseId: string | null;
  headId: string | null;
  /** True when hunk and file actions apply (the 'working' source). */
  actionable: boolean;
  files: DiffFile[];
  totals: DiffTotals;
  /** Things the user should know about this diff (no commits yet, untracked files left out, …). */
  notices: string[];
  producedAt: number;
}

export interface ReviewActionResult {
  /** What happened, in a sentence. */
  message: string;
  /** The path's entries in every working area after the action (an empty list when it is now clean). */
  files: DiffFile[];
  /** For reverts: the folder under the data dir holding a copy of what was reverted. */
  backupPath: string | null;
}

export interface ReviewComment {
  id: string;
  repoRoot: string;
  sourceKey: string;
  path: string;
  /** Which side's line numbers the range uses: 'old' for removed lines, 'new' for added and context lines. */
  side: 'old' | 'new';
  startLine: number;
  endLine: number;
  body: string;
  createdAt: number;
}

/** How urgent a finding is: P0 must fix before merging … P3 a nit worth a look. */
export type FindingPriority = 0 | 1 | 2 | 3;

/**
 * One issue the AI reviewer found, anchored on the diff: `anchor` 'lines' when its lines are in the
 * diff, 'hunk' when it was moved to the nearest hunk, 'file' when only the file is known.
 */
export interface ReviewFinding {
  id: string;
  /** Starts with its tag, e.g. "[P1] Off-by-one in the retry loop". */
  title: string;
  body: string;
  priority: FindingPriority;
  /** 0–1: how sure the model is that this is a real problem. */
  confidence: number;
  path: string;
  side: 'old' | 'new';
  startLine: number;
  endLine: number;
  anchor: 'lines' | 'hunk' | 'file';
  /** DiffFile.id of the file in the reviewed diff (null when the path is not in it). */
  fileId: string | null;
  /** DiffFile.version of that file when it was reviewed: a different version now makes the finding stale. */
  fileVersion: string | null;
  status: 'open' | 'dismissed' | 'resolved';
}

export type ReviewVerdict = 'looks_good' | 'needs_changes';

export interface AiReviewResult {
  id: string;
  sourceKey: string;
  verdict: ReviewVerdict;
  explanation: string;
  findings: ReviewFinding[];
  /** The model that answered. */
  model: string;
  /** Findings the model gave that were left out (low confidence, over the cap, duplicates). */
  dropped: number;
  reviewedAt: number;
  /** DiffFile.id → DiffFile.version of every file of the reviewed diff: tells whether the diff changed since. */
  reviewedFiles: Record<string, string>;
}

/** The changes of a thread's last agent turn that has both snapshots, as a diff source for review.diff. */
export interface TurnReviewSource {
  threadId: string;
  turnId: string;
  /** The repository the turn's folder is in (open the diff there). */
  repoRoot: string;
  /** The thread's workspace when the repository is that workspace's, else null. */
  workspaceId: string | null;
  source: Extract<DiffSource, { kind: 'snapshot' }>;
  startedAt: number;
}

/** How many files one review.diff.hunks call may ask for. */
export const MAX_HUNK_FILES = 200;

// ── Methods and events ───────────────────────────────────────────────────────────────────────────

export const reviewMethods = {
  /**
   * The diff of a source. On a big diff only the first files come with their hunks; the others are
   * `pending` (counts and row sizes only) and are fetched with review.diff.hunks as they come into view.
   */
  'review.diff': method<ReviewDiff>()(withWorkspace({ source: DiffSourceSchema })),
  /**
   * The hunks of some files of a diff review.diff sent, named by id and version. The core answers from
   * the diff it made last for this source (git is not rerun), or makes it again when that is gone.
   * `missing` lists the ids whose file is no longer in the diff at that version (it changed since).
   */
  'review.diff.hunks': method<{ files: DiffFile[]; missing: string[] }>()(
    withWorkspace({
      source: DiffSourceSchema,
      files: z
        .array(z.object({ id: ModelId, version: z.string().min(1).max(128) }).strict())
        .min(1, 'Name at least one file')
        .max(MAX_HUNK_FILES, `Ask for at most ${MAX_HUNK_FILES} files at a time`),
    }),
  ),
  /** Apply a hunk (or chosen lines of it) from the unstaged or untracked area to the index. */
  'review.stageHunk': method<ReviewActionResult>()(HunkActionInput),
  /** Take a staged hunk (or chosen lines) out of the index; the working tree keeps it. */
  'review.unstageHunk': method<ReviewActionResult>()(HunkActionInput),
  /** Undo an unstaged or untracked hunk (or chosen lines) in the working tree; a copy of the file is kept. */
  'review.revertHunk': method<ReviewActionResult>()(HunkActionInput),
  /** Stage a whole file (also binary files, mode changes, submodules). */
  'review.stageFile': method<ReviewActionResult>()(FileActionInput),
  /** Unstage a whole file. */
  'review.unstageFile': method<ReviewActionResult>()(FileActionInput),
  /**
   * Discard a file's changes: unstaged → back to the index; staged → back to HEAD (index and working
   * tree); untracked → deleted. A copy is always kept under the data dir first (result.backupPath).
   */
  'review.revertFile': method<ReviewActionResult>()(FileActionInput),
  /** Comments of one source, or of every source of the repository when none is given. */
  'review.comments.list': method<ReviewComment[]>()(withWorkspace({ source: DiffSourceSchema.optional(), path: RepoPath.optional() })),
  'review.comments.add': method<ReviewComment>()(
    withWorkspace({
      source: DiffSourceSchema,
      path: RepoPath,
      side: CommentSide,
      startLine: z.number().int().min(1).max(100_000_000),
      endLine: z.number().int().min(1).max(100_000_000),
      body: z.string().trim().min(1, 'Write a comment').max(20_000),
    }).refine((v) => v.endLine >= v.startLine, { message: 'The range ends before it starts', path: ['endLine'] }),
  ),
  'review.comments.remove': method<{ removed: boolean }>()(z.object({ id: Id }).strict()),
  /**
   * Ask the model to review a diff: a verdict, an explanation and a few findings anchored on the
   * diff's lines. Titles the author dismissed before in this repository are passed on to quiet them.
   */
  'review.aiReview': method<AiReviewResult>()(withWorkspace({ source: DiffSourceSchema })),
  /** The last AI review of this repository and source (stored, so it survives a restart), or null. */
  'review.aiReview.last': method<{ result: AiReviewResult | null }>()(withWorkspace({ source: DiffSourceSchema })),
  /**
   * The source for "the agent's last turn" of a thread: its latest turn whose before and after
   * snapshots exist (a running turn has no after yet), or null when no turn of it changed a git folder.
   */
  'review.lastTurn': method<{ turn: TurnReviewSource | null }>()(z.object({ threadId: Id }).strict()),
  /** Dismiss a finding: recorded, so later reviews of the repository stop raising the same kind. */
  'review.findings.dismiss': method<ReviewFinding>()(z.object({ id: Id }).strict()),
  /** Mark a finding resolved (fixed). */
  'review.findings.resolve': method<ReviewFinding>()(z.object({ id: Id }).strict()),
  /**
   * Open a file at a line in the user's editor, exactly as code.openInEditor does: $VISUAL, then
   * $EDITOR, then `code`; a terminal editor (vim, nano, …) comes back as `kind: 'terminal'` for the UI
   * to run in a Tandem terminal. In `tandem serve` mode the editor starts on the server machine.
   */
  'review.openInEditor': method<EditorOpening>()(withWorkspace({ path: RepoPath, line: z.number().int().min(1).max(100_000_000).optional() })),
};

export const reviewEvents = {
  /** An action changed the index or the working tree of a repository: diffs of it are stale. */
  'review.changed': event<{ repoRoot: string; paths: string[] }>(),
  /** Comments of one source changed (added or removed). */
  'review.comments.changed': event<{ repoRoot: string; sourceKey: string }>(),
  /** A finding was dismissed or resolved. */
  'review.findings.changed': event<{ repoRoot: string; finding: ReviewFinding }>(),
};
