import { describe, expect, it } from 'vitest';
import { PARSERS, parseToolOutput, runnerFromCommand } from '../../../electron/core/suggestions/parsers';
import { parseCargo } from '../../../electron/core/suggestions/parsers/cargo';
import { parseEslint } from '../../../electron/core/suggestions/parsers/eslint';
import { parseGoTest } from '../../../electron/core/suggestions/parsers/go-test';
import { parseGradle } from '../../../electron/core/suggestions/parsers/gradle';
import { parseJest } from '../../../electron/core/suggestions/parsers/jest';
import { parseMake } from '../../../electron/core/suggestions/parsers/make';
import { parseMaven } from '../../../electron/core/suggestions/parsers/maven';
import { parseNpm } from '../../../electron/core/suggestions/parsers/npm';
import { parsePytest } from '../../../electron/core/suggestions/parsers/pytest';
import { parsePythonUnittest } from '../../../electron/core/suggestions/parsers/python-unittest';
import { parseTsc } from '../../../electron/core/suggestions/parsers/tsc';
import { parseVitest } from '../../../electron/core/suggestions/parsers/vitest';
import { toolOutput } from './tool-output';

/** name @ file:line[:column] — the part of a failure a card and an "open at line" action depend on. */
const where = (run: ReturnType<typeof parsePytest>) => run?.failures.map((f) => `${f.name} @ ${f.file}:${f.line}${f.column === undefined ? '' : `:${f.column}`}`);

describe('pytest', () => {
  it('names every failing test and the project line where it broke (-q, long tracebacks)', () => {
    const run = parsePytest(toolOutput('pytest/failures-q.txt'));
    expect(run?.runner).toBe('pytest');
    expect(run?.category).toBe('test');
    expect(run?.summary).toBe('4 failed, 5 passed in 2.90s');
    expect(where(run)).toEqual([
      'test_discount_over_100_is_clamped @ billing/invoice.py:10',
      'test_parse_amount_with_currency @ billing/invoice.py:15',
      'test_normalize_mc @ tests/test_users.py:10',
      'TestEmails::test_domain @ tests/test_users.py:19',
    ]);
    expect(run?.failures.map((f) => f.suite)).toEqual(['tests/test_invoice.py', 'tests/test_invoice.py', 'tests/test_users.py', 'tests/test_users.py']);
    expect(run?.failures[0]?.message).toBe('ValueError: discount 120% is over 100%');
    expect(run?.failures[3]?.message).toBe("AssertionError: assert 'example.com' == 'example.org'");
  });

  it('reads the default, --tb=short and --tb=line formats the same way', () => {
    const expected = where(parsePytest(toolOutput('pytest/failures-q.txt')));
    expect(where(parsePytest(toolOutput('pytest/failures-default.txt')))).toEqual(expected);
    expect(where(parsePytest(toolOutput('pytest/failures-tb-short.txt')))).toEqual(expected);
    // --tb=line prints absolute paths.
    expect(where(parsePytest(toolOutput('pytest/failures-tb-line.txt')))).toEqual([
      'test_discount_over_100_is_clamped @ /tmp/sugg-cap/py/proj/billing/invoice.py:10',
      'test_parse_amount_with_currency @ /tmp/sugg-cap/py/proj/billing/invoice.py:15',
      'test_normalize_mc @ /tmp/sugg-cap/py/proj/tests/test_users.py:10',
      'TestEmails::test_domain @ /tmp/sugg-cap/py/proj/tests/test_users.py:19',
    ]);
  });

  it('keeps parametrize ids and points a collection error at the import, not into importlib', () => {
    expect(where(parsePytest(toolOutput('pytest/parametrize.txt')))).toEqual(['test_mean[xs1-0] @ tests/test_math.py:5', 'test_mean[xs2-3.5] @ tests/test_math.py:10']);
    const collection = parsePytest(toolOutput('pytest/collection-error.txt'));
    expect(where(collection)).toEqual(['tests/test_slug.py @ tests/test_slug.py:3']);
    expect(collection?.failures[0]?.message).toBe("ModuleNotFoundError: No module named 'slugify_local'");
    expect(collection?.summary).toBe('1 error in 4.31s');
  });

  it('recognises a passing run and ignores other tools', () => {
    expect(parsePytest(toolOutput('pytest/pass.txt'))).toEqual({ runner: 'pytest', category: 'test', failures: [], summary: '1 passed in 3.56s' });
    expect(parsePytest(toolOutput('jest/failures.txt'))).toBeNull();
    expect(parsePytest(toolOutput('cargo/test-failures.txt'))).toBeNull();
  });
});

