/**
 * Git's diff output → the review panel's model (files, hunks, lines; ids for files and hunks, and
 * derivable ids for lines, see diffLineId).
 *
 * Three readers, each for what it does best:
 * - raw-records.ts reads the `--raw -z` records: exact paths (no quoting, no trimming), statuses with
 *   similarity, modes and object ids;
 * - `parsePatch` from the `diff` package reads each file's patch when the file is built: hunks and
 *   their lines (a scan reads the counts, binary markers and creation/deletion before that);
 * - a scan for the lines that can never be hunk content (`diff --git `, `@@ `) cuts the patch into
 *   file sections and finds what parsePatch leaves out: the full `index` line (the file's
 *   fingerprint) and each hunk's `@@` line with its heading.
 *
 * Records and sections come in the same order from one git run; a type change (file ↔ symlink) is one
 * record but two sections (a deletion, then a creation), and unmerged paths have a record but no
 * section. Both are handled below; anything else out of step is a bug and fails loudly.
 */
import { parsePatch, type StructuredPatch, type StructuredPatchHunk } from 'diff';
import { createHash } from 'node:crypto';
import type { DiffArea, DiffFile, DiffFileStatus, DiffHunk, DiffLine, DiffTotals, PendingHunks } from '../../../shared/contract/review';
import { splitRawAndPatch, type RawRecord } from './raw-records';

const NO_MODE = '000000';
const SUBMODULE_MODE = '160000';
const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@ ?(.*)$/;
/** The line counts of a `@@` line (a missing count is 1). */
const HUNK_COUNTS = /^@@ -\d+(?:,(\d+))? \+\d+(?:,(\d+))? @@/;

/** Parses one `git diff --raw -p -z` output (see electron/core/git/diff.ts) into files of `area`. */
export function parseGitDiff(text: string, area: DiffArea): DiffFile[] {
  return scanGitDiff(text, area).map((f) => f.build());
}

/**
 * One file of a diff, read cheaply: `file` has everything but the hunks (counts, version, status…),
 * `rows` the rows its hunks take in each layout, and `build()` parses its hunks from the raw text.
 * A big diff's first answer builds only the first files; the rest are built when they are asked for,
 * from the same text, so they get exactly the ids and versions a full parse gives.
 */
export interface ScannedFile {
  /** The file without its hunks (`hunks` is empty). */
  file: DiffFile;
  /** Per hunk, its rows in the unified and split layouts (renderer/src/features/review/diff-rows.ts). */
  rows: PendingHunks;
  /** Its hunks' lines: the unified layout's rows. */
  lines: number;
  /** The whole file, hunks and lines included. */
  build(): DiffFile;
}

/**
 * Reads one `git diff --raw -p -z` output without building any line: per file the record, the
 * section headers (for the version), and per hunk a walk over the line prefixes bounded by the `@@`
 * counts — the same walk parsePatch does — for the additions, deletions and row counts.
 */
export function scanGitDiff(text: string, area: DiffArea): ScannedFile[] {
  const { records, patch } = splitRawAndPatch(text);
  const hasUnmerged = records.some((r) => r.combined || r.status === 'U');
  const sections = splitSections(hasUnmerged ? withoutUnmergedSections(patch) : patch);

  const files: ScannedFile[] = [];
  let k = 0;
  for (const record of records) {
    if (record.combined || record.status === 'U') continue;
    const first = sections[k];
    if (!first) throw new Error(`Could not read git's diff: no patch for ${record.path}`);
    const parts = [first];
    const second = sections[k + 1];
    if (record.status === 'T' && first.isDelete && second?.isCreate) parts.push(second);
    k += parts.length;

    const fileId = makeFileId(area, record.path, record.oldPath);
    // Both sides' modes and ids from the record, plus the section headers (whose `index` line has the
    // working tree's blob id, which the record leaves as zeros).
    let headerText = `${record.oldMode} ${record.newMode} ${record.oldId} ${record.newId}\n`;
    const unified: number[] = [];
    const split: number[] = [];
    let additions = 0;
    let deletions = 0;
    for (const part of parts) {
      headerText += part.header;
      const counts = countHunks(part.text);
      unified.push(...counts.unified);
      split.push(...counts.split);
      additions += counts.additions;
      deletions += counts.deletions;
    }
    const version = fingerprint(headerText);
    const binary = parts.some((p) => p.binary);
    const lossyText = parts.some((p) => p.lossy);
    const file: DiffFile = { ...buildFile({ id: fileId, area, record, hunks: [], binary, lossyText, version }), additions, deletions };
    const build = (): DiffFile => {
      const hunks: DiffHunk[] = [];
      for (const part of parts) {
        const parsed = parseSection(part.text);
        checkSamePath(record, parsed);
        const hunkHeaders = hunkHeaderLines(part.text);
        parsed.hunks.forEach((h, i) => hunks.push(buildHunk(fileId, h, hunkHeaders[i] ?? '')));
      }
      return buildFile({ id: fileId, area, record, hunks, binary, lossyText, version });
    };
    let lines = 0;
    for (const n of unified) lines += n;
    files.push({ file, rows: { unified, split }, lines, build });
  }
  if (k !== sections.length) throw new Error(`Could not read git's diff: ${sections.length - k} file sections without a record`);
  return files;
}

