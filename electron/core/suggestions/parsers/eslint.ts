/**
 * ESLint's stylish formatter (the only one built into ESLint 9): a file path, then
 * `  4:7  error  message  rule-id` lines, then `✖ 6 problems (5 errors, 1 warning)`. Only errors are
 * failures; a run with warnings alone is recognised and reports none.
 */
import { cleanLines, oneLine, plural } from './text';
import type { Failure, ParsedRun } from './types';

const PROBLEM = /^\s+(\d+):(\d+)\s+(error|warning)\s+(.+?)(?:\s{2,}(@?[\w/-]+))?\s*$/;
const TOTAL = /^[✖×]\s+(\d+ problems? \(.*\))\s*$/;

export function parseEslint(output: string): ParsedRun | null {
  const lines = cleanLines(output);
  const failures: Failure[] = [];
  let file: string | null = null;
  let problems = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const m = PROBLEM.exec(line);
    if (m && file !== null) {
      problems++;
      if (m[3] === 'error') {
        const message = m[4]!.trim();
        failures.push({ name: m[5] ?? (message.startsWith('Parsing error') ? 'parsing-error' : 'error'), file, line: Number(m[1]), column: Number(m[2]), message: oneLine(message, 300) });
      }
      continue;
    }
    // A file header is a flush-left line followed by a problem line.
    if (/^\S/.test(line) && PROBLEM.test(lines[i + 1] ?? '')) file = line.trim();
    else if (line.trim() === '') file = null;
  }
  const total = lines.map((l) => TOTAL.exec(l.trim())).find((m) => m);
  if (problems === 0 && !total) return null;
  const summary = total ? total[1]! : `${plural(failures.length, 'error')}`;
  return { runner: 'eslint', category: 'lint', failures, summary };
}