describe('python unittest', () => {
  it('names the test, its class and the deepest project frame', () => {
    const run = parsePythonUnittest(toolOutput('python/unittest.txt'));
    expect(run?.summary).toBe('Ran 3 tests: FAILED (failures=1, errors=1)');
    expect(where(run)).toEqual(['test_error @ /tmp/sugg-cap/py/proj/billing/invoice.py:15', 'test_discount @ /tmp/sugg-cap/py/proj/tests/test_unittest_style.py:9']);
    expect(run?.failures.map((f) => f.suite)).toEqual(['tests.test_unittest_style.InvoiceTest', 'tests.test_unittest_style.InvoiceTest']);
    expect(run?.failures[0]?.message).toBe("AttributeError: 'NoneType' object has no attribute 'replace'");
  });
});

describe('vitest', () => {
  it('names describe > test and the first frame in the user code, with columns', () => {
    const run = parseVitest(toolOutput('vitest/failures.txt'));
    expect(run?.summary).toBe('Tests 4 failed | 4 passed (8); Test Files 2 failed (2)');
    expect(where(run)).toEqual([
      'subtotal > ignores items with no quantity @ src/cart.test.js:10:64',
      'applyCoupon > takes a fixed amount off @ src/cart.test.js:16:62',
      'formatPrice > groups thousands @ src/cart.test.js:30:33',
      'parses a user without a profile @ src/user.test.js:5:31',
    ]);
    expect(run?.failures[2]?.message).toBe("AssertionError: expected '$1234.56' to deeply equal '$1,234.56'");
  });

  it('reads output with colour codes, and a suite that failed to load', () => {
    expect(where(parseVitest(toolOutput('vitest/failures-ansi.txt')))).toEqual(where(parseVitest(toolOutput('vitest/failures.txt'))));
    const suite = parseVitest(toolOutput('vitest/failed-suite.txt'));
    expect(where(suite)).toEqual(['src/broken.test.js @ src/broken.test.js:2:1', 'parses a user without a profile @ src/user.test.js:5:31']);
    expect(suite?.failures[0]?.message).toBe("Error: Cannot find module './tax.js' imported from /tmp/sugg-cap/vt/src/broken.test.js");
  });

  it('recognises a passing run', () => {
    expect(parseVitest(toolOutput('vitest/pass.txt'))?.failures).toEqual([]);
    expect(parseVitest(toolOutput('pytest/failures-q.txt'))).toBeNull();
  });
});

describe('jest', () => {
  it('names describe › test and the frame in the test file, skipping node_modules', () => {
    const run = parseJest(toolOutput('jest/failures.txt'));
    expect(run?.summary).toBe('3 failed, 3 passed, 6 total');
    expect(where(run)).toEqual([
      'orderTotal › treats missing shipping as free @ __tests__/orders.test.js:9:64',
      'statusLabel › labels cancelled orders @ __tests__/orders.test.js:19:38',
      'fetchOrder returns the order @ __tests__/orders.test.js:25:45',
    ]);
    expect(run?.failures[0]?.message).toBe('expect(received).toBe(expected) // Object.is equality — Expected: 10, Received: NaN');
  });

  it('points a suite that failed to run at the syntax error', () => {
    const run = parseJest(toolOutput('jest/failures-and-suite-error.txt'));
    expect(run?.failures.find((f) => f.name === 'Test suite failed to run')).toMatchObject({ suite: '__tests__/broken.test.js', file: '__tests__/broken.test.js', line: 4, column: 55 });
    expect(run?.failures.map((f) => f.name)).toContain('fetchOrder surfaces a missing body');
  });

  it('reads jest through npm test and recognises a passing run', () => {
    expect(where(parseJest(toolOutput('npm/test-jest.txt')))).toHaveLength(5);
    expect(parseJest(toolOutput('jest/pass.txt'))).toMatchObject({ failures: [], summary: '1 passed, 1 total' });
  });
});

