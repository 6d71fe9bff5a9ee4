import { describe, expect, it } from 'vitest';
import { findCodeLinks, formatCodeReference, parseCodeReference } from '../../../shared/code-links';

const paths = (text: string, bare = false) => findCodeLinks(text, { bare }).map((l) => [l.path, l.line, l.column]);

describe('findCodeLinks', () => {
  it('finds jest/vitest stack frames with and without a function name', () => {
    expect(paths('    at fn (src/a.test.ts:3:11)\n    at src/b.ts:4:2\n    at async Promise.all (index 0)')).toEqual([
      ['src/a.test.ts', 3, 11],
      ['src/b.ts', 4, 2],
    ]);
  });

  it('reads file:// URLs, decoding escapes', () => {
    expect(paths('at file:///home/me/my%20app/x.mjs:10:5')).toEqual([['/home/me/my app/x.mjs', 10, 5]]);
  });

  it('does not take URLs, times, versions or node internals for files', () => {
    expect(paths('see https://example.com/a/b.js:12 at 12:30:45, v1.2.3:4, node:internal/modules/cjs/loader:1521:14')).toEqual([]);
    expect(paths('listening on 127.0.0.1:8080')).toEqual([]);
  });

  it('accepts well-known extensionless files and folders with a line', () => {
    expect(paths('Makefile:12: *** missing separator')).toEqual([['Makefile', 12, null]]);
    expect(paths('bin/tandem:3')).toEqual([['bin/tandem', 3, null]]);
  });

  it('treats line 0 (whole-file messages) as line 1', () => {
    expect(paths('src/a.ts:0:0 warning')).toEqual([['src/a.ts', 1, 1]]);
  });

  it('finds Windows paths', () => {
    expect(paths(String.raw`C:\work\app\main.cs(12,5): error CS0103`)).toEqual([[String.raw`C:\work\app\main.cs`, 12, 5]]);
  });

  it('links bare paths in prose only when asked, without trailing punctuation', () => {
    const text = 'I changed src/app/main.ts. Also README.md and see renderer/x.tsx:40';
    expect(paths(text)).toEqual([['renderer/x.tsx', 40, null]]);
    expect(paths(text, true)).toEqual([
      ['src/app/main.ts', null, null],
      ['renderer/x.tsx', 40, null],
    ]);
    const [first] = findCodeLinks(text, { bare: true });
    expect(text.slice(first!.start, first!.end)).toBe('src/app/main.ts');
  });

  it('stops at maxLinks', () => {
    const text = Array.from({ length: 50 }, (_, i) => `a/f${i}.ts:${i + 1}`).join('\n');
    expect(findCodeLinks(text, { maxLinks: 10 })).toHaveLength(10);
  });

  it('handles a long line without quadratic blow-up', () => {
    const text = 'x'.repeat(200_000) + ' src/a.ts:1';
    const started = performance.now();
    expect(paths(text)).toEqual([['src/a.ts', 1, null]]);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe('parseCodeReference', () => {
  it('reads the forms people paste into quick open', () => {
    expect(parseCodeReference('src/a.ts:12:5')).toEqual({ path: 'src/a.ts', line: 12, column: 5 });
    expect(parseCodeReference(' src/a.ts(12,5) ')).toEqual({ path: 'src/a.ts', line: 12, column: 5 });
    expect(parseCodeReference('tests/test_x.py:42:')).toEqual({ path: 'tests/test_x.py', line: 42, column: null });
    expect(parseCodeReference('app.ts')).toEqual({ path: 'app.ts', line: null, column: null });
  });

  it('refuses text that is not one reference', () => {
    expect(parseCodeReference('two words')).toBeNull();
    expect(parseCodeReference('')).toBeNull();
  });

  it('formats references back', () => {
    expect(formatCodeReference('a.ts', 3, 4)).toBe('a.ts:3:4');
    expect(formatCodeReference('a.ts', 3)).toBe('a.ts:3');
    expect(formatCodeReference('a.ts')).toBe('a.ts');
  });
});
