/**
 * One shell in one pty, inside the pty host. Raw bytes from node-pty are decoded (UTF-8-safe across
 * chunks), kept in a bounded scrollback, watched for shell-integration marks and sent on in batches.
 *
 * Two guarantees need care:
 * - Lossless exit. On Linux a pty master reports EOF/EIO as soon as the last slave fd closes, even while
 *   output is still queued in the kernel, and node-pty then drops that tail (measured here: the last
 *   2–9 KB in most large runs). We hold our own slave fd open, so the master never hangs up early, and
 *   close it only after node-pty has reported the exit. node-pty reports the exit 200 ms after the
 *   shell is gone (it destroys the socket then); all queued output is read before that because:
 * - Pausing is exit-aware. A paused pty (flow control) does not read, so an exit while paused would
 *   lose the queued tail when node-pty destroys the socket. While paused we check every
 *   EXIT_WATCH_INTERVAL_MS whether the shell still exists, and resume for good once it is gone.
 *
 * Flow control is decided here, where the amount sent is known exactly: the core reports the offset
 * the slowest viewing client has acknowledged (its limit); past TERMINAL_FLOW.highWatermarkChars
 * beyond it output is held back in the batcher, and the pty stops being read once a whole batch is
 * held; below lowWatermarkChars the held batch goes out at once. So the clients are never more than
 * the high watermark plus one batch behind, the pipeline does not restart from a standstill, and
 * memory stays bounded by one batch.
 */
import fs from 'node:fs';
import os from 'node:os';
import { StringDecoder } from 'node:string_decoder';
import * as nodePty from 'node-pty';
import { TERMINAL_FLOW, type ShellIntegration, type TerminalExit } from '../../../../shared/contract/terminals';
import { CommandTracker, type CommandRecord } from '../shell-integration/command-tracker';
import { OscScanner } from '../shell-integration/osc-scanner';
import { DataBatcher } from './data-batcher';
import { Scrollback, type ScrollbackSnapshot } from './scrollback';

/** How often a paused pty checks that its shell is still alive. Far below node-pty's 200 ms grace. */
export const EXIT_WATCH_INTERVAL_MS = 20;
/** A shell that ignores SIGHUP on close gets SIGKILL after this long. */
export const KILL_GRACE_MS = 3_000;
/**
 * Link-level flow control between host and core, independent of clients: if the core stops taking
 * output off the channel (its event loop is stuck), stop reading the pty instead of queueing forever.
 */
export const LINK_HIGH_WATERMARK_CHARS = 4_000_000;
export const LINK_LOW_WATERMARK_CHARS = 1_000_000;

export interface HostedTerminalSink {
  data(data: string, offset: number): void;
  exit(exit: TerminalExit): void;
  cwd(cwd: string): void;
  integration(integration: ShellIntegration): void;
  command(record: CommandRecord): void;
}

export interface HostedTerminalOptions {
  id: string;
  file: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
  cols: number;
  rows: number;
  integration: ShellIntegration;
  nonce: string;
  /** Flow-control watermarks (TERMINAL_FLOW by default). */
  flow?: { highWatermarkChars: number; lowWatermarkChars: number };
}

export class HostedTerminal {
  readonly pid: number;
  private readonly pty: nodePty.IPty;
  private readonly decoder = new StringDecoder('utf8');
  private readonly scrollback = new Scrollback();
  private readonly batcher: DataBatcher;
  private readonly scanner: OscScanner;
  private readonly tracker: CommandTracker;
  private slaveFd: number | null = null;
  private exited = false;
  /** The slowest viewer's acknowledged offset; null: no client to wait for. */
  private clientLimit: number | null = null;
  private clientPaused = false;
  private linkSent = 0;
  private linkReceived = 0;
  private linkPaused = false;
  private readPaused = false;
  /** The shell is gone: read everything that is left, whatever the clients say. */
  private draining = false;
  private exitWatch: NodeJS.Timeout | null = null;
  private killTimer: NodeJS.Timeout | null = null;
  private emitted = 0;
  /** Stream offset just past the last batch sent. */
  private flushedEnd = 0;

  constructor(
    private readonly options: HostedTerminalOptions,
    private readonly sink: HostedTerminalSink,
  ) {
    this.batcher = new DataBatcher(
      (data) => {
        const offset = this.flushedEnd;
        this.flushedEnd += data.length;
        this.linkSent += data.length;
        this.sink.data(data, offset);
        this.updateLinkPause();
        this.updateClientPause();
      },
      () => this.updateFlow(),
    );
    this.tracker = new CommandTracker(
      options.id,
      options.nonce,
      {
        command: (record) => this.sink.command(record),
        cwd: (cwd) => this.sink.cwd(cwd),
        active: () => this.sink.integration({ state: 'active', reason: null }),
        unavailable: (reason) => this.sink.integration({ state: 'off', reason }),
      },
      options.cwd,
    );
    this.scanner = new OscScanner({
      text: (text) => this.tracker.text(text),
      osc: (payload, start, end) => this.tracker.osc(payload, start, end),
    });

    this.pty = nodePty.spawn(options.file, options.args, {
      name: 'xterm-256color',
      cols: options.cols,
      rows: options.rows,
      cwd: options.cwd,
      env: options.env,
      // Raw bytes: we decode them ourselves so a char split across reads is never mangled.
      encoding: null,
    });
    this.pid = this.pty.pid;
    this.holdSlave();
    // With `encoding: null` node-pty hands over Buffers (its typings say string).
    this.pty.onData((chunk) => this.onBytes(chunk as unknown as Buffer));
    this.pty.onExit(({ exitCode, signal }) => this.onExit(exitCode, signal ?? 0));
  }

