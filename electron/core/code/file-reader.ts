/**
 * Reads files for the viewer without ever holding a big one whole: the first open scans the file
 * once in 1 MB chunks, recording where each line starts (a 50 MB, 1,000,000-line file takes about
 * 100 ms and 8 MB of offsets) and checking it is valid UTF-8; every later read fetches just the
 * bytes of the lines asked for. Scans are cached per file and dropped when the file changes.
 *
 * What a file is: an image when its name and first bytes say so; binary when its first 8,000 bytes
 * hold a NUL (git's own test); otherwise text — shown with replacement characters, and marked
 * `lossy`, when it is not valid UTF-8.
 */
import { isUtf8 } from 'node:buffer';
import fs from 'node:fs';
import path from 'node:path';
import { CODE_LIMITS, type CodeFileInfo, type CodeLines, type FindMatch } from '../../../shared/contract/code';

/** Above these, a file is shown as plain text (highlighting would take seconds and memory). */
export const HIGHLIGHT_MAX_BYTES = 2 * 1024 * 1024;
export const HIGHLIGHT_MAX_LINES = 50_000;
/** Files above this are not opened at all (the viewer points to the user's editor). */
export const MAX_VIEWABLE_BYTES = 2 * 1024 * 1024 * 1024;
/** Largest image sent to the page as a data URL. */
export const MAX_IMAGE_BYTES = 20 * 1024 * 1024;
/** Bytes git looks at to call a file binary. */
const SNIFF_BYTES = 8000;
const CHUNK_BYTES = 1024 * 1024;
/** Scans kept in memory (an 8 MB offset table each at most for 1M lines). */
const CACHE_SIZE = 8;

const IMAGE_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.bmp': 'image/bmp',
  '.ico': 'image/x-icon',
  '.avif': 'image/avif',
  '.svg': 'image/svg+xml',
};

export class FileReadError extends Error {
  constructor(
    readonly kind: 'not_found' | 'not_a_file' | 'too_large' | 'not_text' | 'unreadable',
    message: string,
  ) {
    super(message);
  }
}

interface Scan {
  key: string;
  size: number;
  /** Byte offset where line i (0-based) starts; one extra entry holds the file size. */
  starts: Float64Array;
  lineCount: number;
  crlf: boolean;
  lossy: boolean;
  longestLine: number;
}

export type FileSummary = Omit<CodeFileInfo, 'root' | 'path'>;

export class FileReader {
  private readonly scans = new Map<string, Scan>();
  private readonly scanning = new Map<string, Promise<Scan>>();

  /** What the file is, and for text its line count (scanning it if needed). */
  async stat(absPath: string): Promise<FileSummary> {
    const st = await statFile(absPath);
    const version = versionOf(st);
    const base = { size: st.size, mtimeMs: st.mtimeMs, version, lineCount: null, eol: null, lossy: false, highlight: false, longLines: false };
    const imageMime = IMAGE_TYPES[path.extname(absPath).toLowerCase()] ?? null;
    const head = await readHead(absPath, SNIFF_BYTES);
    if (imageMime && (imageMime === 'image/svg+xml' || looksLikeImage(head))) {
      return { ...base, kind: 'image', mime: imageMime, highlightNote: null };
    }
    if (head.includes(0)) return { ...base, kind: 'binary', mime: null, highlightNote: null };
    if (st.size > MAX_VIEWABLE_BYTES) {
      return { ...base, kind: 'tooLarge', mime: null, highlightNote: `The file is ${formatBytes(st.size)}; files above ${formatBytes(MAX_VIEWABLE_BYTES)} open in your editor.` };
    }
    const scan = await this.scan(absPath, st);
    const highlightNote =
      st.size > HIGHLIGHT_MAX_BYTES
        ? `Shown without colours: the file is ${formatBytes(st.size)} (colours stop at ${formatBytes(HIGHLIGHT_MAX_BYTES)}).`
        : scan.lineCount > HIGHLIGHT_MAX_LINES
          ? `Shown without colours: the file has ${scan.lineCount.toLocaleString('en-US')} lines (colours stop at ${HIGHLIGHT_MAX_LINES.toLocaleString('en-US')}).`
          : null;
    return {
      ...base,
      kind: 'text',
      mime: null,
      lineCount: scan.lineCount,
      eol: scan.crlf ? 'crlf' : 'lf',
      lossy: scan.lossy,
      highlight: highlightNote === null,
      highlightNote,
      longLines: scan.longestLine > CODE_LIMITS.maxLineChars,
    };
  }

