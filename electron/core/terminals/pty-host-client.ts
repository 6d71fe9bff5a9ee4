/**
 * The core's handle on the pty host process: starts it, pairs requests with replies, forwards what it
 * reports, and restarts it when it dies, reporting which terminals died with it. Owns the process.
 */
import { RpcError, type ShellIntegration, type TerminalExit } from '../../../shared/contract';
import type { CommandRecord } from './shell-integration/command-tracker';
import type { PtyHostChannel, PtyHostLauncher } from './host-channel';
import type { HostMessage, HostRequest, SnapshotResult, SpawnResult, SpawnSpec } from './host-protocol';

export interface PtyHostClientSink {
  data(id: string, data: string, offset: number): void;
  exit(id: string, exit: TerminalExit): void;
  cwd(id: string, cwd: string): void;
  integration(id: string, integration: ShellIntegration): void;
  command(record: CommandRecord): void;
  /** The host died: these running terminals went with it. A new host is being started. */
  lost(ids: string[], reason: string): void;
}

export interface PtyHostClientOptions {
  launcher: PtyHostLauncher;
  sink: PtyHostClientSink;
  /** A request (create, snapshot) that gets no reply in this time fails. */
  requestTimeoutMs?: number;
  /** How long the host gets to end its shells on dispose before it is killed. */
  shutdownTimeoutMs?: number;
  logger?: Pick<Console, 'warn' | 'error'>;
}

/** Restart delays after consecutive crashes; after the last one the host starts only on demand. */
const RESTART_DELAYS_MS = [0, 250, 1_000, 5_000];
/** A host that ran this long without dying resets the crash count. */
const HEALTHY_AFTER_MS = 30_000;

interface Pending {
  resolve(value: unknown): void;
  reject(err: Error): void;
  timer: NodeJS.Timeout;
}

interface Host {
  channel: PtyHostChannel;
  ready: Promise<void>;
  startedAt: number;
  /** Terminals whose shell is still running in this host. */
  running: Set<string>;
  exited: Promise<void>;
}

export class PtyHostClient {
  private host: Host | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextReqId = 1;
  private crashes = 0;
  private restartTimer: NodeJS.Timeout | null = null;
  private disposed = false;
  private readonly requestTimeoutMs: number;
  private readonly shutdownTimeoutMs: number;
  private readonly logger: Pick<Console, 'warn' | 'error'>;

  constructor(private readonly options: PtyHostClientOptions) {
    this.requestTimeoutMs = options.requestTimeoutMs ?? 15_000;
    this.shutdownTimeoutMs = options.shutdownTimeoutMs ?? 3_000;
    this.logger = options.logger ?? console;
  }

  /** The host's process id, when one is running (tests kill it to prove recovery). */
  get pid(): number | undefined {
    return this.host?.channel.pid;
  }

  /** `limit()` is read when the request goes out, so no flow-control change is missed before it. */
  async create(spec: Omit<SpawnSpec, 'limit'>, limit: () => number | null): Promise<SpawnResult> {
    const host = await this.readyHost();
    const result = (await this.request(host, (reqId) => ({ type: 'create', reqId, spec: { ...spec, limit: limit() } }))) as SpawnResult;
    host.running.add(spec.id);
    return result;
  }

  async snapshot(id: string): Promise<SnapshotResult> {
    const host = await this.readyHost();
    return (await this.request(host, (reqId) => ({ type: 'snapshot', reqId, id }))) as SnapshotResult;
  }

  write(id: string, data: string): void {
    this.post({ type: 'write', id, data });
  }

  resize(id: string, cols: number, rows: number): void {
    this.post({ type: 'resize', id, cols, rows });
  }

  /** Flow control: the slowest viewer's acknowledged stream offset (null: nobody to wait for). */
  setLimit(id: string, upTo: number | null): void {
    this.post({ type: 'limit', id, upTo });
  }

  close(id: string): void {
    this.host?.running.delete(id);
    this.post({ type: 'close', id });
  }

