/**
 * The core's end of the channel to the pty host process. The core never imports Electron: under
 * `tandem serve` the host is a child_process.fork; electron/main hands in a launcher backed by
 * utilityProcess instead (its postMessage / 'message' / 'exit' map one to one onto this interface).
 */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { HostMessage, HostRequest } from './host-protocol';

export interface PtyHostChannel {
  readonly pid: number | undefined;
  send(message: HostRequest): void;
  onMessage(listener: (message: HostMessage) => void): void;
  /** The process ended (crashed, killed, or exited after shutdown). Called once. */
  onExit(listener: (info: { code: number | null; signal: string | null }) => void): void;
  /** Ends the process at once (SIGKILL); used when it does not shut down by itself. */
  kill(): void;
}

export type PtyHostLauncher = () => PtyHostChannel;

/**
 * Where the bundled host lives: out/pty-host.cjs, beside out/cli.cjs and one level above
 * out/electron/main.cjs. Run from TypeScript sources (tests), the build output in the working directory.
 */
export function defaultPtyHostEntry(): string {
  if (process.env.TANDEM_PTY_HOST_ENTRY) return process.env.TANDEM_PTY_HOST_ENTRY;
  const dir = typeof __dirname === 'string' ? __dirname : path.resolve('out');
  const candidates = [path.join(dir, 'pty-host.cjs'), path.join(dir, '..', 'pty-host.cjs')];
  return candidates.find((c) => fs.existsSync(c)) ?? candidates[0]!;
}

export interface ForkOptions {
  entry?: string;
  env?: NodeJS.ProcessEnv;
}

/** Launches the host with Node's child_process.fork (structured-clone serialization, stdio inherited). */
export function forkPtyHost(options: ForkOptions = {}): PtyHostLauncher {
  return () => {
    const entry = options.entry ?? defaultPtyHostEntry();
    const env = options.env ?? process.env;
    const child = fork(entry, [], {
      // Inside Electron, process.execPath is Electron itself: run it as plain Node.
      env: process.versions.electron ? { ...env, ELECTRON_RUN_AS_NODE: '1' } : env,
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      // Node flags of the parent (e.g. a test runner's loaders) do not apply to the bundled host.
      execArgv: [],
    });
    let exited = false;
    const exitListeners: Array<(info: { code: number | null; signal: string | null }) => void> = [];
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
      if (exited) return;
      exited = true;
      for (const l of exitListeners) l({ code, signal });
    };
    child.on('exit', onExit);
    // 'error' also reports a failed send; only a process that never started ends here.
    child.on('error', () => {
      if (child.pid === undefined) onExit(null, null);
    });
    return {
      get pid() {
        return child.pid;
      },
      send(message) {
        if (child.connected) child.send(message);
      },
      onMessage(listener) {
        child.on('message', (message) => listener(message as HostMessage));
      },
      onExit(listener) {
        exitListeners.push(listener);
      },
      kill() {
        if (!exited) child.kill('SIGKILL');
      },
    };
  };
}

/**
 * What the core needs of Electron's UtilityProcess (structurally, so the core never imports 'electron').
 * electron/main: `utilityProcessPtyHost((entry) => utilityProcess.fork(entry, [], { serviceName:
 * 'Tandem terminals', stdio: 'inherit' }), path.join(mainDir, '..', 'pty-host.cjs'))`.
 */
export interface UtilityProcessLike {
  readonly pid: number | undefined;
  postMessage(message: unknown): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  kill(): boolean;
}

export function utilityProcessPtyHost(fork: (entry: string) => UtilityProcessLike, entry: string): PtyHostLauncher {
  return () => {
    const child = fork(entry);
    let exited = false;
    const exitListeners: Array<(info: { code: number | null; signal: string | null }) => void> = [];
    child.on('exit', (code) => {
      if (exited) return;
      exited = true;
      for (const l of exitListeners) l({ code, signal: null });
    });
    return {
      get pid() {
        return child.pid;
      },
      send(message) {
        if (!exited) child.postMessage(message);
      },
      onMessage(listener) {
        child.on('message', (message) => listener(message as HostMessage));
      },
      onExit(listener) {
        exitListeners.push(listener);
      },
      kill() {
        if (!exited) child.kill();
      },
    };
  };
}
