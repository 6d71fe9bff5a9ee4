/**
 * The TypeScript compiler: `src/api.ts(12,10): error TS18048: …` (plain) or
 * `src/api.ts:12:10 - error TS18048: …` (--pretty, the default in a terminal). Indented lines after a
 * plain error continue its message. A clean run prints nothing, so it is recognised by command only.
 */
import { cleanLines, oneLine, plural } from './text';
import type { Failure, ParsedRun } from './types';

const PLAIN = /^(.+?)\((\d+),(\d+)\): error (TS\d+): (.*)$/;
const PRETTY = /^(.+?):(\d+):(\d+) - error (TS\d+): (.*)$/;
const FOUND = /^Found (\d+) errors?(?: in .+)?\.?$/;

export function parseTsc(output: string): ParsedRun | null {
  const lines = cleanLines(output);
  const failures: Failure[] = [];
  let last: Failure | null = null;
  let pretty = false;
  for (const line of lines) {
    const m = PLAIN.exec(line) ?? PRETTY.exec(line);
    if (m) {
      pretty ||= PRETTY.test(line);
      last = { name: m[4]!, file: m[1]!, line: Number(m[2]), column: Number(m[3]), message: m[5]! };
      failures.push(last);
      continue;
    }
    // Plain output continues a message on indented lines; pretty output puts code frames there instead.
    if (last && !pretty && /^ {2}\S/.test(line)) last.message += ` ${line.trim()}`;
    else last = null;
  }
  const found = lines.map((l) => FOUND.exec(l.trim())).find((m) => m);
  if (failures.length === 0 && !found) return null;
  for (const f of failures) f.message = oneLine(f.message, 300);
  const files = new Set(failures.map((f) => f.file)).size;
  const summary = found ? found[0]!.replace(/\.$/, '') : `Found ${plural(failures.length, 'error')} in ${plural(files, 'file')}`;
  return { runner: 'tsc', category: 'build', failures, summary };
}