/** A file that is already whole (untracked, in conflict) as a ScannedFile. */
export function scannedOf(whole: DiffFile): ScannedFile {
  const unified: number[] = [];
  const split: number[] = [];
  let lines = 0;
  for (const hunk of whole.hunks) {
    unified.push(hunk.lines.length);
    lines += hunk.lines.length;
    // A context line is one row; a run of changes is as many rows as its longer side.
    let rows = 0;
    let dels = 0;
    let adds = 0;
    for (const line of hunk.lines) {
      if (line.kind === 'context') {
        rows += Math.max(dels, adds) + 1;
        dels = adds = 0;
      } else if (line.kind === 'del') dels++;
      else adds++;
    }
    split.push(rows + Math.max(dels, adds));
  }
  return { file: { ...whole, hunks: [] }, rows: { unified, split }, lines, build: () => whole };
}

interface Section {
  /** The section's text, from its `diff --git` line to the next one. */
  text: string;
  /** The section's lines before its first hunk (`diff --git`, modes, `index`, `---`/`+++`). */
  header: string;
  /** As parsePatch reads the header: a `Binary files` line, `new file mode`, `deleted file mode`. */
  binary: boolean;
  isCreate: boolean;
  isDelete: boolean;
  /** Holds U+FFFD: the bytes were not valid UTF-8. */
  lossy: boolean;
}

/**
 * Splits the patch at each `diff --git` line. Each file is parsed on its own, later (parseSection):
 * many small, short-lived arrays instead of one huge one, which keeps the garbage collector's work low.
 */
function splitSections(patch: string): Section[] {
  const starts: number[] = [];
  if (patch.startsWith('diff --git ')) starts.push(0);
  for (let at = patch.indexOf('\ndiff --git '); at >= 0; at = patch.indexOf('\ndiff --git ', at + 1)) starts.push(at + 1);
  return starts.map((start, i) => {
    const text = patch.slice(start, starts[i + 1] ?? patch.length);
    const firstHunk = text.indexOf('\n@@ ');
    const header = firstHunk < 0 ? text : text.slice(0, firstHunk);
    const hasLine = (prefix: string) => header.startsWith(prefix) || header.includes(`\n${prefix}`);
    return {
      text,
      header,
      binary: hasLine('Binary files '),
      isCreate: hasLine('new file mode '),
      isDelete: hasLine('deleted file mode '),
      lossy: text.includes('\uFFFD'),
    };
  });
}

function parseSection(text: string): StructuredPatch {
  const parsed = parsePatch(text);
  if (parsed.length !== 1) throw new Error(`Could not read git's diff: a file section parsed as ${parsed.length} patches`);
  return parsed[0]!;
}

/** Each hunk's `@@` line, in order (parsePatch leaves out the heading after the second `@@`). */
function hunkHeaderLines(text: string): string[] {
  const headers: string[] = [];
  for (let at = text.indexOf('\n@@ '); at >= 0; at = text.indexOf('\n@@ ', at + 1)) {
    const eol = text.indexOf('\n', at + 1);
    headers.push(text.slice(at + 1, eol < 0 ? text.length : eol));
  }
  return headers;
}