describe('go test', () => {
  it('lists leaf failures with their log lines, not the parent of a failing subtest', () => {
    const run = parseGoTest(toolOutput('go/test-failures.txt'));
    expect(where(run)).toEqual(['TestRefillAfterInterval @ bucket_test.go:21', 'TestSplit/odd @ bucket_test.go:39']);
    expect(run?.failures[1]).toMatchObject({ suite: 'example.com/shop/ratelimit', message: 'Split([9 8], 2)[0] = 4, want 5' });
    expect(where(parseGoTest(toolOutput('go/test-verbose.txt')))).toEqual(where(run));
  });

  it('attributes a panic to the running subtest at the first frame outside GOROOT', () => {
    const run = parseGoTest(toolOutput('go/test-panic.txt'));
    expect(where(run)).toEqual(['TestRefillAfterInterval @ bucket_test.go:21', 'TestSplit/more_limits_than_parts @ /tmp/sugg-cap/go/ratelimit/bucket.go:24']);
    expect(run?.failures[1]?.message).toBe('panic: runtime error: index out of range [2] with length 2');
  });

  it('reports build and vet errors as a build failure', () => {
    const build = parseGoTest(toolOutput('go/build-error.txt'));
    expect(build?.category).toBe('build');
    expect(where(build)).toEqual(['undefined: undefinedThing @ cmd/app/extra.go:4:9', 'x declared but not used @ cmd/app/extra.go:8:2']);
    expect(where(parseGoTest(toolOutput('go/vet.txt')))).toEqual(['undeclared name: undefinedThing @ cmd/app/extra.go:4:9']);
    expect(parseGoTest(toolOutput('go/test-pass.txt'))).toMatchObject({ failures: [], summary: 'ok example.com/shop/ratelimit 0.008s' });
  });
});

describe('cargo', () => {
  it('reads test panics with and without RUST_BACKTRACE', () => {
    const expected = [
      'tests::available_never_negative @ src/lib.rs:9:9',
      'tests::parses_quantities_with_units @ src/lib.rs:14:25',
      'tests::restock_keeps_reservations @ src/lib.rs:49:9',
    ];
    const backtrace = parseCargo(toolOutput('cargo/test-backtrace.txt'));
    expect(where(backtrace)).toEqual(expected);
    expect(backtrace?.summary).toBe('test result: FAILED. 1 passed; 3 failed; 0 ignored; 0 measured; 0 filtered out');
    expect(backtrace?.failures[0]?.message).toBe('attempt to subtract with overflow');
    expect(where(parseCargo(toolOutput('cargo/test-failures.txt')))?.sort()).toEqual(expected);
  });

  it('reads compiler errors with their codes', () => {
    const run = parseCargo(toolOutput('cargo/build-error.txt'));
    expect(run?.category).toBe('build');
    expect(where(run)).toEqual(['E0308 @ src/lib.rs:16:52', 'E0507 @ src/lib.rs:11:16']);
    expect(run?.summary).toBe('could not compile `inventory` (lib) due to 2 previous errors');
    expect(parseCargo(toolOutput('cargo/test-pass.txt'))).toMatchObject({ category: 'test', failures: [] });
  });
});

describe('tsc', () => {
  const expected = ['TS18048 @ src/api.ts:12:10', 'TS2322 @ src/api.ts:15:30', 'TS2307 @ src/main.ts:2:25', 'TS2551 @ src/main.ts:6:29', 'TS2345 @ src/main.ts:7:7'];

  it('reads plain, pretty and coloured output', () => {
    const plain = parseTsc(toolOutput('tsc/errors.txt'));
    expect(where(plain)).toEqual(expected);
    expect(plain?.summary).toBe('Found 5 errors in 2 files');
    // Plain output continues a message on indented lines.
    expect(plain?.failures[4]?.message).toBe("Argument of type '{ id: number; }' is not assignable to parameter of type 'User'. Property 'name' is missing in type '{ id: number; }' but required in type 'User'.");
    expect(where(parseTsc(toolOutput('tsc/errors-pretty.txt')))).toEqual(expected);
    expect(where(parseTsc(toolOutput('tsc/errors-pretty-ansi.txt')))).toEqual(expected);
    expect(where(parseTsc(toolOutput('tsc/watch-error.txt')))).toEqual(['TS18048 @ src/api.ts:3:10']);
  });

  it('cannot recognise a clean run (tsc prints nothing)', () => {
    expect(parseTsc('')).toBeNull();
  });
});

