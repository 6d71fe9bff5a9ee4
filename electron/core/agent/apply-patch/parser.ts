import { PatchError } from './errors';

/*
 * Parser for the Codex patch format (the `apply_patch` tool).
 *
 *   patch        := "*** Begin Patch" LF hunk+ "*** End Patch" LF?
 *   hunk         := add | delete | update
 *   add          := "*** Add File: " path LF ("+" line LF)*
 *   delete       := "*** Delete File: " path LF
 *   update       := "*** Update File: " path LF ("*** Move to: " path LF)? chunk+
 *   chunk        := ("@@" | "@@ " context) LF ((" " | "-" | "+") line LF)+ ("*** End of File" LF)?
 *
 * Like Codex's lenient mode, it also accepts: whitespace around the patch markers and hunk headers,
 * CRLF line endings, blank lines between hunks and chunks, a first chunk without its `@@` line, and
 * a patch wrapped in a heredoc (`<<'EOF'` … `EOF`), which models produce when they confuse the tool
 * with a shell command.
 */

export const BEGIN_PATCH_MARKER = '*** Begin Patch';
export const END_PATCH_MARKER = '*** End Patch';
export const END_OF_FILE_MARKER = '*** End of File';
const MOVE_TO_MARKER = '*** Move to: ';
const CHUNK_MARKER = '@@';
const HEREDOC_OPENERS = new Set(['<<EOF', "<<'EOF'", '<<"EOF"']);
const FILE_HEADER = /^\*\*\* (Add|Delete|Update) File:(.*)$/;
const VALID_HEADERS = "'*** Add File: {path}', '*** Delete File: {path}', '*** Update File: {path}'";

export interface AddFileHunk {
  type: 'add';
  /** The path as written in the patch. */
  path: string;
  /** The new file's contents: every `+` line followed by a newline. */
  contents: string;
  /** 1-based line of the hunk header in the patch text. */
  line: number;
}

export interface DeleteFileHunk {
  type: 'delete';
  path: string;
  line: number;
}

export interface UpdateFileHunk {
  type: 'update';
  path: string;
  /** Destination of `*** Move to:`, as written in the patch. */
  movePath?: string;
  chunks: UpdateChunk[];
  line: number;
}

export type Hunk = AddFileHunk | DeleteFileHunk | UpdateFileHunk;

export interface UpdateChunk {
  /** The text after `@@ `: a line (usually a class or function header) the chunk follows. */
  context?: string;
  /** Context and removed lines, in order: what the file must contain. */
  oldLines: string[];
  /** Context and added lines, in order: what replaces `oldLines`. */
  newLines: string[];
  /** Set by `*** End of File`: `oldLines` should sit at the end of the file. */
  isEndOfFile: boolean;
}

export interface ParsedPatch {
  hunks: Hunk[];
}

/** Parses patch text into hunks. Throws a {@link PatchError} that names the offending line. */
export function parsePatch(text: string): ParsedPatch {
  const trimmed = text.trim();
  if (trimmed === '') throw invalidPatch('the patch text is empty');
  const lines = trimmed.split(/\r?\n/);
  const body = locateBody(lines);
  const parser = new HunkParser(lines, body.start, body.end);
  const hunks = parser.parseAll();
  if (hunks.length === 0) {
    throw new PatchError(
      'empty-patch',
      `Invalid patch: it contains no file operations (expected ${VALID_HEADERS} after '${BEGIN_PATCH_MARKER}')`,
      body.start,
    );
  }
  return { hunks };
}

/** Index range [start, end) of the hunk lines, between the patch markers. */
interface BodyRange {
  start: number;
  end: number;
}

function locateBody(lines: string[]): BodyRange {
  const strictError = checkMarkers(lines, 0, lines.length);
  if (!strictError) return { start: 1, end: lines.length - 1 };

  // Lenient mode: `<<'EOF'` on the first line, `…EOF` on the last, and a real patch in between.
  const first = lines[0]?.trim() ?? '';
  const last = lines[lines.length - 1]?.trim() ?? '';
  if (lines.length >= 4 && HEREDOC_OPENERS.has(first) && last.endsWith('EOF')) {
    const innerError = checkMarkers(lines, 1, lines.length - 1);
    if (innerError) throw innerError;
    return { start: 2, end: lines.length - 2 };
  }
  throw strictError;
}

/** Checks that lines[from] opens and lines[to - 1] closes the patch. */
function checkMarkers(lines: string[], from: number, to: number): PatchError | undefined {
  const first = lines[from]?.trim();
  const last = lines[to - 1]?.trim();
  if (first !== BEGIN_PATCH_MARKER) {
    return invalidPatch(`The first line of the patch must be '${BEGIN_PATCH_MARKER}'`);
  }
  if (to - from < 2 || last !== END_PATCH_MARKER) {
    return invalidPatch(`The last line of the patch must be '${END_PATCH_MARKER}'`);
  }
  return undefined;
}

function invalidPatch(reason: string): PatchError {
  return new PatchError('invalid-patch', `Invalid patch: ${reason}`);
}

