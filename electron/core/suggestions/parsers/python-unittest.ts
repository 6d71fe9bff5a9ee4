/**
 * Python's unittest runner (`python -m unittest`, Django's test runner): `FAIL: test_x (pkg.Class.test_x)`
 * sections, each holding a traceback whose deepest project frame is where it broke.
 */
import { parsePythonTraceback } from './stack-traces/python';
import { cleanLines, oneLine, plural } from './text';
import type { Failure, ParsedRun } from './types';

const RAN = /^Ran (\d+) tests? in [\d.]+s$/;
const HEADER = /^(FAIL|ERROR): (\S+) \((.+?)\)$/;
const RULE = /^(=|-){20,}$/;
const VERDICT = /^(FAILED \(.*\)|OK(?: \(.*\))?)$/;

export function parsePythonUnittest(output: string): ParsedRun | null {
  const lines = cleanLines(output);
  const ranLine = lines.find((l) => RAN.test(l));
  if (!ranLine) return null;

  const failures: Failure[] = [];
  for (let i = 0; i < lines.length; i++) {
    const header = HEADER.exec(lines[i]!);
    if (!header) continue;
    const body: string[] = [];
    for (let j = i + 1; j < lines.length; j++) {
      const line = lines[j]!;
      if (/^={20,}$/.test(line) || RAN.test(line)) break;
      body.push(line);
    }
    const name = header[2]!;
    // Python 3.11+ prints `(module.Class.test_name)`, older versions `(module.Class)`.
    const qualified = header[3]!;
    const suite = qualified.endsWith(`.${name}`) ? qualified.slice(0, -name.length - 1) : qualified;
    const trace = parsePythonTraceback(body.filter((l) => !RULE.test(l)).join('\n'));
    failures.push({
      name,
      suite,
      file: trace?.top?.file ?? null,
      line: trace?.top?.line ?? null,
      message: oneLine(trace?.error ?? header[1]!, 300),
    });
  }
  const verdict = lines.find((l) => VERDICT.test(l.trim()));
  const summary = verdict ? `${ranLine.replace(/ in [\d.]+s$/, '')}: ${verdict.trim()}` : `${plural(failures.length, 'test')} failed`;
  return { runner: 'python-unittest', category: 'test', failures, summary };
}