  /** Lines [startLine, endLine] (1-based, inclusive), clamped to the file and to CODE_LIMITS.maxReadLines. */
  async read(absPath: string, startLine: number, endLine: number): Promise<Omit<CodeLines, 'path'>> {
    const st = await statFile(absPath);
    const head = await readHead(absPath, SNIFF_BYTES);
    if (head.includes(0)) throw new FileReadError('not_text', `${path.basename(absPath)} is a binary file`);
    const scan = await this.scan(absPath, st);
    const first = Math.min(Math.max(1, startLine), Math.max(1, scan.lineCount));
    const last = Math.min(endLine, scan.lineCount, first + CODE_LIMITS.maxReadLines - 1);
    if (scan.lineCount === 0 || last < first) return { version: versionOf(st), startLine: first, lineCount: scan.lineCount, lines: [], cut: [] };
    const from = scan.starts[first - 1]!;
    const to = scan.starts[last]!;
    const lines: string[] = [];
    const cut: number[] = [];
    const handle = await fs.promises.open(absPath, 'r');
    try {
      // Read line by line when lines are huge, so one minified line never costs more than the cap.
      if (to - from <= 16 * 1024 * 1024) {
        const buf = Buffer.alloc(to - from);
        await readFully(handle, buf, from);
        for (let i = first; i <= last; i++) {
          const s = scan.starts[i - 1]! - from;
          const e = scan.starts[i]! - from;
          pushLine(lines, cut, buf.subarray(s, e));
        }
      } else {
        for (let i = first; i <= last; i++) {
          const s = scan.starts[i - 1]!;
          const e = scan.starts[i]!;
          const length = Math.min(e - s, CODE_LIMITS.maxLineChars * 4 + 2);
          const buf = Buffer.alloc(length);
          await readFully(handle, buf, s);
          pushLine(lines, cut, buf, e - s > length);
        }
      }
    } finally {
      await handle.close();
    }
    return { version: versionOf(st), startLine: first, lineCount: scan.lineCount, lines, cut };
  }

  /** The image as a data URL (bounded). */
  async image(absPath: string): Promise<{ mime: string; size: number; dataUrl: string }> {
    const st = await statFile(absPath);
    const mime = IMAGE_TYPES[path.extname(absPath).toLowerCase()];
    if (!mime) throw new FileReadError('not_text', `${path.basename(absPath)} is not an image Tandem can show`);
    if (st.size > MAX_IMAGE_BYTES) throw new FileReadError('too_large', `The image is ${formatBytes(st.size)}; images above ${formatBytes(MAX_IMAGE_BYTES)} are not shown`);
    const data = await fs.promises.readFile(absPath);
    return { mime, size: data.length, dataUrl: `data:${mime};base64,${data.toString('base64')}` };
  }