function invalidHunk(lineNumber: number, reason: string): PatchError {
  return new PatchError('invalid-hunk', `Invalid patch hunk on line ${lineNumber}: ${reason}`, lineNumber);
}

/** Walks the body lines once; `index` is the next unread line. */
class HunkParser {
  private index: number;

  constructor(
    private readonly lines: string[],
    start: number,
    private readonly end: number,
  ) {
    this.index = start;
  }

  parseAll(): Hunk[] {
    const hunks: Hunk[] = [];
    while (this.index < this.end) {
      if (this.current().trim() === '') {
        this.index += 1; // blank lines between hunks carry no meaning
        continue;
      }
      hunks.push(this.parseHunk());
    }
    return hunks;
  }

  private current(): string {
    return this.lines[this.index] ?? '';
  }

  private lineNumber(): number {
    return this.index + 1;
  }

  private parseHunk(): Hunk {
    const headerLine = this.lineNumber();
    const header = this.current().trim();
    const match = FILE_HEADER.exec(header);
    if (!match) {
      throw invalidHunk(headerLine, `'${header}' is not a valid hunk header. Valid hunk headers: ${VALID_HEADERS}`);
    }
    const operation = match[1] as 'Add' | 'Delete' | 'Update';
    const path = (match[2] ?? '').trim();
    if (path === '') throw invalidHunk(headerLine, `'${header}' is missing the file path`);
    this.index += 1;

    switch (operation) {
      case 'Add':
        return { type: 'add', path, contents: this.parseAddedLines(), line: headerLine };
      case 'Delete':
        return { type: 'delete', path, line: headerLine };
      case 'Update':
        return this.parseUpdate(path, headerLine);
    }
  }

  private parseAddedLines(): string {
    let contents = '';
    while (this.index < this.end && this.current().startsWith('+')) {
      contents += `${this.current().slice(1)}\n`;
      this.index += 1;
    }
    return contents;
  }

  private parseUpdate(path: string, headerLine: number): UpdateFileHunk {
    let movePath: string | undefined;
    const maybeMove = this.current().trim();
    if (this.index < this.end && maybeMove.startsWith(MOVE_TO_MARKER.trimEnd())) {
      movePath = maybeMove.slice(MOVE_TO_MARKER.trimEnd().length).trim();
      if (movePath === '') throw invalidHunk(this.lineNumber(), `'${maybeMove}' is missing the destination path`);
      this.index += 1;
    }

    const chunks: UpdateChunk[] = [];
    while (this.index < this.end) {
      const line = this.current();
      if (line.trim() === '') {
        this.index += 1; // blank lines may separate chunks
        continue;
      }
      if (line.startsWith('*')) break; // the next hunk header
      chunks.push(this.parseChunk(chunks.length === 0));
    }
    if (chunks.length === 0) {
      throw invalidHunk(headerLine, `Update file hunk for path '${path}' is empty`);
    }
    return movePath === undefined
      ? { type: 'update', path, chunks, line: headerLine }
      : { type: 'update', path, movePath, chunks, line: headerLine };
  }

  private parseChunk(isFirstChunk: boolean): UpdateChunk {
    const first = this.current();
    const chunk: UpdateChunk = { oldLines: [], newLines: [], isEndOfFile: false };
    if (first.trim() === CHUNK_MARKER) {
      this.index += 1;
    } else if (first.startsWith(`${CHUNK_MARKER} `)) {
      chunk.context = first.slice(CHUNK_MARKER.length + 1);
      this.index += 1;
    } else if (!isFirstChunk) {
      // The first chunk may start straight with diff lines; later ones need their `@@`.
      throw invalidHunk(this.lineNumber(), `Expected update hunk to start with a @@ context marker, got: '${first}'`);
    }

    let diffLines = 0;
    while (this.index < this.end) {
      const line = this.current();
      if (line.trimEnd() === END_OF_FILE_MARKER) {
        if (diffLines === 0) break; // reported below as an empty chunk
        chunk.isEndOfFile = true;
        this.index += 1;
        break;
      }
      const marker = line[0];
      const text = line.slice(1);
      if (marker === undefined) {
        // A bare empty line: an empty context line whose leading space was lost.
        chunk.oldLines.push('');
        chunk.newLines.push('');
      } else if (marker === ' ') {
        chunk.oldLines.push(text);
        chunk.newLines.push(text);
      } else if (marker === '-') {
        chunk.oldLines.push(text);
      } else if (marker === '+') {
        chunk.newLines.push(text);
      } else if (diffLines === 0) {
        throw invalidHunk(
          this.lineNumber(),
          `Unexpected line found in update hunk: '${line}'. Every line should start with ' ' (context line), '+' (added line), or '-' (removed line)`,
        );
      } else {
        break; // the start of the next chunk or hunk
      }
      diffLines += 1;
      this.index += 1;
    }
    if (diffLines === 0) throw invalidHunk(this.lineNumber(), 'Update hunk does not contain any lines');
    return chunk;
  }
}
