/**
 * Runs one short external command for a context provider (xprop, xclip, git, import) and collects
 * its output. Providers live on a tight time budget, so this never waits longer than asked: on
 * timeout or abort the child is killed (or, for xclip, left to run out; see `leaveRunning`). Output
 * beyond `maxBytes` is cut rather than buffered, so a 200 MB clipboard cannot stall the core.
 */
import { spawn } from 'node:child_process';

export interface RunOptions {
  /** Kill the command and reject after this many ms. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Keep at most this many bytes of stdout; the rest is dropped and `truncated` is set. */
  maxBytes?: number;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /**
   * When the caller stops waiting (abort, output limit reached), leave the command to finish on
   * its own — its output discarded, still killed at `timeoutMs` — instead of killing it at once.
   * Killing an xclip in the middle of a transfer can crash the app that owns the selection (Xlib
   * exits on the BadWindow error it then gets).
   */
  leaveRunning?: boolean;
}

export interface RunResult {
  stdout: Buffer;
  stderr: string;
  /** Exit code; null when the output was cut (the command was then killed or left to finish). */
  code: number | null;
  truncated: boolean;
}

export class CommandError extends Error {
  constructor(
    message: string,
    readonly reason: 'not-found' | 'timeout' | 'aborted' | 'failed',
  ) {
    super(message);
    this.name = 'CommandError';
  }
}

const DEFAULT_MAX_BYTES = 1 << 20;
const MAX_STDERR = 4096;

export function runCommand(command: string, args: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  return new Promise((resolve, reject) => {
    if (opts.signal?.aborted) return reject(new CommandError(`${command} was not started: cancelled`, 'aborted'));
    const child = spawn(command, args, { env: opts.env, cwd: opts.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let size = 0;
    let truncated = false;
    let stderr = '';
    let settled = false;

    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      fn();
    };
    const kill = () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    };
    /** Stop waiting for the command: kill it, or let it run out (bounded by the timeout). */
    const letGo = () => {
      if (!opts.leaveRunning) kill();
      else if (opts.timeoutMs) setTimeout(kill, opts.timeoutMs).unref();
    };
    const onAbort = () => {
      letGo();
      finish(() => reject(new CommandError(`${command} was cancelled`, 'aborted')));
    };
    const timer = opts.timeoutMs
      ? setTimeout(() => {
          kill();
          finish(() => reject(new CommandError(`${command} gave no answer within ${opts.timeoutMs} ms`, 'timeout')));
        }, opts.timeoutMs)
      : undefined;
    opts.signal?.addEventListener('abort', onAbort, { once: true });

    child.stdout.on('data', (chunk: Buffer) => {
      if (truncated) return;
      const room = maxBytes - size;
      if (chunk.length > room) {
        chunks.push(chunk.subarray(0, room));
        size = maxBytes;
        truncated = true;
        letGo(); // the rest is read and dropped if the command is left running
        finish(() => resolve({ stdout: Buffer.concat(chunks), stderr: stderr.trim(), code: null, truncated: true }));
        return;
      }
      chunks.push(chunk);
      size += chunk.length;
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < MAX_STDERR) stderr += chunk.toString('utf8').slice(0, MAX_STDERR - stderr.length);
    });
    child.once('error', (err: NodeJS.ErrnoException) => {
      finish(() =>
        reject(err.code === 'ENOENT' ? new CommandError(`${command} is not installed`, 'not-found') : new CommandError(`${command} could not start: ${err.message}`, 'failed')),
      );
    });
    // 'close' (not 'exit'): all output has been read by then.
    child.once('close', (code) => {
      finish(() => resolve({ stdout: Buffer.concat(chunks), stderr: stderr.trim(), code, truncated: false }));
    });
  });
}
