/**
 * Which tool printed this, and what failed? Each runner has its own parser; this module picks the
 * one that recognises the output, trying the runner the command names first.
 */
import { parseCargo } from './cargo';
import { parseEslint } from './eslint';
import { parseGoTest } from './go-test';
import { parseGradle } from './gradle';
import { parseJest } from './jest';
import { parseMake } from './make';
import { parseMaven } from './maven';
import { parseNpm } from './npm';
import { parsePytest } from './pytest';
import { parsePythonUnittest } from './python-unittest';
import { parseTsc } from './tsc';
import type { FailureParser, ParsedRun, RunnerId } from './types';
import { parseVitest } from './vitest';

export type { Failure, FailureParser, ParsedRun, RunCategory, RunnerId } from './types';

export const PARSERS: Record<RunnerId, FailureParser> = {
  pytest: parsePytest,
  'python-unittest': parsePythonUnittest,
  jest: parseJest,
  vitest: parseVitest,
  'go-test': parseGoTest,
  cargo: parseCargo,
  tsc: parseTsc,
  eslint: parseEslint,
  npm: parseNpm,
  gradle: parseGradle,
  maven: parseMaven,
  make: parseMake,
};

/**
 * Content detection order: test runners before compilers and linters, and the wrappers that run other
 * tools (make, npm) last, so `npm test` running vitest is reported as vitest.
 */
const DETECTION_ORDER: RunnerId[] = ['pytest', 'python-unittest', 'jest', 'vitest', 'go-test', 'cargo', 'maven', 'gradle', 'tsc', 'eslint', 'make', 'npm'];

/** The runner a command line starts, if it names one directly (`npx vitest run`, `python -m pytest`, `./gradlew test`). */
export function runnerFromCommand(command: string | null): RunnerId | null {
  if (!command) return null;
  const words = command.trim().split(/\s+/);
  // Skip `VAR=value` prefixes and wrappers that only change how the tool runs.
  while (words.length > 0 && (/^\w+=/.test(words[0]!) || ['time', 'sudo', 'env', 'nice', 'command'].includes(words[0]!))) words.shift();
  let [tool, ...rest] = words;
  if (tool === undefined) return null;
  if (['npx', 'pnpx', 'bunx'].includes(tool) || ((tool === 'pnpm' || tool === 'yarn') && rest[0] === 'exec')) {
    if (tool !== 'npx' && tool !== 'pnpx' && tool !== 'bunx') rest = rest.slice(1);
    const next = rest.find((w) => !w.startsWith('-'));
    if (next === undefined) return null;
    tool = next;
    rest = rest.slice(rest.indexOf(next) + 1);
  }
  const base = tool.split('/').pop()!;
  if (/^python[\d.]*$/.test(base) && rest[0] === '-m') return rest[1] === 'pytest' ? 'pytest' : rest[1] === 'unittest' ? 'python-unittest' : null;
  if (base === 'pytest' || base === 'py.test') return 'pytest';
  if (base === 'jest') return 'jest';
  if (base === 'vitest') return 'vitest';
  if (base === 'go') return ['test', 'build', 'vet', 'run', 'install'].includes(rest[0] ?? '') ? 'go-test' : null;
  if (base === 'cargo' || base === 'rustc') return 'cargo';
  if (base === 'tsc' || base === 'vue-tsc') return 'tsc';
  if (base === 'eslint') return 'eslint';
  if (base === 'gradle' || base === 'gradlew') return 'gradle';
  if (base === 'mvn' || base === 'mvnw') return 'maven';
  if (base === 'make' || base === 'gmake') return 'make';
  if (['npm', 'pnpm', 'yarn'].includes(base)) return 'npm';
  return null;
}

/**
 * Parses a command's output. Prefers a parser that found failures; otherwise returns the first that
 * recognised the output (a passing run), or null when no parser knows it.
 */
export function parseToolOutput(output: string, command: string | null = null): ParsedRun | null {
  const hinted = runnerFromCommand(command);
  const order = hinted && hinted !== 'npm' && hinted !== 'make' ? [hinted, ...DETECTION_ORDER.filter((r) => r !== hinted)] : DETECTION_ORDER;
  let recognised: ParsedRun | null = null;
  for (const runner of order) {
    const run = PARSERS[runner](output);
    if (!run) continue;
    if (run.failures.length > 0) return run;
    recognised ??= run;
  }
  return recognised;
}
