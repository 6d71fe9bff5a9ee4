// Reading files for the viewer: a 1,000,000-line file by range, and every kind of file a repository
// holds (CRLF, invalid UTF-8, binary, images, minified one-liners, empty files).
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CODE_LIMITS } from '../../../shared/contract';
import { createCodeHarness, TempFolder, type CodeHarness } from './harness';

const HUGE_LINES = 1_000_000;
const hugeLine = (n: number) => `line ${n}: ${'x'.repeat(n % 50)} end`;

const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

describe('reading files', () => {
  let folder: TempFolder;
  let code: CodeHarness;
  let root: string;

  beforeAll(() => {
    folder = new TempFolder();
    root = folder.root;
    // ~32 MB, written in chunks.
    const fd = fs.openSync(folder.abs('huge.log'), 'w');
    let chunk: string[] = [];
    for (let n = 1; n <= HUGE_LINES; n++) {
      chunk.push(hugeLine(n));
      if (chunk.length === 50_000) {
        fs.writeSync(fd, chunk.join('\n') + '\n');
        chunk = [];
      }
    }
    fs.closeSync(fd);
    folder.write('crlf.txt', 'one\r\ntwo\r\nthree');
    folder.write('latin1.txt', Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a, 0x6f, 0x6b, 0x0a])); // "café" in Latin-1
    folder.write('utf8.txt', 'naïve — 日本語 🎉\nsecond\n');
    folder.write('program.bin', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0x00, 0x41]));
    folder.write('pixel.png', PNG_1X1);
    folder.write('fake.png', 'not really a png\n');
    folder.write('icon.svg', '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>');
    folder.write('empty.txt', '');
    folder.write('bundle.min.js', `${'a'.repeat(CODE_LIMITS.maxLineChars + 500)}\nshort\n`);
    folder.write('small.ts', 'const a = 1;\nconst b = 2;\n');
    code = createCodeHarness({ watch: false });
  });

  afterAll(async () => {
    await code.dispose();
    folder.remove();
  });

  it('opens a 1,000,000-line file by range, without reading it whole per request', async () => {
    const started = performance.now();
    const info = await code.call('code.stat', { root, path: 'huge.log' });
    const scanMs = performance.now() - started;
    expect(info).toMatchObject({ kind: 'text', lineCount: HUGE_LINES, eol: 'lf', lossy: false, highlight: false });
    expect(info.highlightNote).toMatch(/without colours/);
    expect(info.size).toBeGreaterThan(30 * 1024 * 1024);

    const middle = await code.call('code.read', { root, path: 'huge.log', startLine: 500_000, endLine: 500_009 });
    expect(middle.startLine).toBe(500_000);
    expect(middle.lines).toEqual(Array.from({ length: 10 }, (_, i) => hugeLine(500_000 + i)));
    expect(middle.lineCount).toBe(HUGE_LINES);

    // Reads after the scan only touch the bytes asked for: far faster than the scan itself.
    const readStarted = performance.now();
    const last = await code.call('code.read', { root, path: 'huge.log', startLine: HUGE_LINES - 2, endLine: HUGE_LINES + 50 });
    const readMs = performance.now() - readStarted;
    expect(last.lines).toEqual([hugeLine(HUGE_LINES - 2), hugeLine(HUGE_LINES - 1), hugeLine(HUGE_LINES)]);
    expect(readMs).toBeLessThan(Math.max(50, scanMs / 2));

    const first = await code.call('code.read', { root, path: 'huge.log', startLine: 1, endLine: 100_000 });
    expect(first.lines).toHaveLength(CODE_LIMITS.maxReadLines);
  });

  it('finds text in the huge file on the core side', async () => {
    const found = await code.call('code.find', { root, path: 'huge.log', query: 'line 999999:' });
    expect(found.matches).toEqual([{ line: 999_999, column: 1, length: 12 }]);
    const many = await code.call('code.find', { root, path: 'huge.log', query: 'END', caseSensitive: false });
    expect(many.matches).toHaveLength(CODE_LIMITS.maxFindMatches);
    expect(many.limited).toBe(true);
    const regex = await code.call('code.find', { root, path: 'small.ts', query: 'const [ab]', regex: true });
    expect(regex.matches.map((m) => m.line)).toEqual([1, 2]);
    await expect(code.call('code.find', { root, path: 'small.ts', query: '(', regex: true })).rejects.toThrow(/Not a valid regular expression/);
  });

  it('serves a file with CRLF line ends and no final line break', async () => {
    expect(await code.call('code.stat', { root, path: 'crlf.txt' })).toMatchObject({ kind: 'text', lineCount: 3, eol: 'crlf' });
    expect((await code.call('code.read', { root, path: 'crlf.txt', startLine: 1, endLine: 3 })).lines).toEqual(['one', 'two', 'three']);
  });

  it('marks text that is not UTF-8 as lossy and keeps valid multibyte text intact', async () => {
    expect(await code.call('code.stat', { root, path: 'latin1.txt' })).toMatchObject({ kind: 'text', lossy: true, lineCount: 2 });
    expect((await code.call('code.read', { root, path: 'latin1.txt', startLine: 1, endLine: 1 })).lines).toEqual(['caf\uFFFD']);
    expect(await code.call('code.stat', { root, path: 'utf8.txt' })).toMatchObject({ lossy: false, lineCount: 2, highlight: true });
    expect((await code.call('code.read', { root, path: 'utf8.txt', startLine: 1, endLine: 1 })).lines).toEqual(['naïve — 日本語 🎉']);
  });

  it('recognises binary files and images by content', async () => {
    expect((await code.call('code.stat', { root, path: 'program.bin' })).kind).toBe('binary');
    await expect(code.call('code.read', { root, path: 'program.bin', startLine: 1, endLine: 1 })).rejects.toThrow(/binary/);
    expect(await code.call('code.stat', { root, path: 'pixel.png' })).toMatchObject({ kind: 'image', mime: 'image/png' });
    expect(await code.call('code.stat', { root, path: 'fake.png' })).toMatchObject({ kind: 'text' });
    expect(await code.call('code.stat', { root, path: 'icon.svg' })).toMatchObject({ kind: 'image', mime: 'image/svg+xml' });
    const image = await code.call('code.image', { root, path: 'pixel.png' });
    expect(image.dataUrl).toBe(`data:image/png;base64,${PNG_1X1.toString('base64')}`);
  });

  it('cuts minified megabyte lines and says so', async () => {
    expect(await code.call('code.stat', { root, path: 'bundle.min.js' })).toMatchObject({ longLines: true, lineCount: 2 });
    const read = await code.call('code.read', { root, path: 'bundle.min.js', startLine: 1, endLine: 2 });
    expect(read.lines[0]).toHaveLength(CODE_LIMITS.maxLineChars);
    expect(read.lines[1]).toBe('short');
    expect(read.cut).toEqual([0]);
  });

  it('handles an empty file', async () => {
    expect(await code.call('code.stat', { root, path: 'empty.txt' })).toMatchObject({ kind: 'text', lineCount: 0 });
    expect((await code.call('code.read', { root, path: 'empty.txt', startLine: 1, endLine: 10 })).lines).toEqual([]);
  });

  it('sees a file change: new version, new lines', async () => {
    const before = await code.call('code.stat', { root, path: 'small.ts' });
    fs.appendFileSync(folder.abs('small.ts'), 'const c = 3;\n');
    const after = await code.call('code.stat', { root, path: 'small.ts' });
    expect(after.version).not.toBe(before.version);
    expect(after.lineCount).toBe(3);
  });

  it('says clearly when a file is missing or is a folder', async () => {
    await expect(code.call('code.stat', { root, path: 'nope.ts' })).rejects.toThrow(/does not exist/);
    fs.mkdirSync(folder.abs('adir'), { recursive: true });
    await expect(code.call('code.read', { root, path: 'adir', startLine: 1, endLine: 1 })).rejects.toThrow(/is a folder/);
  });
});
