/**
 * Messages between the core (PtyHostClient) and the pty host process (PtyHostServer). Both ends are our
 * own code in the same build, so the messages are typed, not validated: the contract's zod schemas
 * have already checked everything that came from a client before it gets here.
 */
import type { ShellIntegration, ShellKind, TerminalCommand, TerminalExit } from '../../../shared/contract/terminals';

/** What the core asks the host to start. The host resolves the shell and adds shell integration. */
export interface SpawnSpec {
  id: string;
  /** A shell path or name; null: the user's login shell. */
  shell: string | null;
  /** Arguments; null: the defaults for that shell (with integration when the shell supports it). */
  args: string[] | null;
  cwd: string;
  env: Record<string, string>;
  cols: number;
  rows: number;
  /** Flow control from the first byte: see the 'limit' request. */
  limit: number | null;
}

/** What the host reports once the shell is running. */
export interface SpawnResult {
  pid: number;
  shell: string;
  shellKind: ShellKind;
  cwd: string;
  integration: ShellIntegration;
}

export type HostRequest =
  | { type: 'create'; reqId: number; spec: SpawnSpec }
  | { type: 'snapshot'; reqId: number; id: string }
  | { type: 'write'; id: string; data: string }
  | { type: 'resize'; id: string; cols: number; rows: number }
  /**
   * Flow control: the stream offset the slowest viewing client has acknowledged (null: nobody to wait
   * for). The host pauses the pty while it has sent too far past it.
   */
  | { type: 'limit'; id: string; upTo: number | null }
  /** The core has taken `chars` of this terminal's output off the channel (link-level flow control). */
  | { type: 'received'; id: string; chars: number }
  /** End the shell and forget the terminal once it is gone. */
  | { type: 'close'; id: string }
  /** End every shell, then exit. */
  | { type: 'shutdown' };

export interface SnapshotResult {
  data: string;
  start: number;
  end: number;
}

export type HostReply =
  | { type: 'reply'; reqId: number; ok: true; result: unknown }
  | { type: 'reply'; reqId: number; ok: false; error: { code: 'invalid_input' | 'not_found' | 'internal'; message: string } };

export type HostMessage =
  | { type: 'ready'; pid: number }
  | HostReply
  | { type: 'data'; id: string; data: string; offset: number }
  | { type: 'exit'; id: string; exit: TerminalExit }
  | { type: 'cwd'; id: string; cwd: string }
  | { type: 'integration'; id: string; integration: ShellIntegration }
  | { type: 'command'; record: Omit<TerminalCommand, 'id' | 'seq'> }
  /** Something went wrong that the host survived (logged by the core). */
  | { type: 'log'; level: 'warn' | 'error'; message: string };
