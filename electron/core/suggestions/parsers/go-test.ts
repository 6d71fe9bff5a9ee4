/**
 * `go test` (and `go build` / `go vet` errors it prints): `--- FAIL: TestName (0.00s)` lines, nested
 * for subtests, with `file_test.go:21: message` logs printed after them (or before them with -v);
 * a panic's goroutine trace; `FAIL\tpackage\t0.004s` per package; `# package` then `file.go:4:9: …`
 * for code that does not compile. A parent test that failed only because a subtest did is not listed.
 */
import { parseGoPanic } from './stack-traces/go';
import { cleanLines, oneLine, plural } from './text';
import type { Failure, ParsedRun } from './types';

const RUN = /^=== (?:RUN|CONT|PAUSE|NAME)\s+(\S+)$/;
const RESULT = /^\s*--- (FAIL|PASS|SKIP): (\S+) \(([\d.]+)s\)$/;
const LOG = /^\s+(\S+\.go):(\d+): (.*)$/;
const PACKAGE = /^(ok|FAIL|\?)\s+(\S+)\s+(\S.*)?$/;
const BUILD_HEADER = /^# (\S+)$/;
const BUILD_ERROR = /^(?:vet: )?(\S+\.go):(\d+):(\d+): (.*)$/;

interface GoTest {
  name: string;
  failed: boolean;
  logs: { file: string; line: number; message: string }[];
  panic: ReturnType<typeof parseGoPanic>;
  pkg?: string;
}

export function parseGoTest(output: string): ParsedRun | null {
  const lines = cleanLines(output);
  const tests = new Map<string, GoTest>();
  const test = (name: string): GoTest => {
    let t = tests.get(name);
    if (!t) tests.set(name, (t = { name, failed: false, logs: [], panic: null }));
    return t;
  };
  const packages: string[] = [];
  const buildErrors: Failure[] = [];
  let current: GoTest | null = null;
  let buildPackage: string | null = null;
  let recognised = false;

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const run = RUN.exec(line);
    if (run) {
      recognised = true;
      current = test(run[1]!);
      continue;
    }
    const result = RESULT.exec(line);
    if (result) {
      recognised = true;
      current = test(result[2]!);
      if (result[1] === 'FAIL') current.failed = true;
      continue;
    }
    const log = LOG.exec(line);
    if (log && current) {
      current.logs.push({ file: log[1]!, line: Number(log[2]), message: log[3]! });
      continue;
    }
    if (line.startsWith('panic: ') && current) {
      current.failed = true;
      current.panic = parseGoPanic(lines.slice(i).join('\n'));
      continue;
    }
    const pkg = line.includes('\t') || /^(ok|FAIL)\s{2,}/.test(line) ? PACKAGE.exec(line) : null;
    if (pkg) {
      recognised = true;
      if (pkg[1] !== '?') packages.push(`${pkg[1]} ${pkg[2]}${pkg[3] ? ` ${pkg[3].trim()}` : ''}`);
      if (pkg[1] === 'FAIL') for (const t of tests.values()) if (t.failed) t.pkg ??= pkg[2]!;
      continue;
    }
    const header = BUILD_HEADER.exec(line);
    if (header) {
      buildPackage = header[1]!;
      continue;
    }
    const build = BUILD_ERROR.exec(line);
    if (build && buildPackage) {
      recognised = true;
      const failure: Failure = { name: build[4]!, file: build[1]!, line: Number(build[2]), column: Number(build[3]), message: build[4]!, suite: buildPackage };
      if (!buildErrors.some((b) => b.file === failure.file && b.line === failure.line && b.message === failure.message)) buildErrors.push(failure);
    }
  }
  if (!recognised) return null;

  const failed = [...tests.values()].filter((t) => t.failed);
  const leaves = failed.filter((t) => !(t.logs.length === 0 && !t.panic && failed.some((o) => o.name.startsWith(`${t.name}/`))));
  const testFailures: Failure[] = leaves.map((t) => {
    const top = t.panic?.top ?? null;
    const firstLog = t.logs[0];
    const failure: Failure = {
      name: t.name,
      file: top?.file ?? firstLog?.file ?? null,
      line: top?.line ?? firstLog?.line ?? null,
      message: oneLine(t.panic ? t.panic.error : t.logs.map((l) => l.message).join('; ') || 'failed', 300),
    };
    if (t.pkg) failure.suite = t.pkg;
    return failure;
  });

  const failures = [...testFailures, ...buildErrors];
  const category = testFailures.length === 0 && buildErrors.length > 0 ? 'build' : 'test';
  const summary =
    packages.length > 0
      ? packages.filter((p) => p !== 'FAIL').join('; ') || 'FAIL'
      : buildErrors.length > 0
        ? `${plural(buildErrors.length, 'build error')} in ${buildPackage}`
        : `${plural(testFailures.length, 'test')} failed`;
  return { runner: 'go-test', category, failures, summary };
}
