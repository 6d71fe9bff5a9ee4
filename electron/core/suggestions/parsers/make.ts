/**
 * GNU make (and BSD/old-GNU make's shorter form): `make: *** [Makefile:8: bin/ring] Error 1`,
 * `make: *** No rule to make target 'x'.  Stop.`, `Makefile:5: *** missing separator.  Stop.`, plus
 * the C/C++ compiler errors a recipe printed (`src/ring.c:16:23: error: …`), which are where the fix
 * goes. With recursive make only the innermost failing target is reported.
 */
import { cleanLines, oneLine, plural } from './text';
import type { Failure, ParsedRun } from './types';

const RECIPE_FAILED = /^g?make(?:\[(\d+)\])?: \*\*\* \[(?:(.+?):(\d+): )?(.+?)\] (Error \d+|Segmentation fault.*|Killed)$/;
const NO_RULE = /^g?make(?:\[\d+\])?: \*\*\* No rule to make target [`'‘](.+?)['’](?:, needed by [`'‘](.+?)['’])?\.\s+Stop\.$/;
const MAKEFILE_ERROR = /^(\S*(?:[Mm]akefile|\.mk)):(\d+): \*\*\* (.+?)\.\s+Stop\.$/;
const COMPILER_ERROR = /^(.+?):(\d+):(\d+): (?:fatal )?error: (.*)$/;
const MAKE_NOISE = /^g?make(?:\[\d+\])?: /;

export function parseMake(output: string): ParsedRun | null {
  const lines = cleanLines(output);
  const makeLines = lines.filter((l) => MAKE_NOISE.test(l) || MAKEFILE_ERROR.test(l));
  if (makeLines.length === 0) return null;

  const compilerErrors: Failure[] = [];
  for (const line of lines) {
    const m = COMPILER_ERROR.exec(line);
    if (m) compilerErrors.push({ name: 'error', file: m[1]!, line: Number(m[2]), column: Number(m[3]), message: oneLine(m[4]!, 300) });
  }

  const makeFailures: Failure[] = [];
  let innermost: { level: number; failure: Failure } | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const recipe = RECIPE_FAILED.exec(line);
    if (recipe) {
      const level = recipe[1] === undefined ? 0 : Number(recipe[1]);
      const before = lastOutputLine(lines, i);
      const failure: Failure = {
        name: recipe[4]!,
        file: recipe[2] ?? null,
        line: recipe[3] ? Number(recipe[3]) : null,
        message: oneLine(before ? `${recipe[5]}: ${before}` : `recipe for target '${recipe[4]}' failed (${recipe[5]})`, 300),
      };
      if (!innermost || level > innermost.level) innermost = { level, failure };
      continue;
    }
    const noRule = NO_RULE.exec(line);
    if (noRule) {
      makeFailures.push({ name: noRule[1]!, file: null, line: null, message: oneLine(line.replace(/^g?make(?:\[\d+\])?: \*\*\* /, ''), 300) });
      continue;
    }
    const makefile = MAKEFILE_ERROR.exec(line);
    if (makefile) makeFailures.push({ name: makefile[3]!, file: makefile[1]!, line: Number(makefile[2]), message: oneLine(makefile[3]!, 300) });
  }
  if (innermost) makeFailures.unshift(innermost.failure);

  const failures = compilerErrors.length > 0 ? compilerErrors : makeFailures;
  const target = innermost ? ` (target ${innermost.failure.name})` : '';
  const summary = compilerErrors.length > 0 ? `${plural(compilerErrors.length, 'compiler error')}${target}` : makeFailures[0] ? oneLine(makeFailures[0].message, 200) : 'no errors reported';
  return { runner: 'make', category: 'build', failures, summary };
}

/** The recipe's last words before make reported the failure (e.g. a test program's complaint). */
function lastOutputLine(lines: readonly string[], index: number): string | null {
  for (let i = index - 1; i >= 0; i--) {
    const line = lines[i]!.trim();
    if (line === '' || MAKE_NOISE.test(line) || /^cc1(plus)?: /.test(line)) continue;
    return line;
  }
  return null;
}
