// Link detection on REAL compiler and test-runner output, captured by test/fixtures/links/capture.sh.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findCodeLinks } from '../../../shared/code-links';

const FIXTURES = path.resolve(__dirname, '../../fixtures/links');

/** The references found in a fixture, as "path:line:col" (col "-" when absent), in order. */
function refs(file: string): string[] {
  const text = fs.readFileSync(path.join(FIXTURES, file), 'utf8');
  return findCodeLinks(text).map((l) => `${l.path}:${l.line}:${l.column ?? '-'}`);
}

/** The exact text each link covers, so a click lands on what the user sees as the reference. */
function spans(file: string): string[] {
  const text = fs.readFileSync(path.join(FIXTURES, file), 'utf8');
  return findCodeLinks(text).map((l) => text.slice(l.start, l.end));
}

describe('links in real tool output', () => {
  it('tsc (plain): file(line,col)', () => {
    expect(refs('tsc.txt')).toEqual(['src/main.ts:2:25', 'src/main.ts:4:23', 'src/user.ts:7:24']);
    expect(spans('tsc.txt')[0]).toBe('src/main.ts(2,25)');
  });

  it('tsc --pretty: file:line:col, the related location, and the summary table', () => {
    expect(refs('tsc-pretty.txt')).toEqual([
      'src/main.ts:2:25',
      'src/main.ts:4:23',
      'src/user.ts:2:3', // "The expected type comes from property 'id' which is declared here"
      'src/user.ts:7:24',
      'src/main.ts:2:-', // "Errors  Files" summary
      'src/user.ts:7:-',
    ]);
  });

  it('python traceback: File "…", line N (the <module> text is not part of it)', () => {
    expect(refs('python-traceback.txt')).toEqual(['/tmp/tandem-links/python/run.py:3:-', '/tmp/tandem-links/python/app/prices.py:6:-']);
    expect(spans('python-traceback.txt')[0]).toBe('File "/tmp/tandem-links/python/run.py", line 3');
  });

  it('pytest: path:line: at the end of each failure, not the node ids of the summary', () => {
    expect(refs('pytest.txt')).toEqual(['tests/test_prices.py:5:-', 'tests/test_prices.py:9:-', 'app/prices.py:6:-']);
  });

  it('cargo build: the --> locations', () => {
    expect(refs('cargo-build.txt')).toEqual(['src/main.rs:3:28', 'src/main.rs:2:22']);
  });

  it('cargo test: the panic location and the backtrace frames', () => {
    const found = refs('cargo-test.txt');
    expect(found[0]).toBe('src/main.rs:15:9');
    expect(found).toContain('./src/main.rs:15:9');
    expect(found).toContain('./src/main.rs:14:17');
    // Frames in the standard library are found too (they resolve only where the sources exist).
    expect(found.some((r) => r.includes('library/core/src/panicking.rs:'))).toBe(true);
  });

  it('go build and go test', () => {
    expect(refs('go-build.txt')).toEqual(['./shapes.go:4:13']);
    expect(refs('go-test.txt')).toEqual(['shapes_test.go:7:-']);
  });

  it('vitest: the ❯ locations, with and without a function name before them', () => {
    expect(refs('vitest.txt')).toEqual(['src/slug.test.ts:5:31', 'src/slug.ts:2:33', 'src/slug.test.ts:9:10']);
  });

  it('node (jest-style "at fn (file:line:col)" frames), skipping node: internals', () => {
    expect(refs('node-stack.txt')).toEqual([
      '/tmp/tandem-links/node/server.js:3:-',
      '/tmp/tandem-links/node/server.js:3:38',
      '/tmp/tandem-links/node/server.js:8:10',
      '/tmp/tandem-links/node/server.js:11:1',
    ]);
    expect(spans('node-stack.txt')[1]).toBe('/tmp/tandem-links/node/server.js:3:38');
  });
});