/**
 * Per hunk of a section: its rows in each layout, and the section's additions and deletions. Walks
 * the line prefixes exactly as parsePatch does: a hunk holds lines until both `@@` counts are used up,
 * plus any "\ No newline" markers; an empty line inside a hunk is blank context.
 */
function countHunks(text: string): { unified: number[]; split: number[]; additions: number; deletions: number } {
  const unified: number[] = [];
  const split: number[] = [];
  let additions = 0;
  let deletions = 0;
  for (let at = text.indexOf('\n@@ '); at >= 0; at = text.indexOf('\n@@ ', at)) {
    let eol = text.indexOf('\n', at + 1);
    const m = HUNK_COUNTS.exec(text.slice(at + 1, eol < 0 ? text.length : eol));
    if (!m || eol < 0) break;
    const oldLines = m[1] === undefined ? 1 : Number(m[1]);
    const newLines = m[2] === undefined ? 1 : Number(m[2]);
    let removed = 0;
    let added = 0;
    let lines = 0;
    let rows = 0;
    let dels = 0;
    let adds = 0;
    let pos = eol + 1;
    while (pos < text.length && (removed < oldLines || added < newLines || text.charCodeAt(pos) === 92 /* \ */)) {
      eol = text.indexOf('\n', pos);
      if (eol < 0) eol = text.length;
      const prefix = eol === pos ? 32 : text.charCodeAt(pos);
      if (prefix === 43 /* + */) {
        added++;
        adds++;
        lines++;
      } else if (prefix === 45 /* - */) {
        removed++;
        dels++;
        lines++;
      } else if (prefix === 32 /* space */) {
        removed++;
        added++;
        lines++;
        rows += Math.max(dels, adds) + 1;
        dels = adds = 0;
      } else if (prefix !== 92) break;
      pos = eol + 1;
    }
    unified.push(lines);
    split.push(rows + Math.max(dels, adds));
    // Each context line counted once on both sides: the rest were added or removed.
    const context = added + removed - lines;
    additions += added - context;
    deletions += removed - context;
    at = pos - 1;
  }
  return { unified, split, additions, deletions };
}

interface FileParts {
  id: string;
  area: DiffArea;
  record: Pick<RawRecord, 'oldMode' | 'newMode' | 'status' | 'score' | 'path' | 'oldPath'>;
  hunks: DiffHunk[];
  binary: boolean;
  lossyText: boolean;
  version: string;
  tooLarge?: boolean;
}

/** Assembles a DiffFile; also used for untracked files (untracked-file.ts). */
export function buildFile(parts: FileParts): DiffFile {
  const { record } = parts;
  const oldMode = record.oldMode && record.oldMode !== NO_MODE ? record.oldMode : null;
  const newMode = record.newMode && record.newMode !== NO_MODE ? record.newMode : null;
  let additions = 0;
  let deletions = 0;
  for (const h of parts.hunks) {
    additions += h.additions;
    deletions += h.deletions;
  }
  const status = record.status as DiffFileStatus;
  return {
    id: parts.id,
    area: parts.area,
    path: record.path,
    oldPath: record.oldPath,
    status,
    similarity: status === 'R' || status === 'C' ? record.score : null,
    binary: parts.binary,
    submodule: oldMode === SUBMODULE_MODE || newMode === SUBMODULE_MODE,
    oldMode,
    newMode,
    modeChanged: oldMode !== null && newMode !== null && oldMode !== newMode,
    tooLarge: parts.tooLarge ?? false,
    lossyText: parts.lossyText,
    additions,
    deletions,
    hunks: parts.hunks,
    version: parts.version,
  };
}

/**
 * One hunk from its lines as they appear in a patch (prefix char included, "\ No newline…" markers
 * included). `oldStart`/`newStart` are 1-based line numbers of the first line on each side (for an
 * empty side: the line the hunk sits before), as parsePatch reports them.
 */