  /** Every match of `pattern` in the file, line by line, streamed (the file is never held whole). */
  async find(absPath: string, pattern: RegExp, maxMatches: number): Promise<{ version: string; matches: FindMatch[]; limited: boolean }> {
    const st = await statFile(absPath);
    const head = await readHead(absPath, SNIFF_BYTES);
    if (head.includes(0)) throw new FileReadError('not_text', `${path.basename(absPath)} is a binary file`);
    const matches: FindMatch[] = [];
    let limited = false;
    let lineNo = 0;
    let carry = '';
    const decoder = new TextDecoder('utf-8');
    const scanLine = (raw: string) => {
      lineNo++;
      const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      pattern.lastIndex = 0;
      for (let m = pattern.exec(line); m; m = pattern.exec(line)) {
        if (matches.length >= maxMatches) {
          limited = true;
          return;
        }
        matches.push({ line: lineNo, column: m.index + 1, length: m[0].length });
        if (m[0].length === 0) pattern.lastIndex++;
      }
    };
    const stream = fs.createReadStream(absPath, { highWaterMark: CHUNK_BYTES });
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        const text = carry + decoder.decode(chunk, { stream: true });
        const parts = text.split('\n');
        carry = parts.pop() ?? '';
        for (const part of parts) {
          scanLine(part);
          if (limited) break;
        }
        if (limited) break;
      }
      if (!limited) {
        carry += decoder.decode();
        if (carry.length > 0) scanLine(carry);
      }
    } finally {
      stream.destroy();
    }
    return { version: versionOf(st), matches, limited };
  }

  private async scan(absPath: string, st: fs.Stats): Promise<Scan> {
    const key = `${absPath}\0${versionOf(st)}`;
    const cached = this.scans.get(absPath);
    if (cached && cached.key === key) {
      // Most recently used last.
      this.scans.delete(absPath);
      this.scans.set(absPath, cached);
      return cached;
    }
    const running = this.scanning.get(key);
    if (running) return running;
    const job = scanLines(absPath, key, st.size).finally(() => this.scanning.delete(key));
    this.scanning.set(key, job);
    const scan = await job;
    this.scans.delete(absPath);
    this.scans.set(absPath, scan);
    while (this.scans.size > CACHE_SIZE) this.scans.delete(this.scans.keys().next().value!);
    return scan;
  }
}

/** One pass over the file: line starts, CR LF use, UTF-8 validity, the longest line. */
async function scanLines(absPath: string, key: string, size: number): Promise<Scan> {
  let starts: Float64Array<ArrayBuffer> = new Float64Array(Math.max(1024, Math.min(Math.ceil(size / 40) + 2, 4_000_000)));
  let count = 1; // line 1 starts at 0
  starts[0] = 0;
  let crlf = false;
  let lossy = false;
  let longestLine = 0;
  let lastStart = 0;
  let pending: Buffer = Buffer.alloc(0); // an incomplete UTF-8 sequence at a chunk's end
  let previousByte = -1; // the last byte of the previous chunk (a CR before a chunk's first LF)
  let offset = 0;
  const handle = await fs.promises.open(absPath, 'r');
  try {
    const chunk = Buffer.alloc(CHUNK_BYTES);
    for (;;) {
      const { bytesRead } = await handle.read(chunk, 0, CHUNK_BYTES, offset);
      if (bytesRead === 0) break;
      const data = chunk.subarray(0, bytesRead);
      for (let nl = data.indexOf(10); nl >= 0; nl = data.indexOf(10, nl + 1)) {
        const lineStart = offset + nl + 1;
        if ((nl > 0 ? data[nl - 1] : previousByte) === 13) crlf = true;
        if (count >= starts.length) starts = grow(starts);
        starts[count++] = lineStart;
        longestLine = Math.max(longestLine, lineStart - lastStart - 1);
        lastStart = lineStart;
      }
      if (!lossy) {
        const joined = pending.length ? Buffer.concat([pending, data]) : data;
        const complete = completeUtf8Length(joined);
        if (!isUtf8(joined.subarray(0, complete))) lossy = true;
        pending = Buffer.from(joined.subarray(complete));
      }
      previousByte = data[bytesRead - 1]!;
      offset += bytesRead;
    }
  } finally {
    await handle.close();
  }
  if (pending.length > 0 && !lossy && !isUtf8(pending)) lossy = true;
  // A final line without a line break is a line; a file ending in "\n" has no empty extra line.
  let lineCount = count;
  if (starts[count - 1] === size) lineCount = count - 1;
  if (size === 0) lineCount = 0;
  longestLine = Math.max(longestLine, size - lastStart);
  if (count >= starts.length) starts = grow(starts);
  // Line i ends where line i+1 starts; the entry after the last line is the file size.
  starts[lineCount] = size;
  return { key, size, starts: starts.subarray(0, lineCount + 1), lineCount, crlf, lossy, longestLine };
}

