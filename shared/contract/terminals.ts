/**
 * Terminals: real shells in ptys run by the pty host process, streamed to the UI in batches with
 * per-client flow control, and observed through shell integration (OSC 133 / 633 / 7) so every command
 * becomes a structured record (text, cwd, times, exit code, output tail).
 */
import { z } from 'zod';
import { event, method } from './define';

/** Sizes and limits shared by the core, the UI and the contract's schemas. */
export const TERMINAL_LIMITS = {
  /** A pty is clamped to these sizes; 0×0 (a hidden panel) and absurd sizes become valid ones. */
  minCols: 2,
  maxCols: 1000,
  minRows: 1,
  maxRows: 500,
  /** Largest size a caller may send before clamping (anything above is a bug, not a big screen). */
  maxRequestedSize: 100_000,
  /** One `terminal.write` carries at most this many chars; the UI splits bigger pastes. */
  maxWriteChars: 1_000_000,
  /** One acknowledgement can cover at most this many chars. */
  maxAckChars: 100_000_000,
  maxEnvVars: 256,
  maxEnvValueChars: 32_768,
  maxArgs: 64,
  maxLabelChars: 80,
} as const;

/**
 * Flow control (VS Code's numbers): the core pauses a pty while any attached client has more than
 * HIGH unacknowledged chars and resumes it when all are below LOW; clients ack every ACK_CHARS.
 */
export const TERMINAL_FLOW = {
  highWatermarkChars: 100_000,
  lowWatermarkChars: 5_000,
  ackChars: 5_000,
} as const;

export type TerminalOwner = 'user' | 'agent';
export type TerminalStatus = 'running' | 'exited' | 'lost';
export type ShellKind = 'bash' | 'zsh' | 'fish' | 'pwsh' | 'powershell' | 'cmd' | 'sh' | 'other';

/**
 * Shell integration state. 'injected': the hooks were added at start, no mark seen yet;
 * 'active': the shell has reported a prompt; 'off': no integration, `reason` says why.
 */
export interface ShellIntegration {
  state: 'injected' | 'active' | 'off';
  reason: string | null;
}

export interface TerminalExit {
  /** The shell's exit code; null when it was killed by a signal. */
  code: number | null;
  /** Signal name (e.g. "SIGKILL") when a signal ended it. */
  signal: string | null;
}

export interface TerminalInfo {
  id: string;
  /** What the tab shows: the label given at creation, or the shell's name. */
  label: string;
  owner: TerminalOwner;
  /** Absolute path of the shell binary. */
  shell: string;
  shellKind: ShellKind;
  pid: number | null;
  /** The current directory: reported by the shell (OSC 7) when integrated, else the starting one. */
  cwd: string;
  cols: number;
  rows: number;
  status: TerminalStatus;
  exit: TerminalExit | null;
  integration: ShellIntegration;
  createdAt: number;
}

/** One command run at an integrated shell's prompt. */
export interface TerminalCommand {
  /** `${terminalId}:${seq}`. */
  id: string;
  terminalId: string;
  seq: number;
  /**
   * The command line exactly as typed; null when it cannot be known for sure or the user kept it out
   * of history on purpose (bash/zsh `ignorespace`: a line starting with a space).
   */
  command: string | null;
  /** Where it ran. */
  cwd: string | null;
  startedAt: number;
  endedAt: number;
  /** Null when the shell did not report one (e.g. it was interrupted before the next prompt). */
  exitCode: number | null;
  /** The last part of the output as plain text (escape sequences removed), bounded. */
  output: string;
  /** True when `output` is only the tail of a longer output. */
  outputTruncated: boolean;
  /** Where the raw output sits in the terminal's stream, as char offsets (see TerminalData.offset). */
  outputRange: { start: number; end: number };
}

/** A batch of terminal output. `offset` is the char position of `data` in the terminal's stream. */
export interface TerminalData {
  id: string;
  data: string;
  offset: number;
}

/** The retained tail of a terminal's output, for restoring a view: chars [start, end) of the stream. */
export interface TerminalSnapshot {
  id: string;
  data: string;
  start: number;
  end: number;
}

const TerminalId = z.string().min(1).max(64);
const Size = z.number().int().min(0).max(TERMINAL_LIMITS.maxRequestedSize);
const EnvName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'Environment variable names are letters, digits and _').max(128);

export const TerminalCreateInput = z
  .object({
    /** A shell binary (path or name on PATH). Omitted: the user's login shell. */
    shell: z.string().trim().min(1).max(4096).optional(),
    /** Arguments for a chosen shell; omitted: Tandem's defaults (which add shell integration). */
    args: z.array(z.string().max(4096)).max(TERMINAL_LIMITS.maxArgs).optional(),
    /** Starting directory; omitted: the home directory. */
    cwd: z.string().trim().min(1).max(4096).optional(),
    /** Extra environment variables (added to the core's environment). */
    env: z
      .record(EnvName, z.string().max(TERMINAL_LIMITS.maxEnvValueChars))
      .refine((env) => Object.keys(env).length <= TERMINAL_LIMITS.maxEnvVars, `At most ${TERMINAL_LIMITS.maxEnvVars} variables`)
      .optional(),
    cols: Size.default(80),
    rows: Size.default(24),
    owner: z.enum(['user', 'agent']).default('user'),
    label: z.string().trim().min(1).max(TERMINAL_LIMITS.maxLabelChars).optional(),
  })
  .strict();

export const terminalMethods = {
  'terminal.create': method<TerminalInfo>()(TerminalCreateInput),
  'terminal.write': method<{ written: number }>()(z.object({ id: TerminalId, data: z.string().min(1).max(TERMINAL_LIMITS.maxWriteChars) }).strict()),
  'terminal.resize': method<TerminalInfo>()(z.object({ id: TerminalId, cols: Size, rows: Size }).strict()),
  /** Ends the shell (SIGHUP, then SIGKILL if it will not go) and forgets the terminal. */
  'terminal.close': method<{ closed: boolean }>()(z.object({ id: TerminalId }).strict()),
  'terminal.list': method<TerminalInfo[]>()(z.object({}).strict()),
  /** The caller has rendered `chars` more chars of this terminal's output. */
  'terminal.ack': method<{ ok: true }>()(z.object({ id: TerminalId, chars: z.number().int().min(1).max(TERMINAL_LIMITS.maxAckChars) }).strict()),
  /** The retained output (for a reloaded view); also makes the caller a flow-controlled viewer. */
  'terminal.snapshot': method<TerminalSnapshot>()(z.object({ id: TerminalId }).strict()),
  /** Recent commands, oldest first. */
  'terminal.commands': method<TerminalCommand[]>()(z.object({ id: TerminalId, limit: z.number().int().min(1).max(1000).optional() }).strict()),
};

export const terminalEvents = {
  'terminal.created': event<TerminalInfo>(),
  /** Something about a terminal changed (cwd, size, integration state, status). */
  'terminal.changed': event<TerminalInfo>(),
  'terminal.data': event<TerminalData>(),
  /** The shell ended; all its output was delivered before this event. */
  'terminal.exit': event<{ id: string; exit: TerminalExit }>(),
  'terminal.command': event<TerminalCommand>(),
  /** The pty host stopped unexpectedly: these terminals are gone (it has been restarted). */
  'terminal.lost': event<{ ids: string[]; reason: string }>(),
  'terminal.closed': event<{ id: string }>(),
};
