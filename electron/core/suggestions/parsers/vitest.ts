/**
 * Vitest's default reporter: after the per-file list, a "Failed Tests" (and "Failed Suites") section
 * with one ` FAIL  file > describe > test` block per failure, its error line, and ` ❯ file:line:col`
 * pointing at the frame where it broke (the first one is the deepest in the user's code).
 */
import { cleanLines, oneLine, plural } from './text';
import type { Failure, ParsedRun } from './types';

const RUN_BANNER = /^\s*RUN\s+v\d+\.\d+/;
const FILES_LINE = /^\s*Test Files\s+(.+)$/;
const TESTS_LINE = /^\s*Tests\s+(.+)$/;
const FAIL_HEADER = /^\s*FAIL\s+(?:\|[^|]+\|\s+)?(\S+)(?: > (.+?))?(?: \[ .+ \])?\s*$/;
const LOCATION = /^\s*[❯>] (?:(.+?) )?(\S+?):(\d+):(\d+)\s*$/;
const BLOCK_END = /^\s*⎯{3,}/;

export function parseVitest(output: string): ParsedRun | null {
  const lines = cleanLines(output);
  const filesLine = lines.map((l) => FILES_LINE.exec(l)).find((m) => m);
  const testsLine = lines.map((l) => TESTS_LINE.exec(l)).find((m) => m);
  const recognised = lines.some((l) => RUN_BANNER.test(l)) || filesLine !== undefined;
  if (!recognised) return null;

  const failures: Failure[] = [];
  for (let i = 0; i < lines.length; i++) {
    const header = FAIL_HEADER.exec(lines[i]!);
    if (!header) continue;
    const file = header[1]!;
    let message: string | null = null;
    let where: RegExpExecArray | null = null;
    for (let j = i + 1; j < lines.length; j++) {
      const line = lines[j]!;
      if (BLOCK_END.test(line) || FAIL_HEADER.test(line)) break;
      if (message === null && line.trim() !== '') message = line.trim();
      where ??= LOCATION.exec(line);
      if (where) break;
    }
    const failure: Failure = {
      name: header[2] ?? file,
      suite: file,
      file: where ? where[2]! : file,
      line: where ? Number(where[3]) : null,
      message: oneLine(message ?? 'failed', 300),
    };
    if (where) failure.column = Number(where[4]);
    failures.push(failure);
  }

  const parts = [testsLine && `Tests ${oneLine(testsLine[1]!)}`, filesLine && `Test Files ${oneLine(filesLine[1]!)}`].filter(Boolean);
  const summary = parts.length > 0 ? parts.join('; ') : `${plural(failures.length, 'test')} failed`;
  return { runner: 'vitest', category: 'test', failures, summary };
}