describe('eslint', () => {
  it('lists errors with rule ids and skips warnings', () => {
    const run = parseEslint(toolOutput('eslint/errors.txt'));
    expect(run?.summary).toBe('6 problems (5 errors, 1 warning)');
    expect(where(run)).toEqual([
      'parsing-error @ /tmp/sugg-cap/es/src/parse.js:2:25',
      'no-unused-vars @ /tmp/sugg-cap/es/src/session.js:1:10',
      'prefer-const @ /tmp/sugg-cap/es/src/session.js:4:7',
      'eqeqeq @ /tmp/sugg-cap/es/src/session.js:5:25',
      'no-undef @ /tmp/sugg-cap/es/src/session.js:11:30',
    ]);
    expect(run?.failures[0]?.message).toBe('Parsing error: Unexpected token ;');
  });

  it('recognises a run with warnings only as no failure', () => {
    expect(parseEslint(toolOutput('eslint/warnings-only.txt'))).toMatchObject({ failures: [], summary: '1 problem (0 errors, 1 warning)' });
  });
});

describe('npm', () => {
  it('reads npm 11 errors: missing script, 404, broken package.json, network', () => {
    expect(parseNpm(toolOutput('npm/missing-script.txt'))?.failures).toEqual([{ name: 'Missing script', file: null, line: null, message: 'Missing script: "lint"' }]);
    expect(parseNpm(toolOutput('npm/install-404.txt'))?.failures[0]).toMatchObject({ name: 'E404', message: '404 Not Found - GET https://registry.npmjs.org/left-pad-nonexistent-pkg-zz' });
    expect(parseNpm(toolOutput('npm/ejsonparse.txt'))?.failures[0]).toMatchObject({ name: 'EJSONPARSE', file: 'package.json' });
    expect(parseNpm(toolOutput('npm/install-econnrefused.txt'))?.failures[0]).toMatchObject({
      name: 'ECONNREFUSED',
      message: 'FetchError: request to http://127.0.0.1:9/left-pad failed, reason: connect ECONNREFUSED 127.0.0.1:9',
    });
  });

  it('leaves a failing script to the parser of the tool it ran', () => {
    expect(parseNpm(toolOutput('npm/test-vitest.txt'))).toBeNull();
    expect(parseToolOutput(toolOutput('npm/test-vitest.txt'), 'npm test')?.runner).toBe('vitest');
  });
});

describe('gradle', () => {
  it('reads failing tests (class > method) with the exception and its line', () => {
    const run = parseGradle(toolOutput('gradle/test-failures.txt'));
    expect(run?.category).toBe('test');
    expect(where(run)).toEqual(['taxRoundsHalfUp @ PriceCalculatorTest.java:24', 'unknownSkuCountsAsZero @ PriceCalculatorTest.java:19']);
    expect(run?.failures[1]).toMatchObject({ suite: 'com.example.shop.PriceCalculatorTest', message: 'java.lang.NullPointerException' });
    expect(run?.summary).toBe('3 tests completed, 2 failed; task :test failed; BUILD FAILED in 9s');
  });

  it('reads a javac error glued to the task name', () => {
    const run = parseGradle(toolOutput('gradle/compile-error.txt'));
    expect(run?.category).toBe('build');
    expect(where(run)).toEqual(['cannot find symbol @ /tmp/sugg-cap/gradle/src/main/java/com/example/shop/PriceCalculator.java:22']);
    expect(run?.failures[0]?.message).toBe('cannot find symbol (symbol: method rate(int))');
  });
});

describe('maven', () => {
  it('reads Surefire failures and errors at the test frame', () => {
    const run = parseMaven(toolOutput('maven/test-failures.txt'));
    expect(where(run)).toEqual(['taxRoundsHalfUp @ PriceCalculatorTest.java:24', 'unknownSkuCountsAsZero @ PriceCalculatorTest.java:19']);
    expect(run?.failures[0]).toMatchObject({ suite: 'com.example.shop.PriceCalculatorTest', message: 'java.lang.AssertionError: expected:<108> but was:<107>' });
    expect(run?.summary).toBe('Tests run: 3, Failures: 1, Errors: 1, Skipped: 0; BUILD FAILURE');
  });

  it('reads a compile error once although Maven prints it twice', () => {
    expect(where(parseMaven(toolOutput('maven/compile-error.txt')))).toEqual(["';' expected @ /tmp/sugg-cap/mvn/src/main/java/com/example/shop/PriceCalculator.java:16:35"]);
    const symbol = parseMaven(toolOutput('maven/compile-error-symbol.txt'));
    expect(symbol?.failures).toHaveLength(1);
    expect(symbol?.failures[0]?.message).toBe('cannot find symbol (symbol: method rate(int))');
  });
});

