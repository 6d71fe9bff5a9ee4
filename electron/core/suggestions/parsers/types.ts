/** What a failure parser reports about one run of a tool. */

export type RunnerId =
  | 'pytest'
  | 'python-unittest'
  | 'jest'
  | 'vitest'
  | 'go-test'
  | 'cargo'
  | 'tsc'
  | 'eslint'
  | 'npm'
  | 'gradle'
  | 'maven'
  | 'make';

/** One failing test, compiler error or lint error, with where the tool said it happened. */
export interface Failure {
  /** The test's name as the runner prints it (`TestEmails::test_domain`, `TestSplit/odd`), or the error's code or rule. */
  name: string;
  /** The file as printed (relative to the command's folder, or absolute); null when the tool gives none. */
  file: string | null;
  line: number | null;
  column?: number;
  message: string;
  /** The group it belongs to, when the runner names one: the test file, class, package or module. */
  suite?: string;
}

/** test: tests ran and some failed; build: compiling or type-checking failed; lint: a linter complained; tool: the tool itself failed. */
export type RunCategory = 'test' | 'build' | 'lint' | 'tool';

export interface ParsedRun {
  runner: RunnerId;
  category: RunCategory;
  /** Empty when the tool's output was recognised and nothing failed. */
  failures: Failure[];
  /** The tool's own one-line verdict ("4 failed, 5 passed in 2.90s"), or one made from the failures. */
  summary: string;
}

/** A parser recognises its tool's output (returning a run, possibly with no failures) or returns null. */
export type FailureParser = (output: string) => ParsedRun | null;