  /** Ends every shell and the host process. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = null;
    const host = this.host;
    if (!host) return;
    host.channel.send({ type: 'shutdown' });
    const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), this.shutdownTimeoutMs).unref());
    if ((await Promise.race([host.exited.then(() => 'exited' as const), timeout])) === 'timeout') {
      host.channel.kill();
      await host.exited;
    }
  }

  private post(message: HostRequest): void {
    this.host?.channel.send(message);
  }

  private async readyHost(): Promise<Host> {
    if (this.disposed) throw new RpcError('unavailable', 'Terminals are shutting down.');
    const host = this.host ?? this.start();
    await host.ready;
    return host;
  }

  private request(host: Host, build: (reqId: number) => HostRequest): Promise<unknown> {
    const reqId = this.nextReqId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(reqId);
        reject(new RpcError('unavailable', 'The pty host did not answer in time.'));
      }, this.requestTimeoutMs);
      this.pending.set(reqId, { resolve, reject, timer });
      host.channel.send(build(reqId));
    });
  }

  private start(): Host {
    const channel = this.options.launcher();
    let markReady!: () => void;
    let failReady!: (err: Error) => void;
    let markExited!: () => void;
    const ready = new Promise<void>((resolve, reject) => {
      markReady = resolve;
      failReady = reject;
    });
    // Callers that never awaited `ready` must not see an unhandled rejection.
    ready.catch(() => {});
    const host: Host = {
      channel,
      ready,
      startedAt: Date.now(),
      running: new Set(),
      exited: new Promise<void>((resolve) => (markExited = resolve)),
    };
    this.host = host;
    channel.onMessage((message) => {
      if (message.type === 'ready') markReady();
      else this.onMessage(host, message);
    });
    channel.onExit((info) => {
      markExited();
      failReady(new RpcError('unavailable', `The pty host could not start (${describeExit(info)}).`));
      this.onHostExit(host, info);
    });
    return host;
  }

  private onMessage(host: Host, message: HostMessage): void {
    const sink = this.options.sink;
    switch (message.type) {
      case 'reply': {
        const pending = this.pending.get(message.reqId);
        if (!pending) return;
        this.pending.delete(message.reqId);
        clearTimeout(pending.timer);
        if (message.ok) pending.resolve(message.result);
        else pending.reject(new RpcError(message.error.code, message.error.message));
        return;
      }
      case 'data':
        // Link-level flow control: tell the host this output is off the channel.
        host.channel.send({ type: 'received', id: message.id, chars: message.data.length });
        sink.data(message.id, message.data, message.offset);
        return;
      case 'exit':
        host.running.delete(message.id);
        sink.exit(message.id, message.exit);
        return;
      case 'cwd':
        sink.cwd(message.id, message.cwd);
        return;
      case 'integration':
        sink.integration(message.id, message.integration);
        return;
      case 'command':
        sink.command(message.record);
        return;
      case 'log':
        this.logger[message.level](`[tandem] pty host: ${message.message}`);
        return;
      case 'ready':
        return;
    }
  }

  private onHostExit(host: Host, info: { code: number | null; signal: string | null }): void {
    if (this.host !== host) return;
    this.host = null;
    for (const [reqId, pending] of this.pending) {
      clearTimeout(pending.timer);
      pending.reject(new RpcError('unavailable', `The pty host stopped (${describeExit(info)}).`));
      this.pending.delete(reqId);
    }
    if (this.disposed) return;
    const reason = `The terminal process stopped unexpectedly (${describeExit(info)}).`;
    this.logger.warn(`[tandem] ${reason}`);
    const lost = [...host.running];
    if (lost.length > 0) this.options.sink.lost(lost, reason);

    this.crashes = Date.now() - host.startedAt > HEALTHY_AFTER_MS ? 1 : this.crashes + 1;
    const delay = RESTART_DELAYS_MS[this.crashes - 1];
    // Crashing over and over: wait for the next request instead of looping.
    if (delay === undefined) return;
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      if (!this.disposed && !this.host) this.start();
    }, delay);
    this.restartTimer.unref?.();
  }
}

function describeExit(info: { code: number | null; signal: string | null }): string {
  if (info.signal) return `signal ${info.signal}`;
  if (info.code !== null) return `exit code ${info.code}`;
  return 'it could not be started';
}
