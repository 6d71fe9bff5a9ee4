/**
 * Cargo and rustc. `cargo test`: `test tests::name ... FAILED`, then a `---- tests::name stdout ----`
 * section holding the panic (`panicked at src/lib.rs:9:9:` and the message). Compiler errors:
 * `error[E0308]: mismatched types` followed by ` --> src/lib.rs:16:52`.
 */
import { parseRustPanic } from './stack-traces/rust';
import { cleanLines, oneLine, plural } from './text';
import type { Failure, ParsedRun } from './types';

const TEST_LINE = /^test (\S+) \.\.\. (ok|FAILED|ignored)/;
const SECTION = /^---- (\S+) stdout ----$/;
const RESULT = /^test result: (ok|FAILED)\. (.*?)(?:; finished in [\d.]+s)?$/;
const COMPILE_ERROR = /^error(?:\[(E\d+)\])?: (.*)$/;
const ARROW = /^\s*--> (.+?):(\d+):(\d+)$/;
const COULD_NOT_COMPILE = /^error: could not compile `.+`.*$/;
const CARGO_STATUS = /^\s+(Compiling|Finished|Running)\s/;

export function parseCargo(output: string): ParsedRun | null {
  const lines = cleanLines(output);
  const recognised = lines.some((l) => RESULT.test(l) || TEST_LINE.test(l) || COULD_NOT_COMPILE.test(l) || CARGO_STATUS.test(l) || /^running \d+ tests?$/.test(l));
  const compileErrors = compilerErrors(lines);
  if (!recognised && compileErrors.length === 0) return null;

  const failedNames = lines.map((l) => TEST_LINE.exec(l)).filter((m) => m && m[2] === 'FAILED').map((m) => m![1]!);
  const testFailures: Failure[] = failedNames.map((name) => {
    const body = sectionBody(lines, name);
    const panic = body ? parseRustPanic(body) : null;
    const at = panic?.top ?? panic?.frames[0] ?? null;
    const failure: Failure = {
      name,
      file: at?.file ?? null,
      line: at?.line ?? null,
      message: oneLine(panic ? panic.error.replace(/^panicked: /, '') : (body?.trim() || 'failed'), 300),
    };
    if (at?.column !== undefined) failure.column = at.column;
    return failure;
  });

  const failures = [...testFailures, ...compileErrors];
  const ranTests = lines.some((l) => RESULT.test(l) || TEST_LINE.test(l));
  const category = testFailures.length > 0 || (ranTests && compileErrors.length === 0) ? 'test' : 'build';
  const result = lines.map((l) => RESULT.exec(l)).filter((m) => m);
  const failedResult = result.find((m) => m![1] === 'FAILED');
  const couldNot = lines.find((l) => COULD_NOT_COMPILE.test(l));
  const summary = failedResult
    ? `test result: FAILED. ${failedResult[2]}`
    : couldNot
      ? couldNot.replace(/^error: /, '')
      : result.length > 0
        ? `test result: ${result[result.length - 1]![1]}. ${result[result.length - 1]![2]}`
        : `${plural(failures.length, 'error')}`;
  return { runner: 'cargo', category, failures, summary };
}

function sectionBody(lines: readonly string[], name: string): string | null {
  const start = lines.findIndex((l) => SECTION.exec(l)?.[1] === name);
  if (start === -1) return null;
  const body: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (SECTION.test(line) || /^failures:$/.test(line)) break;
    body.push(line);
  }
  return body.join('\n');
}

function compilerErrors(lines: readonly string[]): Failure[] {
  const errors: Failure[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = COMPILE_ERROR.exec(lines[i]!);
    if (!m) continue;
    const arrow = ARROW.exec(lines[i + 1] ?? '');
    if (!arrow) continue;
    errors.push({ name: m[1] ?? 'error', file: arrow[1]!, line: Number(arrow[2]), column: Number(arrow[3]), message: oneLine(m[2]!, 300) });
  }
  return errors;
}
