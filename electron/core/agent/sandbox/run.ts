/*
 * Runs a planned command to the end without a terminal: no stdin, stdout and stderr interleaved as they
 * arrive, a timeout and an abort that kill the whole process tree, and the output capped (head + tail).
 */
import { spawn } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';
import { HeadTailCapture } from './output-cap';
import type { SandboxPlan } from './types';

export interface RunOptions {
  /** Kill the command after this long (default 10 minutes). */
  timeoutMs?: number;
  /** Bytes of output kept: half from the start, half from the end (default 64 KiB). */
  outputCapBytes?: number;
  /** Every piece of output as it arrives, uncapped (for a live view). */
  onOutput?: (text: string) => void;
  signal?: AbortSignal;
}

export interface RunResult {
  /** Null when the process was ended by a signal. */
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  /** Stopped through `options.signal`. */
  aborted: boolean;
  output: string;
  /** Bytes the command wrote in all (the output may hold fewer). */
  outputBytes: number;
  durationMs: number;
}

export const DEFAULT_TIMEOUT_MS = 10 * 60_000;
export const DEFAULT_OUTPUT_CAP_BYTES = 64 * 1024;

/** Rejects only when the command cannot be started at all (no such file, bad cwd). */
export function runSandboxed(plan: SandboxPlan, options: RunOptions = {}): Promise<RunResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const capture = new HeadTailCapture(options.outputCapBytes ?? DEFAULT_OUTPUT_CAP_BYTES);
  const started = performance.now();

  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) {
      resolve({ exitCode: null, signal: null, timedOut: false, aborted: true, output: '', outputBytes: 0, durationMs: 0 });
      return;
    }
    const child = spawn(plan.file, plan.args, {
      cwd: plan.cwd,
      env: plan.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so a timeout reaches every process it started (not only the first).
      // Inside bubblewrap the sandbox's PID namespace dies with it anyway (--die-with-parent).
      detached: process.platform !== 'win32',
      windowsHide: true,
      windowsVerbatimArguments: plan.windowsVerbatimArguments ?? false,
    });

    let timedOut = false;
    let aborted = false;
    let settled = false;
    const killTree = () => {
      if (child.pid === undefined) return;
      try {
        if (process.platform === 'win32') child.kill('SIGKILL');
        else process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killTree();
    }, timeoutMs);
    const onAbort = () => {
      aborted = true;
      killTree();
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });

    const attach = (stream: NodeJS.ReadableStream) => {
      const decoder = new StringDecoder('utf8');
      stream.on('data', (chunk: Buffer) => {
        capture.push(chunk);
        if (options.onOutput) {
          const text = decoder.write(chunk);
          if (text) options.onOutput(text);
        }
      });
      stream.on('end', () => {
        const rest = decoder.end();
        if (rest && options.onOutput) options.onOutput(rest);
      });
    };
    attach(child.stdout);
    attach(child.stderr);

    const finish = () => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
    };
    child.once('error', (error) => {
      if (settled) return;
      settled = true;
      finish();
      reject(new Error(`Could not start ${plan.file}: ${error.message}`));
    });
    // 'close' waits for the pipes to drain, so the output is complete. A background process that
    // keeps the pipes open keeps the command running (as in a terminal) until the timeout.
    child.once('close', (code, signal) => {
      if (settled) return;
      settled = true;
      finish();
      // Grandchildren left in the group (say `sleep 100 &` with its output redirected) go too.
      killTree();
      resolve({
        exitCode: code,
        signal,
        timedOut,
        aborted,
        output: capture.text(),
        outputBytes: capture.total,
        durationMs: Math.round(performance.now() - started),
      });
    });
  });
}
