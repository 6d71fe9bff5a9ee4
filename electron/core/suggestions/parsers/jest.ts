/**
 * Jest's default reporter: `FAIL path/to.test.js`, then one `  ● describe › test` block per failure with
 * the assertion, a code frame and `at fn (file:line:col)` frames. The frame in the failing test file
 * (not in node_modules) is the location; a suite that failed to run points at its code frame instead.
 */
import { parseNodeStack } from './stack-traces/node';
import { cleanLines, oneLine, plural } from './text';
import type { Failure, ParsedRun } from './types';

const SUITE = /^(PASS|FAIL) (\S+)/;
const TEST_HEADER = /^ {2}● (.+)$/;
const TESTS_LINE = /^Tests:\s+(.+)$/;
const SUITES_LINE = /^Test Suites:\s+(.+)$/;
const FRAME = /^\s+at (?:async )?(.*)$/;
const CODE_FRAME = /^\s*> (\d+) \|/;
const LINE_COL_IN_MESSAGE = /\((\d+):(\d+)\)\s*$/;

export function parseJest(output: string): ParsedRun | null {
  const lines = cleanLines(output);
  const testsLine = lines.map((l) => TESTS_LINE.exec(l)).find((m) => m);
  const suitesLine = lines.map((l) => SUITES_LINE.exec(l)).find((m) => m);
  if (!testsLine && !suitesLine && !lines.some((l) => SUITE.test(l))) return null;

  const failures: Failure[] = [];
  const seen = new Set<string>();
  let suite: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^Summary of all failing tests/.test(line)) break;
    const s = SUITE.exec(line);
    if (s) {
      suite = s[2]!;
      continue;
    }
    const header = TEST_HEADER.exec(line);
    if (!header || header[1] === 'Console' || suite === null) continue;

    const body: string[] = [];
    for (let j = i + 1; j < lines.length; j++) {
      if (TEST_HEADER.test(lines[j]!) || SUITE.test(lines[j]!) || SUITES_LINE.test(lines[j]!)) break;
      body.push(lines[j]!);
    }
    const name = header[1]!;
    const key = `${suite}\u0000${name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    failures.push({ name, suite, message: messageOf(body), ...locationOf(body, suite) });
  }

  const summary = testsLine ? oneLine(testsLine[1]!) : suitesLine ? `suites: ${oneLine(suitesLine[1]!)}` : `${plural(failures.length, 'test')} failed`;
  return { runner: 'jest', category: 'test', failures, summary };
}

/** The assertion line, with Expected/Received when jest printed them. */
function messageOf(body: string[]): string {
  const text = body.map((l) => l.trim()).filter((l) => l !== '');
  const first = text[0] ?? 'failed';
  const expected = text.find((l) => l.startsWith('Expected:'));
  const received = text.find((l) => l.startsWith('Received:'));
  const detail = [expected, received].filter(Boolean).join(', ');
  return oneLine(detail ? `${first} — ${detail}` : first, 300);
}

function locationOf(body: string[], suite: string): { file: string; line: number | null; column?: number } {
  const frameLines = body.filter((l) => FRAME.test(l));
  if (frameLines.length > 0) {
    const trace = parseNodeStack(['Error: jest frame', ...frameLines].join('\n'));
    const frames = trace?.frames ?? [];
    const inSuite = frames.find((f) => f.inProject && f.line !== null && sameFile(f.file, suite));
    const inProject = frames.find((f) => f.inProject && f.line !== null);
    const best = inSuite ?? inProject;
    if (best) return best.column === undefined ? { file: best.file, line: best.line } : { file: best.file, line: best.line, column: best.column };
  }
  const inMessage = body.map((l) => LINE_COL_IN_MESSAGE.exec(l)).find((m) => m);
  if (inMessage) return { file: suite, line: Number(inMessage[1]), column: Number(inMessage[2]) };
  const codeFrame = body.map((l) => CODE_FRAME.exec(l)).find((m) => m);
  return { file: suite, line: codeFrame ? Number(codeFrame[1]) : null };
}

function sameFile(a: string, b: string): boolean {
  return a === b || a.endsWith(`/${b}`) || b.endsWith(`/${a}`);
}
