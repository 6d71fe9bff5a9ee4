/**
 * Maven with Surefire: `[ERROR] testName(com.example.FooTest)  Time elapsed: … <<< FAILURE!` (Surefire 2)
 * or `[ERROR] com.example.FooTest.testName -- Time elapsed: … <<< FAILURE!` (Surefire 3), the exception
 * line, and `\tat` frames; compile errors as `[ERROR] /path/Foo.java:[16,35] ';' expected` (printed
 * twice: once in the compiler's report and again in the goal's failure message).
 */
import { cleanLines, oneLine, plural } from './text';
import type { Failure, ParsedRun } from './types';

const TEST_HEADER = /^\[ERROR\] (?:([\w$]+)\(([\w.$]+)\)|([\w.$]+)\.([\w$]+))\s+(?:-- )?Time elapsed:.*<<< (FAILURE|ERROR)!$/;
const FRAME = /^\s+at ([\w.$]+)\((.+?):(\d+)\)$/;
const COMPILE = /^\[ERROR\] (.+?\.(?:java|kt|scala|groovy)):\[(\d+),(\d+)\] (.*)$/;
const SYMBOL = /^(?:\[ERROR\])?\s+symbol:\s+(.*)$/;
const TESTS_RUN = /Tests run: (\d+), Failures: (\d+), Errors: (\d+), Skipped: (\d+)$/;
const BUILD = /^\[INFO\] BUILD (FAILURE|SUCCESS)$/;

export function parseMaven(output: string): ParsedRun | null {
  const lines = cleanLines(output);
  const recognised = lines.some((l) => BUILD.test(l) || l.startsWith('[INFO] Scanning for projects') || /^\[ERROR\] Failed to execute goal /.test(l));
  if (!recognised) return null;

  const failures: Failure[] = [];
  const seenCompile = new Set<string>();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const test = TEST_HEADER.exec(line);
    if (test) {
      const name = test[1] ?? test[4]!;
      const suite = test[2] ?? test[3]!;
      const message = lines[i + 1]?.trim() ?? test[5]!;
      const frames = lines.slice(i + 2).map((l) => FRAME.exec(l));
      const until = frames.findIndex((f) => f === null);
      const stack = (until === -1 ? frames : frames.slice(0, until)) as RegExpExecArray[];
      const inTest = stack.find((f) => f[1]!.startsWith(`${suite}.`)) ?? stack[0];
      failures.push({ name, suite, file: inTest ? inTest[2]! : null, line: inTest ? Number(inTest[3]) : null, message: oneLine(message, 300) });
      continue;
    }
    const compile = COMPILE.exec(line);
    if (compile) {
      const key = `${compile[1]}:${compile[2]}:${compile[3]}:${compile[4]}`;
      if (seenCompile.has(key)) continue;
      seenCompile.add(key);
      const symbol = SYMBOL.exec(lines[i + 1] ?? '');
      const message = symbol ? `${compile[4]} (symbol: ${symbol[1]!.trim()})` : compile[4]!;
      failures.push({ name: compile[4]!, file: compile[1]!, line: Number(compile[2]), column: Number(compile[3]), message: oneLine(message, 300) });
    }
  }

  const category = failures.some((f) => f.suite !== undefined) ? 'test' : 'build';
  const totals = lines.filter((l) => TESTS_RUN.test(l) && !/ - in | <<< /.test(l));
  const build = lines.map((l) => BUILD.exec(l)).find((m) => m);
  const testsPart = totals.length > 0 ? TESTS_RUN.exec(totals[totals.length - 1]!)![0] : null;
  const compilePart = category === 'build' && failures.length > 0 ? `${plural(failures.length, 'compilation error')}` : null;
  const summary = [testsPart, compilePart, build && `BUILD ${build[1]}`].filter(Boolean).join('; ');
  return { runner: 'maven', category, failures, summary };
}
