/**
 * Gradle: `com.example.FooTest > testName FAILED` then `    java.lang.AssertionError at FooTest.java:24`
 * for tests; javac's `/path/Foo.java:22: error: cannot find symbol` (Gradle 4 glues it to the task name:
 * `:compileJava/path/…`) and Kotlin's `e: file:///path/Foo.kt:12:5 message` for compile errors; then
 * `BUILD FAILED in 9s`.
 */
import { cleanLines, oneLine, plural } from './text';
import type { Failure, ParsedRun } from './types';

const TEST_FAILED = /^(\S+) > (.+?) FAILED$/;
const EXCEPTION_AT = /^\s+([\w.$]+)(?::\s.*)? at (\S+?):(\d+)$/;
const JAVAC = /((?:[A-Za-z]:)?[\\/][^:\s]*?\.(?:java|groovy|scala)):(\d+): error: (.*)$/;
const KOTLIN = /^e: (?:file:\/\/)?(\S+?\.kts?):(\d+):(\d+):? (.*)$/;
const KOTLIN_OLD = /^e: (\S+?\.kts?): \((\d+), (\d+)\): (.*)$/;
const BUILD = /^BUILD (FAILED|SUCCESSFUL) in (\S+)$/;
const COUNT = /^(\d+ tests? completed, \d+ failed.*)$/;
const TASK_FAILED = /^Execution failed for task '(.+?)'\.$/;

export function parseGradle(output: string): ParsedRun | null {
  const lines = cleanLines(output);
  const recognised = lines.some((l) => BUILD.test(l) || l.startsWith('FAILURE: Build failed') || l.startsWith('> Task :'));
  if (!recognised) return null;

  const failures: Failure[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const test = TEST_FAILED.exec(line);
    if (test) {
      const at = EXCEPTION_AT.exec(lines[i + 1] ?? '');
      failures.push({ name: test[2]!, suite: test[1]!, file: at ? at[2]! : null, line: at ? Number(at[3]) : null, message: at ? at[1]! : 'failed' });
      continue;
    }
    const javac = JAVAC.exec(line);
    if (javac) {
      // javac follows with the code line, a caret, and sometimes `symbol:` / `location:` lines.
      const symbol = lines.slice(i + 1, i + 5).find((l) => /^\s+symbol:/.test(l));
      failures.push({ name: javac[3]!, file: javac[1]!, line: Number(javac[2]), message: oneLine(symbol ? `${javac[3]} (${symbol.trim()})` : javac[3]!, 300) });
      continue;
    }
    const kotlin = KOTLIN.exec(line) ?? KOTLIN_OLD.exec(line);
    if (kotlin) failures.push({ name: kotlin[4]!, file: kotlin[1]!, line: Number(kotlin[2]), column: Number(kotlin[3]), message: oneLine(kotlin[4]!, 300) });
  }

  const category = failures.some((f) => f.suite !== undefined) ? 'test' : 'build';
  const count = lines.map((l) => COUNT.exec(l)).find((m) => m)?.[1];
  const task = lines.map((l) => TASK_FAILED.exec(l)).find((m) => m)?.[1];
  const build = lines.map((l) => BUILD.exec(l)).find((m) => m);
  const summary = [count, task && `task ${task} failed`, build?.[0]].filter(Boolean).join('; ') || `${plural(failures.length, 'failure')}`;
  return { runner: 'gradle', category, failures, summary };
}