describe('make', () => {
  it('reports the compiler errors a recipe printed', () => {
    const run = parseMake(toolOutput('make/gcc-errors.txt'));
    expect(where(run)).toEqual(['error @ src/ring.c:16:23', 'error @ src/ring.c:13:13']);
    expect(run?.failures[0]?.message).toBe('expected ‘;’ before ‘}’ token');
    expect(where(parseMake(toolOutput('make/recursive-failure.txt')))).toEqual(['error @ x.c:1:22']);
  });

  it('reports a failing recipe with the program\'s last words, and a missing target', () => {
    expect(parseMake(toolOutput('make/test-target-fails.txt'))?.failures).toEqual([
      { name: 'test', file: 'Makefile', line: 11, message: 'Error 3: self-test failed: head=1, expected 2' },
    ]);
    expect(parseMake(toolOutput('make/no-rule.txt'))?.failures[0]).toMatchObject({ name: 'nosuch', file: null });
    expect(parseMake(toolOutput('make/recursive-warning-only.txt'))?.failures).toEqual([]);
  });
});

describe('picking the parser', () => {
  it('knows the runner a command names', () => {
    expect(runnerFromCommand('pytest -q')).toBe('pytest');
    expect(runnerFromCommand('python3 -m pytest tests')).toBe('pytest');
    expect(runnerFromCommand('python -m unittest tests.test_x')).toBe('python-unittest');
    expect(runnerFromCommand('RUST_BACKTRACE=1 cargo test')).toBe('cargo');
    expect(runnerFromCommand('npx tsc -p .')).toBe('tsc');
    expect(runnerFromCommand('pnpm exec vitest run')).toBe('vitest');
    expect(runnerFromCommand('./gradlew test')).toBe('gradle');
    expect(runnerFromCommand('./mvnw -q verify')).toBe('maven');
    expect(runnerFromCommand('go test ./...')).toBe('go-test');
    expect(runnerFromCommand('go mod tidy')).toBeNull();
    expect(runnerFromCommand('npm test')).toBe('npm');
    expect(runnerFromCommand('ls -la')).toBeNull();
    expect(runnerFromCommand(null)).toBeNull();
  });

  it('finds the runner from the output alone, preferring one that found failures', () => {
    expect(parseToolOutput(toolOutput('maven/test-failures.txt'))?.runner).toBe('maven');
    expect(parseToolOutput(toolOutput('make/gcc-errors.txt'))?.runner).toBe('make');
    expect(parseToolOutput(toolOutput('python/traceback.txt'))).toBeNull();
    expect(parseToolOutput(toolOutput('git/merge-conflict.txt'))).toBeNull();
    expect(parseToolOutput('')).toBeNull();
  });

  it('never throws on arbitrary text', () => {
    const junk = ['', '\u001b[31m', 'FAIL', '--- FAIL: ', 'error[E', '\n'.repeat(1000), 'x'.repeat(100_000), '  ● ', '=== RUN'];
    for (const parser of Object.values(PARSERS)) for (const text of junk) expect(() => parser(text)).not.toThrow();
  });
});

describe('forms no tool here could print', () => {
  // Gradle 7+ and Surefire 3 could not be installed on this machine (see tool-output/README.md). These
  // lines follow their documented shapes, as seen in public build logs; they only pin the parsers' patterns.
  it('reads Surefire 3 test headers', () => {
    const log = [
      '[INFO] Scanning for projects...',
      '[ERROR] Tests run: 1, Failures: 1, Errors: 0, Skipped: 0, Time elapsed: 0.05 s <<< FAILURE! -- in com.shop.CartTest',
      '[ERROR] com.shop.CartTest.total -- Time elapsed: 0.032 s <<< FAILURE!',
      'org.opentest4j.AssertionFailedError: expected: <4> but was: <3>',
      '\tat com.shop.CartTest.total(CartTest.java:8)',
      '',
      '[INFO] BUILD FAILURE',
    ].join('\n');
    expect(parseMaven(log)?.failures).toEqual([{ name: 'total', suite: 'com.shop.CartTest', file: 'CartTest.java', line: 8, message: 'org.opentest4j.AssertionFailedError: expected: <4> but was: <3>' }]);
  });

  it('reads Gradle 7+ task lines and Kotlin compiler errors', () => {
    const log = ['> Task :compileKotlin FAILED', 'e: file:///home/u/shop/src/main/kotlin/Cart.kt:12:5 Unresolved reference: totl', '', 'BUILD FAILED in 3s'].join('\n');
    expect(where(parseGradle(log))).toEqual(['Unresolved reference: totl @ /home/u/shop/src/main/kotlin/Cart.kt:12:5']);
  });
});
