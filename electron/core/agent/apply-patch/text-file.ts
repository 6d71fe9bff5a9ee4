/*
 * A text file as lines that remember their own line ending, so that patching one line of a CRLF
 * file (or of a file with mixed endings) leaves every other line byte for byte as it was.
 */

const BYTE_ORDER_MARK = '\uFEFF';

type LineEnding = '\n' | '\r\n';

interface TextLine {
  text: string;
  /** Absent only on a last line that has no newline. */
  ending?: LineEnding;
}

/** A replacement of `deleteCount` lines at `start` by `lines`. */
export interface LineReplacement {
  start: number;
  deleteCount: number;
  lines: readonly string[];
}

export class TextFile {
  private constructor(
    private lines: TextLine[],
    /** The ending new lines get: the file's first line ending, LF for a file without one. */
    private readonly preferredEnding: LineEnding,
    private readonly byteOrderMark: boolean,
  ) {}

  static parse(contents: string): TextFile {
    const byteOrderMark = contents.startsWith(BYTE_ORDER_MARK);
    const body = byteOrderMark ? contents.slice(BYTE_ORDER_MARK.length) : contents;
    const lines: TextLine[] = [];
    let lineStart = 0;
    for (let newline = body.indexOf('\n'); newline !== -1; newline = body.indexOf('\n', lineStart)) {
      const crlf = newline > lineStart && body[newline - 1] === '\r';
      lines.push({ text: body.slice(lineStart, crlf ? newline - 1 : newline), ending: crlf ? '\r\n' : '\n' });
      lineStart = newline + 1;
    }
    if (lineStart < body.length) lines.push({ text: body.slice(lineStart) });
    return new TextFile(lines, lines[0]?.ending ?? '\n', byteOrderMark);
  }

  /** The lines' text, without endings: what patch chunks are matched against. */
  lineTexts(): string[] {
    return this.lines.map((line) => line.text);
  }

  /**
   * Applies replacements given in ascending, non-overlapping order. New lines take the file's
   * preferred ending. Afterwards every line ends with a newline, as Codex does: an updated file
   * always ends with one, and a formerly last line that an insertion moved inward needs one anyway.
   */
  applyReplacements(replacements: readonly LineReplacement[]): void {
    const result: TextLine[] = [];
    let next = 0;
    for (const { start, deleteCount, lines } of replacements) {
      result.push(...this.lines.slice(next, start));
      result.push(...lines.map((text) => ({ text, ending: this.preferredEnding })));
      next = start + deleteCount;
    }
    result.push(...this.lines.slice(next));
    this.lines = result.map((line) => ({ text: line.text, ending: line.ending ?? this.preferredEnding }));
  }

  toString(): string {
    const body = this.lines.map((line) => line.text + (line.ending ?? '')).join('');
    return this.byteOrderMark ? BYTE_ORDER_MARK + body : body;
  }
}
