/**
 * The code view: browse a folder's files (as git sees them), find one fast, read any part of it —
 * even a 50 MB file — and jump to `path:line` from a terminal, a message or a finding.
 * Every call names its folder by an absolute `root` and files by paths relative to it; the core
 * refuses paths that leave the root. See docs/code-view.md.
 */
import { z } from 'zod';
import { event, method } from './define';

/** Limits shared by the core, the UI and the schemas. */
export const CODE_LIMITS = {
  /** Lines one `code.read` may return. */
  maxReadLines: 5_000,
  /** A line longer than this is cut in `code.read` (its `cut` flag says so); minified files have megabyte lines. */
  maxLineChars: 20_000,
  /** Results one quick-open query may return. */
  maxQuickOpenResults: 500,
  /** Recent files the UI may send to rank up. */
  maxRecent: 100,
  /** Paths one `code.list` page may return. */
  maxListPage: 50_000,
  /** Lines one `code.blame` may cover. */
  maxBlameLines: 5_000,
  /** Matches one `code.find` returns at most. */
  maxFindMatches: 10_000,
  /** Characters of text one `code.resolveLink` call may scan. */
  maxResolveText: 200_000,
} as const;

/** An absolute folder on the machine that runs the core. */
const Root = z
  .string()
  .min(1, 'Enter a folder path')
  .max(4096)
  .refine((s) => !s.includes('\0'), 'A path cannot contain NUL')
  .refine((s) => s.startsWith('/') || /^[A-Za-z]:[\\/]/.test(s) || s.startsWith('\\\\'), 'The folder must be an absolute path');

/** A path inside the root, relative to it ("src/app.ts"; "" is the root itself for code.tree). */
const RelativePath = z
  .string()
  .max(4096)
  .refine((s) => !s.includes('\0'), 'A path cannot contain NUL')
  .refine((s) => !s.startsWith('/') && !/^[A-Za-z]:[\\/]/.test(s), 'Give the path relative to the folder')
  .refine((s) => !s.split(/[\\/]/).includes('..'), 'A path cannot go up with ".."');
const FilePath = RelativePath.refine((s) => s.length > 0, 'Enter a file path');

const LineNumber = z.number().int().min(1).max(2_000_000_000);
const ColumnNumber = z.number().int().min(1).max(10_000_000);

const LineRange = z
  .object({ root: Root, path: FilePath, startLine: LineNumber, endLine: LineNumber })
  .strict()
  .refine((v) => v.endLine >= v.startLine, { message: 'The range ends before it starts', path: ['endLine'] });

// ── Outputs ──────────────────────────────────────────────────────────────────────────────────────

/** How git sees a path; folders take the strongest state of anything inside them. */
export type GitDecoration = 'modified' | 'added' | 'untracked' | 'deleted' | 'renamed' | 'conflicted';

export interface TreeEntry {
  name: string;
  /** Relative to the root, "/"-separated. */
  path: string;
  kind: 'file' | 'dir' | 'submodule';
  decoration: GitDecoration | null;
}

export interface CodeTree {
  root: string;
  /** The folder listed ("" for the root). */
  dir: string;
  /** Folders first, then files; each group in natural order ("file2" before "file10"). */
  entries: TreeEntry[];
  /** The folder is inside a git work tree (the listing follows git's ignore rules and status). */
  git: boolean;
  /** Changes on disk arrive as `code.changed` events; false when watching is not possible here. */
  live: boolean;
  /** Outside git, the walk stops at a fixed number of files; true when it did. */
  truncated: boolean;
}

export interface CodeListPage {
  root: string;
  paths: string[];
  total: number;
  /** Pass as `offset` for the next page; null on the last page. */
  nextOffset: number | null;
  git: boolean;
  /** Outside git, the walk stops at a fixed number of files; true when it did. */
  truncated: boolean;
}

export interface QuickOpenMatch {
  path: string;
  /** Higher is better; only meaningful within one answer. */
  score: number;
  /** Indexes into `path` of the characters that matched, for highlighting. */
  positions: number[];
}

export interface QuickOpenResult {
  root: string;
  matches: QuickOpenMatch[];
  /** Files searched. */
  total: number;
  /** Time the core spent ranking, in ms (the benchmark's figure, also shown in debug builds). */
  elapsedMs: number;
}

/** Why a file is not shown as text, when it is not. */
export type FileKind = 'text' | 'binary' | 'image' | 'tooLarge';

export interface CodeFileInfo {
  root: string;
  path: string;
  kind: FileKind;
  size: number;
  mtimeMs: number;
  /** Changes whenever the file does (size, time, inode); reads echo it so a stale view can tell. */
  version: string;
  /** Lines in a text file (a final line without a line break counts); null for other kinds. */
  lineCount: number | null;
  /** Line breaks used: 'crlf' when any line ends in CR LF. */
  eol: 'lf' | 'crlf' | null;
  /** The text is not valid UTF-8: it is shown with replacement characters. */
  lossy: boolean;
  /** Small enough to syntax-highlight (see docs/code-view.md for the limits). */
  highlight: boolean;
  /** Why it is not highlighted, in a sentence ("The file is 38 MB; …"); null when it is. */
  highlightNote: string | null;
  /** For images: the MIME type ("image/png"); null otherwise. */
  mime: string | null;
  /** The longest line is longer than CODE_LIMITS.maxLineChars (reads will cut it). */
  longLines: boolean;
}

export interface CodeLines {
  path: string;
  version: string;
  /** The first line returned (1-based); `lines[0]` is this line. */
  startLine: number;
  lineCount: number;
  /** The lines without their line breaks. */
  lines: string[];
  /** Indexes (into `lines`) of lines cut at CODE_LIMITS.maxLineChars. */
  cut: number[];
}