function grow(a: Float64Array): Float64Array<ArrayBuffer> {
  const b = new Float64Array(a.length * 2);
  b.set(a);
  return b;
}

/** Length of `buf` without a trailing, unfinished UTF-8 sequence (at most 3 bytes). */
function completeUtf8Length(buf: Buffer): number {
  const n = buf.length;
  for (let back = 1; back <= Math.min(3, n); back++) {
    const b = buf[n - back]!;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? n - back : n;
  }
  return n;
}

const decoder = new TextDecoder('utf-8');

/** Decodes one line's bytes without its line break; cuts it at the line limit. */
function pushLine(lines: string[], cut: number[], bytes: Buffer, truncatedBytes = false): void {
  let end = bytes.length;
  if (end > 0 && bytes[end - 1] === 10) end--;
  if (end > 0 && bytes[end - 1] === 13) end--;
  let text = decoder.decode(bytes.subarray(0, end));
  if (text.length > CODE_LIMITS.maxLineChars || truncatedBytes) {
    text = text.slice(0, CODE_LIMITS.maxLineChars);
    cut.push(lines.length);
  }
  lines.push(text);
}

async function readFully(handle: fs.promises.FileHandle, buf: Buffer, position: number): Promise<void> {
  let done = 0;
  while (done < buf.length) {
    const { bytesRead } = await handle.read(buf, done, buf.length - done, position + done);
    if (bytesRead === 0) break; // the file shrank underneath; what was read is what there is
    done += bytesRead;
  }
}

async function statFile(absPath: string): Promise<fs.Stats> {
  let st: fs.Stats;
  try {
    st = await fs.promises.stat(absPath);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new FileReadError('not_found', `${path.basename(absPath)} does not exist (any more)`);
    throw new FileReadError('unreadable', `Cannot read ${path.basename(absPath)}: ${(err as Error).message}`);
  }
  if (st.isDirectory()) throw new FileReadError('not_a_file', `${path.basename(absPath)} is a folder`);
  if (!st.isFile()) throw new FileReadError('not_a_file', `${path.basename(absPath)} is not a regular file`);
  return st;
}

async function readHead(absPath: string, bytes: number): Promise<Buffer> {
  const handle = await fs.promises.open(absPath, 'r').catch((err: Error) => {
    throw new FileReadError('unreadable', `Cannot read ${path.basename(absPath)}: ${err.message}`);
  });
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Magic numbers of the raster formats we show (an "image.png" full of text is text). */
function looksLikeImage(head: Buffer): boolean {
  const starts = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
  return (
    starts(0x89, 0x50, 0x4e, 0x47) || // PNG
    starts(0xff, 0xd8, 0xff) || // JPEG
    starts(0x47, 0x49, 0x46, 0x38) || // GIF8
    (starts(0x52, 0x49, 0x46, 0x46) && head.subarray(8, 12).toString('latin1') === 'WEBP') ||
    starts(0x42, 0x4d) || // BMP
    starts(0x00, 0x00, 0x01, 0x00) || // ICO
    head.subarray(4, 12).toString('latin1').startsWith('ftypavi') // AVIF
  );
}

export function versionOf(st: fs.Stats): string {
  return `${st.size}-${Math.round(st.mtimeMs)}-${st.ino}`;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(n < 10 * 1024 ? 1 : 0)} KB`;
  if (n < 1024 * 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MB`;
  return `${(n / (1024 * 1024 * 1024)).toFixed(1)} GB`;
}
