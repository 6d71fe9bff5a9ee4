/**
 * npm's own errors (`npm error code E404` in npm 10+, `npm ERR! code E404` before): a missing script, a
 * package that does not exist, a broken package.json, a network failure. A failing script's own output
 * (a test runner, a crash) is left to the parser for that tool.
 */
import { cleanLines, oneLine } from './text';
import type { Failure, ParsedRun } from './types';

const NPM_LINE = /^npm (?:error|ERR!)(?: (.*))?$/;
const CODE = /^code (\S+)$/;
const PATH = /^path (\S.*)$/;
const METADATA = /^(errno|syscall|code|path|signal|command|cwd|A complete log of this run|Log files were not written|\d{3}$)/;

export function parseNpm(output: string): ParsedRun | null {
  const bodies = cleanLines(output)
    .map((l) => NPM_LINE.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => (m[1] ?? '').trim());
  if (bodies.length === 0) return null;

  const code = bodies.map((b) => CODE.exec(b)?.[1]).find(Boolean) ?? null;
  const file = bodies.map((b) => PATH.exec(b)?.[1]).find(Boolean) ?? (code === 'EJSONPARSE' ? 'package.json' : null);
  const missingScript = bodies.find((b) => b.startsWith('Missing script:'));
  const message =
    missingScript ??
    bodies.find((b) => b !== '' && !METADATA.test(b) && !/^at /.test(b) && !b.startsWith('404 ') ) ??
    bodies.find((b) => b.startsWith('404 ')) ??
    'npm failed';
  // E404 says the useful part on its own `404 Not Found - GET …` line.
  const detail = code === 'E404' ? (bodies.find((b) => /^404 Not Found/.test(b)) ?? message) : message;

  const failure: Failure = { name: missingScript ? 'Missing script' : (code ?? 'npm error'), file, line: null, message: oneLine(detail, 300) };
  return { runner: 'npm', category: 'tool', failures: [failure], summary: oneLine(`npm error${code ? ` ${code}` : ''}: ${detail}`, 200) };
}
