/**
 * The one way the core runs git. Every call gets the same guard rails, so no caller can forget one:
 * - `--no-pager` and `core.quotepath=off` (non-ASCII paths come out as UTF-8, not octal escapes);
 * - a fixed environment: English messages (LC_ALL=C) so failures can be recognised, no optional
 *   locks (a review must never fight the user's own git for index.lock), no prompts, literal
 *   pathspecs (a file named `*.ts` means that file, not a glob);
 * - bounded output: a runaway diff is stopped at `maxOutputBytes` with a clear error instead of
 *   eating the machine's memory;
 * - failures become a GitError whose `kind` names the cases a user can act on.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';

export type GitErrorKind =
  | 'missing_folder' // the folder itself does not exist
  | 'not_a_repository' // the folder is not inside a git work tree
  | 'no_commits' // the repository has no commits yet (unborn HEAD)
  | 'unknown_revision' // a branch, tag or commit that does not exist
  | 'no_common_history' // two commits without a merge base
  | 'unsafe_repository' // git refuses the repo (safe.directory / dubious ownership)
  | 'output_too_large' // the output passed maxOutputBytes
  | 'git_missing' // no git executable on PATH
  | 'timeout'
  | 'failed'; // any other non-zero exit

export class GitError extends Error {
  constructor(
    readonly kind: GitErrorKind,
    message: string,
    /** git's own stderr, trimmed; kept for logs and for callers that want the detail. */
    readonly stderr = '',
    readonly exitCode: number | null = null,
  ) {
    super(message);
    this.name = 'GitError';
  }
}

export interface RunGitOptions {
  /** Written to git's stdin, then stdin is closed. */
  input?: string | Buffer;
  /** Stop and fail above this many bytes of stdout. Default 64 MB. */
  maxOutputBytes?: number;
  /** Exit codes that are not failures (e.g. 1 for `rev-parse --verify -q` or `diff --exit-code`). */
  okExitCodes?: number[];
  /** Extra environment on top of the fixed one (e.g. GIT_INDEX_FILE for snapshots). */
  env?: Record<string, string>;
  timeoutMs?: number;
}

export interface GitResult {
  stdout: Buffer;
  stderr: string;
  exitCode: number;
}

export const DEFAULT_MAX_OUTPUT_BYTES = 64 * 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 120_000;
/** stderr is for messages; more than this is noise we do not need to keep. */
const MAX_STDERR_BYTES = 64 * 1024;

/** Options placed before the subcommand on every call. */
const GLOBAL_ARGS = ['--no-pager', '-c', 'core.quotepath=off', '-c', 'color.ui=false'];

function gitEnv(extra: Record<string, string> | undefined): NodeJS.ProcessEnv {
  return {
    ...process.env,
    LC_ALL: 'C',
    LANGUAGE: 'C',
    GIT_OPTIONAL_LOCKS: '0',
    GIT_TERMINAL_PROMPT: '0',
    GIT_LITERAL_PATHSPECS: '1',
    GIT_PAGER: 'cat',
    ...extra,
  };
}

/** Runs `git <args>` in `cwd` and resolves with raw stdout; rejects with a GitError. */
export function runGit(cwd: string, args: string[], options: RunGitOptions = {}): Promise<GitResult> {
  const maxOutput = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
  const okCodes = options.okExitCodes ?? [];
  // spawn reports a missing cwd as a missing git (ENOENT) or throws (ENOTDIR): check it first.
  if (!isDirectory(cwd)) return Promise.reject(new GitError('missing_folder', `No folder at ${cwd}`));
  return new Promise((resolve, reject) => {
    const child = spawn('git', [...GLOBAL_ARGS, ...args], { cwd, env: gitEnv(options.env), stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let outBytes = 0;
    let err = '';
    let failure: GitError | null = null;

    const stop = (e: GitError) => {
      if (failure) return;
      failure = e;
      child.kill('SIGKILL');
    };
    const timer = setTimeout(
      () => stop(new GitError('timeout', `git ${args[0] ?? ''} took longer than ${Math.round((options.timeoutMs ?? DEFAULT_TIMEOUT_MS) / 1000)} s and was stopped`)),
      options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    );

    child.stdout.on('data', (chunk: Buffer) => {
      outBytes += chunk.length;
      if (outBytes > maxOutput) {
        stop(new GitError('output_too_large', `git ${args[0] ?? ''} printed more than ${Math.round(maxOutput / (1024 * 1024))} MB; narrow the request`));
        return;
      }
      out.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (err.length < MAX_STDERR_BYTES) err += chunk.toString('utf8');
    });
    child.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (e.code === 'ENOENT') reject(new GitError('git_missing', 'git is not installed or not on PATH'));
      else reject(new GitError('failed', `Could not run git: ${e.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (failure) return reject(failure);
      const exitCode = code ?? -1;
      const stderr = err.trim();
      if (exitCode === 0 || okCodes.includes(exitCode)) {
        return resolve({ stdout: Buffer.concat(out, Math.min(outBytes, maxOutput)), stderr, exitCode });
      }
      reject(classify(cwd, args, stderr, exitCode));
    });
    // A git that exits early (bad args) closes stdin under us: that is reported by 'close', not here.
    child.stdin.on('error', () => {});
    child.stdin.end(options.input ?? undefined);
  });
}

/** Same as runGit, with stdout decoded as UTF-8. */
export async function runGitText(cwd: string, args: string[], options?: RunGitOptions): Promise<string> {
  return (await runGit(cwd, args, options)).stdout.toString('utf8');
}

function classify(cwd: string, args: string[], stderr: string, exitCode: number): GitError {
  if (/not a git repository/i.test(stderr)) {
    return new GitError('not_a_repository', `${cwd} is not a git repository (or inside one)`, stderr, exitCode);
  }
  if (/must be run in a work tree/i.test(stderr)) {
    return new GitError('not_a_repository', `${cwd} is a bare repository or a .git folder, not a work tree`, stderr, exitCode);
  }
  if (/detected dubious ownership/i.test(stderr)) {
    return new GitError(
      'unsafe_repository',
      `git refuses to work in ${cwd} because the folder belongs to another user; mark it safe with \`git config --global --add safe.directory ${cwd}\``,
      stderr,
      exitCode,
    );
  }
  if (/does not have any commits yet|ambiguous argument 'HEAD'|bad default revision 'HEAD'/i.test(stderr)) {
    return new GitError('no_commits', `The repository at ${cwd} has no commits yet`, stderr, exitCode);
  }
  if (/unknown revision|bad revision|not a valid object name|Needed a single revision|invalid object name/i.test(stderr)) {
    return new GitError('unknown_revision', firstLine(stderr), stderr, exitCode);
  }
  const what = args.find((a) => !a.startsWith('-')) ?? args[0] ?? '';
  return new GitError('failed', `git ${what} failed: ${firstLine(stderr) || `exit code ${exitCode}`}`, stderr, exitCode);
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function firstLine(text: string): string {
  const line = text.split('\n').find((l) => l.trim() !== '') ?? '';
  return line.replace(/^(fatal|error): /, '').trim();
}