export interface CodeImage {
  path: string;
  mime: string;
  size: number;
  /** `data:<mime>;base64,…` */
  dataUrl: string;
}

export interface FindMatch {
  line: number;
  /** 1-based, in UTF-16 code units of the line. */
  column: number;
  length: number;
}

export interface FindResult {
  path: string;
  version: string;
  matches: FindMatch[];
  /** More matches exist than were returned. */
  limited: boolean;
}

export interface BlameCommit {
  /** Full object id; "0000000000000000000000000000000000000000" for lines not committed yet. */
  id: string;
  author: string;
  authorEmail: string;
  /** Unix time in ms. */
  authorTime: number;
  summary: string;
  /** The path in that commit, when it differs (the file was renamed since). */
  previousPath: string | null;
}

export interface BlameLine {
  line: number;
  commitId: string;
  /** Line number in that commit's version of the file. */
  originalLine: number;
}

export interface CodeBlame {
  path: string;
  lines: BlameLine[];
  commits: Record<string, BlameCommit>;
}

/** How the editor was started: as its own app, or (a terminal editor such as vim) in a Tandem terminal. */
export type EditorOpening =
  | { kind: 'launched'; command: string; host: string }
  | { kind: 'terminal'; command: string; shell: string; args: string[]; cwd: string; label: string };

export interface ResolvedCodeLink {
  /** Where the reference was in the text given ([start, end)); null for a single `path` input. */
  start: number | null;
  end: number | null;
  /** The path as written. */
  text: string;
  line: number | null;
  column: number | null;
  /** The folder the file was found in (a Tandem folder, else its git work tree, else its directory). */
  root: string;
  /** Relative to `root`. */
  path: string;
  absolutePath: string;
}

// ── Methods and events ───────────────────────────────────────────────────────────────────────────

export const codeMethods = {
  /** The entries of one folder of the tree, with git decorations. */
  'code.tree': method<CodeTree>()(z.object({ root: Root, dir: RelativePath.default('') }).strict()),
  /** Every file (as the tree shows them), in pages, sorted. */
  'code.list': method<CodeListPage>()(
    z
      .object({ root: Root, offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(CODE_LIMITS.maxListPage).default(10_000) })
      .strict(),
  ),
  /** Fuzzy file search, ranked like editors do: name matches first, then path; recent files up. */
  'code.quickOpen': method<QuickOpenResult>()(
    z
      .object({
        root: Root,
        query: z.string().max(500),
        limit: z.number().int().min(1).max(CODE_LIMITS.maxQuickOpenResults).default(50),
        /** Recently opened paths, most recent first. */
        recent: z.array(FilePath).max(CODE_LIMITS.maxRecent).default([]),
      })
      .strict(),
  ),
  /** What a file is (text, image, binary, too large), its size and line count. */
  'code.stat': method<CodeFileInfo>()(z.object({ root: Root, path: FilePath }).strict()),
  /** Lines [startLine, endLine] of a text file (clamped to the file; at most CODE_LIMITS.maxReadLines). */
  'code.read': method<CodeLines>()(LineRange),
  /** An image file as a data URL (images up to 20 MB). */
  'code.image': method<CodeImage>()(z.object({ root: Root, path: FilePath }).strict()),
  /** Find text in a file on the core side (works on files too big to hold in the page). */
  'code.find': method<FindResult>()(
    z
      .object({
        root: Root,
        path: FilePath,
        query: z.string().min(1, 'Type something to find').max(1000),
        caseSensitive: z.boolean().default(false),
        regex: z.boolean().default(false),
        wholeWord: z.boolean().default(false),
      })
      .strict(),
  ),
  /** Who last changed each line of a range (git blame of the working tree file). */
  'code.blame': method<CodeBlame>()(LineRange),
  /** Open the file at a line in the user's editor ($VISUAL, $EDITOR, VS Code, JetBrains …). */
  'code.openInEditor': method<EditorOpening>()(z.object({ root: Root, path: FilePath, line: LineNumber.optional(), column: ColumnNumber.optional() }).strict()),
  /**
   * Finds `path:line[:col]` references in `text` (or takes one `path`) and returns those that name an
   * existing file, resolved against `baseDir` (a terminal's cwd, a thread's folder), then Tandem's folders.
   */
  'code.resolveLink': method<{ links: ResolvedCodeLink[] }>()(
    z
      .object({
        text: z.string().max(CODE_LIMITS.maxResolveText).optional(),
        path: z.string().min(1).max(4096).optional(),
        line: LineNumber.optional(),
        column: ColumnNumber.optional(),
        baseDir: Root.optional(),
        /** With `text`: also paths without a line number (for prose). */
        bare: z.boolean().default(false),
        /** With `text`: a terminal whose cwd is the base (when `baseDir` is not given). */
        terminalId: z.string().min(1).max(64).optional(),
      })
      .strict()
      .refine((v) => (v.text === undefined) !== (v.path === undefined), { message: 'Give either text or path', path: ['text'] }),
  ),
};

export interface CodeChanged {
  root: string;
  /** Files that appeared, disappeared, or moved (a delete and a create in one batch), relative to root. */
  created: string[];
  deleted: string[];
  renamed: { from: string; to: string }[];
  /** Files whose content changed. */
  changed: string[];
  /** Git status (decorations) may have changed. */
  status: boolean;
  /** Too many changes to list: reload everything of this root. */
  overflow: boolean;
}

export const codeEvents = {
  /** Files of a watched root changed on disk (debounced; roots are watched while the UI uses them). */
  'code.changed': event<CodeChanged>(),
};