  get hasExited(): boolean {
    return this.exited;
  }

  get cwd(): string | null {
    return this.tracker.cwd;
  }

  write(data: string): void {
    if (this.exited) return;
    this.pty.write(data);
  }

  resize(cols: number, rows: number): void {
    if (this.exited) return;
    try {
      this.pty.resize(cols, rows);
    } catch {
      // The pty closed between the check and the call: the exit is on its way.
    }
  }

  /** The offset the slowest viewing client has acknowledged up to (null: nobody to wait for). */
  setClientLimit(upTo: number | null): void {
    this.clientLimit = upTo;
    this.updateClientPause();
  }

  private updateClientPause(): void {
    const flow = this.options.flow ?? TERMINAL_FLOW;
    const behind = this.clientLimit === null ? 0 : this.flushedEnd - this.clientLimit;
    if (!this.clientPaused && behind > flow.highWatermarkChars) this.clientPaused = true;
    else if (this.clientPaused && behind < flow.lowWatermarkChars) this.clientPaused = false;
    else return;
    this.updateFlow();
  }

  /** The core has taken `chars` more of this terminal's output off the channel. */
  received(chars: number): void {
    this.linkReceived += chars;
    this.updateLinkPause();
  }

  snapshot(): ScrollbackSnapshot {
    this.batcher.flush();
    return this.scrollback.snapshot();
  }

  /** Ends the shell: SIGHUP (what closing a terminal window sends), SIGKILL if it is still there later. */
  kill(): void {
    if (this.exited) return;
    this.signal('SIGHUP');
    this.killTimer ??= setTimeout(() => this.signal('SIGKILL'), KILL_GRACE_MS);
    this.killTimer.unref?.();
  }

  private signal(name: 'SIGHUP' | 'SIGKILL'): void {
    if (this.exited) return;
    try {
      if (process.platform === 'win32') this.pty.kill();
      else this.pty.kill(name);
    } catch {
      // Already gone.
    }
  }

  private holdSlave(): void {
    if (process.platform === 'win32') return;
    const ptsName = (this.pty as unknown as { ptsName?: unknown }).ptsName;
    if (typeof ptsName !== 'string') return;
    try {
      this.slaveFd = fs.openSync(ptsName, fs.constants.O_RDWR | fs.constants.O_NOCTTY);
    } catch {
      // Without it the final output may be cut short on exit, but the terminal works.
      this.slaveFd = null;
    }
  }

  private releaseSlave(): void {
    if (this.slaveFd === null) return;
    try {
      fs.closeSync(this.slaveFd);
    } catch {
      // Nothing to do.
    }
    this.slaveFd = null;
  }

  private onBytes(chunk: Buffer): void {
    this.emit(this.decoder.write(chunk));
  }

  private emit(text: string): void {
    if (text.length === 0) return;
    this.emitted += text.length;
    this.scrollback.append(text);
    this.scanner.feed(text);
    this.batcher.write(text);
  }

  private onExit(exitCode: number, signal: number): void {
    if (this.exited) return;
    this.exited = true;
    this.stopExitWatch();
    if (this.killTimer) clearTimeout(this.killTimer);
    this.killTimer = null;
    this.releaseSlave();
    // Incomplete UTF-8 at the very end becomes U+FFFD rather than vanishing.
    this.emit(this.decoder.end());
    const exit: TerminalExit = signal ? { code: null, signal: signalName(signal) } : { code: exitCode, signal: null };
    this.tracker.end(exit.code, this.emitted);
    this.batcher.flush();
    this.sink.exit(exit);
  }

  private updateLinkPause(): void {
    const inFlight = this.linkSent - this.linkReceived;
    if (!this.linkPaused && inFlight > LINK_HIGH_WATERMARK_CHARS) this.linkPaused = true;
    else if (this.linkPaused && inFlight < LINK_LOW_WATERMARK_CHARS) this.linkPaused = false;
    else return;
    this.updateFlow();
  }

  private updateFlow(): void {
    const behind = !this.exited && (this.clientPaused || this.linkPaused);
    if (behind) this.batcher.hold();
    else this.batcher.release();
    this.setReadPaused(behind && this.batcher.isFull && !this.draining);
  }

  private setReadPaused(shouldPause: boolean): void {
    if (shouldPause === this.readPaused) return;
    this.readPaused = shouldPause;
    if (shouldPause) {
      this.pty.pause();
      this.startExitWatch();
    } else {
      this.stopExitWatch();
      this.pty.resume();
    }
  }

  private startExitWatch(): void {
    if (this.exitWatch) return;
    this.exitWatch = setInterval(() => {
      if (isAlive(this.pid)) return;
      this.draining = true;
      this.setReadPaused(false);
    }, EXIT_WATCH_INTERVAL_MS);
  }

  private stopExitWatch(): void {
    if (this.exitWatch) clearInterval(this.exitWatch);
    this.exitWatch = null;
  }

  /** Frees everything; the pty must have exited (or the host is going away). */
  dispose(): void {
    this.stopExitWatch();
    if (this.killTimer) clearTimeout(this.killTimer);
    this.killTimer = null;
    if (!this.exited) this.signal('SIGKILL');
    this.releaseSlave();
    this.batcher.dispose();
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but is not ours (cannot happen for our own child, but it is alive).
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function signalName(signal: number): string {
  const entry = Object.entries(os.constants.signals).find(([, n]) => n === signal);
  return entry ? entry[0] : `signal ${signal}`;
}
