import { describe, expect, it } from 'vitest';
import { detectStackTrace, parseGoPanic, parseJavaStack, parseNodeStack, parsePythonTraceback, parseRustPanic } from '../../../electron/core/suggestions/parsers/stack-traces';
import { detectTransientError } from '../../../electron/core/suggestions/parsers/transient-errors';
import { toolOutput } from './tool-output';

const at = (f: { file: string; line: number | null } | null | undefined) => (f ? `${f.file}:${f.line}` : null);

describe('stack traces', () => {
  it('Python: the exception and the last frame in the project', () => {
    const trace = parsePythonTraceback(toolOutput('python/traceback.txt'));
    expect(trace?.error).toBe("decimal.InvalidOperation: [<class 'decimal.ConversionSyntax'>]");
    expect(trace?.frames).toHaveLength(4);
    expect(at(trace?.top)).toBe('/tmp/sugg-cap/py/proj/billing/invoice.py:15');
    expect(trace?.top?.function).toBe('parse_amount');
  });

  it('Python: a chained exception reports the one that escaped; stdlib and <string> frames are not the project', () => {
    const trace = parsePythonTraceback(toolOutput('python/chained-traceback.txt'));
    expect(trace?.error).toBe('RuntimeError: sync failed');
    expect(trace?.top).toBeNull();
  });

  it('Node: ESM file URLs become paths; node: internals are skipped', () => {
    const esm = parseNodeStack(toolOutput('node/typeerror-esm.txt'));
    expect(esm?.error).toBe("TypeError: Cannot read properties of undefined (reading 'trim')");
    expect(esm?.top).toMatchObject({ file: '/tmp/sugg-cap/node/server.mjs', line: 4, column: 71 });
    const rejection = parseNodeStack(toolOutput('node/unhandled-rejection.txt'));
    expect(rejection?.error).toBe("Error: ENOENT: no such file or directory, open '/var/tmp/jobs/42.json'");
    expect(rejection?.top).toMatchObject({ file: '/tmp/sugg-cap/node/worker.js', line: 4, function: 'readJob' });
  });

  it('Chrome DevTools: "Uncaught" is dropped, URLs are kept', () => {
    const trace = parseNodeStack(toolOutput('browser/chrome-uncaught-typeerror.txt'));
    expect(trace?.error).toBe("TypeError: Cannot set properties of null (setting 'textContent')");
    expect(trace?.top).toMatchObject({ file: 'http://127.0.0.1:5173/app.js', line: 3, column: 21, function: 'mountCart' });
  });

  it('Java: the root cause chooses the top frame; JDK frames are not the project', () => {
    const caused = parseJavaStack(toolOutput('java/caused-by.txt'));
    expect(caused?.error).toBe('java.lang.IllegalStateException: sync failed (caused by java.io.IOException: connection refused: db:5432)');
    expect(at(caused?.top)).toBe('Nested.java:3');
    const uncaught = parseJavaStack(toolOutput('java/uncaught-exception.txt'));
    expect(uncaught?.error).toBe('java.lang.NumberFormatException: For input string: "two"');
    expect(uncaught?.top).toMatchObject({ file: 'Importer.java', line: 6, function: 'Importer.parseQuantity' });
  });

  it('Go: the first frame outside GOROOT', () => {
    const run = parseGoPanic(toolOutput('go/run-panic.txt'));
    expect(run?.error).toBe('panic: runtime error: invalid memory address or nil pointer dereference');
    expect(at(run?.top)).toBe('/tmp/sugg-cap/go/cmd/app/main.go:19');
    const test = parseGoPanic(toolOutput('go/test-panic.txt'));
    expect(test?.error).toBe('panic: runtime error: index out of range [2] with length 2');
    expect(test?.frames.filter((f) => !f.inProject).map((f) => f.file)).toContain('/usr/lib/go-1.19/src/testing/testing.go');
    expect(at(test?.top)).toBe('/tmp/sugg-cap/go/ratelimit/bucket.go:24');
  });

  it('Rust: the panic location, with or without a backtrace', () => {
    const plain = parseRustPanic(toolOutput('cargo/run-panic.txt'));
    expect(plain?.error).toBe('panicked: no entry found for key');
    expect(plain?.top).toMatchObject({ file: 'src/main.rs', line: 10, column: 11 });
    const traced = parseRustPanic(toolOutput('cargo/run-panic-backtrace.txt'));
    expect(traced?.top).toMatchObject({ file: 'src/main.rs', line: 10 });
    expect(traced?.frames.filter((f) => f.inProject).map((f) => `${f.function} ${f.file}:${f.line}`)).toEqual(['importer::price_of src/main.rs:10', 'importer::main src/main.rs:16']);
  });

  it('detects whichever language is there, and nothing in ordinary text', () => {
    expect(detectStackTrace(toolOutput('npm/run-build-node-crash.txt'))?.language).toBe('node');
    expect(detectStackTrace(toolOutput('java/caused-by.txt'))?.language).toBe('java');
    expect(detectStackTrace(toolOutput('cargo/run-panic.txt'))?.language).toBe('rust');
    for (const text of ['Error: expected 200 "OK", got 404', 'https://github.com/acme/shop/pull/42', 'at home', '  at the end of the day', toolOutput('git/merge-conflict.txt'), toolOutput('shell/ls.txt')]) {
      expect(detectStackTrace(text)).toBeNull();
    }
  });
});

describe('transient errors', () => {
  it('recognises DNS failures and refused connections, with how likely a rerun helps', () => {
    expect(detectTransientError(toolOutput('network/git-clone-dns.txt'))).toEqual({
      label: 'a host name could not be resolved',
      line: "fatal: unable to access 'https://git.example.invalid/acme/shop.git/': Could not resolve host: git.example.invalid",
      likely: 0.65,
    });
    expect(detectTransientError(toolOutput('network/curl-dns.txt'))?.label).toBe('a host name could not be resolved');
    expect(detectTransientError(toolOutput('npm/install-econnrefused.txt'))?.likely).toBeLessThan(0.5);
    expect(detectTransientError(toolOutput('pytest/failures-q.txt'))).toBeNull();
  });
});