export function buildHunk(fileId: string, hunk: StructuredPatchHunk, header: string): DiffHunk {
  const lines: DiffLine[] = [];
  let oldNo = hunk.oldStart;
  let newNo = hunk.newStart;
  let additions = 0;
  let deletions = 0;
  for (const raw of hunk.lines) {
    const prefix = raw.charCodeAt(0);
    if (prefix === 43 /* + */) {
      lines.push({ kind: 'add', oldNo: null, newNo: newNo++, text: raw.slice(1) });
      additions++;
    } else if (prefix === 45 /* - */) {
      lines.push({ kind: 'del', oldNo: oldNo++, newNo: null, text: raw.slice(1) });
      deletions++;
    } else if (prefix === 92 /* \ */) {
      const last = lines[lines.length - 1];
      if (last) last.noNewlineAtEof = true;
    } else {
      // ' ' or an empty line (parsePatch reads an empty line inside a hunk as blank context).
      lines.push({ kind: 'context', oldNo: oldNo++, newNo: newNo++, text: raw.slice(1) });
    }
  }
  const m = HUNK_HEADER.exec(header);
  return {
    id: hunkId(fileId, hunk),
    header: header || formatHunkHeader(hunk),
    heading: m?.[5] ?? '',
    oldStart: hunk.oldStart,
    oldLines: hunk.oldLines,
    newStart: hunk.newStart,
    newLines: hunk.newLines,
    additions,
    deletions,
    lines,
  };
}

export function hunkId(fileId: string, h: Pick<StructuredPatchHunk, 'oldStart' | 'oldLines' | 'newStart' | 'newLines'>): string {
  return `${fileId}:h${h.oldStart}.${h.oldLines}.${h.newStart}.${h.newLines}`;
}

/** `@@ -a,b +c,d @@` with unified diff's convention that an empty side names the line before it. */
export function formatHunkHeader(h: Pick<StructuredPatchHunk, 'oldStart' | 'oldLines' | 'newStart' | 'newLines'>): string {
  const side = (start: number, count: number) => (count === 0 ? `${start - 1},0` : count === 1 ? `${start}` : `${start},${count}`);
  return `@@ -${side(h.oldStart, h.oldLines)} +${side(h.newStart, h.newLines)} @@`;
}

/** Stable for the same area and paths: a comment or finding anchored on it survives a refresh. */
export function makeFileId(area: DiffArea, path: string, oldPath: string | null): string {
  return hash64(`${area}\0${oldPath ?? ''}\0${path}`).slice(0, 12);
}

/**
 * A short fingerprint. For git files it hashes the header lines that carry both sides' full object
 * ids and modes, so it changes exactly when either side's content or mode does. File contents
 * (untracked files) go through sha1; short texts through a fast 64-bit hash (two FNV-1a lanes) —
 * thousands of files per diff make hash-object set-up the larger cost.
 */
export function fingerprint(input: string | Buffer): string {
  return typeof input === 'string' ? hash64(input) : createHash('sha1').update(input).digest('hex').slice(0, 16);
}

function hash64(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

export function computeTotals(files: DiffFile[]): DiffTotals {
  let additions = 0;
  let deletions = 0;
  for (const f of files) {
    additions += f.additions;
    deletions += f.deletions;
  }
  return { files: files.length, additions, deletions };
}

/**
 * Unmerged paths print "* Unmerged path X" or a combined `diff --cc` section. The working-tree source
 * lists conflicts from `git status` instead, so both are dropped here. Combined hunk lines carry two
 * prefix columns and can never start with "diff --git ", so such a section ends at the next one.
 */
function withoutUnmergedSections(patch: string): string {
  return patch.replace(/^\* Unmerged path [^\n]*\n?/gm, '').replace(/^diff --cc [\s\S]*?(?=^diff --git |(?![\s\S]))/gm, '');
}

/** Records and sections must line up; a mismatch means we misread git's output, never a user error. */
function checkSamePath(record: RawRecord, patch: StructuredPatch): void {
  const named = stripPrefix(patch.newFileName === '/dev/null' ? patch.oldFileName : patch.newFileName);
  if (named === undefined) return;
  const expected = record.status === 'D' ? record.oldPath ?? record.path : record.path;
  // parsePatch trims `---`/`+++` names, so a path ending in spaces can only be compared trimmed.
  if (named !== expected && named.trimEnd() !== expected.trimEnd()) {
    throw new Error(`Could not read git's diff: expected a section for "${expected}", found "${named}"`);
  }
}

function stripPrefix(name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  return name.startsWith('a/') || name.startsWith('b/') ? name.slice(2) : name;
}
