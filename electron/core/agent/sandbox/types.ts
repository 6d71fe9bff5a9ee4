/*
 * The sandbox's data: what the host can enforce (found once by probing), the roots a command may
 * write, and the plan that any spawner (a plain child process, or a pty in a visible terminal) can run.
 */
import type { SandboxMode } from '../../../../shared/contract/agent';

export type { SandboxMode };

/**
 * A folder sandboxed commands may write, with the parts of it that stay read-only. Paths are real
 * (symlinks resolved): bubblewrap and Seatbelt both work on real paths.
 */
export interface WritableRoot {
  root: string;
  /** `.git` (and the real git dir it points to), `.tandem`: see docs/sandbox-and-approvals.md. */
  readOnlySubpaths: string[];
}

/** What bubblewrap on this host can do, found by {@link probeSandboxSupport}. */
export interface LinuxSandboxSupport {
  bwrapPath: string;
  /** bwrap ≥ 0.8 can forbid new user namespaces inside the sandbox. */
  disableUserns: boolean;
  /** A compiled seccomp filter for this CPU, or null where none applies (see seccomp-filter.ts). */
  seccompFilterPath: string | null;
  /** Folders hidden behind an empty tmpfs (credentials, Tandem's own data, a runtime dir outside /run). */
  maskedDirs: string[];
  /** Files hidden behind /dev/null. */
  maskedFiles: string[];
  /** Where /etc/resolv.conf really lives when that is under /run (hidden by default): shown again when the network is on. */
  resolvConfTarget: string | null;
}

export interface MacosSandboxSupport {
  sandboxExecPath: string;
  /** Paths Seatbelt denies reading (credentials, Tandem's own data). */
  maskedPaths: string[];
}

export interface SandboxCapabilities {
  platform: NodeJS.Platform;
  /**
   * Null when `read-only` and `workspace-write` can be enforced here; otherwise, in words a user can
   * act on, why not. Then every command needs approval (see approvals/policy.ts).
   */
  unavailableReason: string | null;
  linux: LinuxSandboxSupport | null;
  macos: MacosSandboxSupport | null;
  /** What is and is not enforced, for the docs panel and the agent's environment block. */
  notes: string[];
}

export interface SandboxPlanInput {
  /** An argv (run as is) or a shell script (run with `shell -c`). */
  command: readonly string[] | string;
  cwd: string;
  mode: SandboxMode;
  /** The workspace roots: writable in `workspace-write`, visible but read-only in `read-only`. */
  writableRoots: readonly WritableRoot[];
  /**
   * The thread's own temp dir (real path), shown as /tmp inside the Linux sandbox and writable in
   * `workspace-write`. Null: an empty /tmp that vanishes with the command.
   */
  tmpDir: string | null;
  /** Network inside the sandbox (off by default). */
  network: boolean;
  capabilities: SandboxCapabilities;
  /** The environment the command starts from (process.env by default). */
  env?: NodeJS.ProcessEnv;
  /** Shell for a script command: `bash` on Linux and macOS, `%ComSpec%` on Windows. */
  shell?: string;
}

/** A command ready to spawn: `spawn(plan.file, plan.args, { cwd: plan.cwd, env: plan.env })`. */
export interface SandboxPlan {
  file: string;
  args: string[];
  env: Record<string, string>;
  cwd: string;
  /** Windows only: pass `args` to cmd.exe untouched (Node's spawn option of the same name). */
  windowsVerbatimArguments?: boolean;
  /** The requested mode holds (trivially so for `danger-full-access`). False: the command would run unconfined. */
  enforced: boolean;
  mode: SandboxMode;
  network: boolean;
  notes: string[];
}
