/**
 * Terminals as the contract sees them: creates shells in the pty host, streams their output as
 * `terminal.data` events, applies per-client flow control, keeps each terminal's command history and
 * state, and reports exits and losses. Owns the PtyHostClient (and through it the host process).
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import {
  RpcError,
  TERMINAL_LIMITS,
  type MethodParsedInput,
  type TerminalCommand,
  type TerminalInfo,
  type TerminalSnapshot,
} from '../../../shared/contract';
import type { ClientRegistry } from '../transport/clients';
import type { EventBus } from '../transport/event-bus';
import type { Handlers } from '../transport/router';
import { TerminalFlowControl } from './flow-control';
import { forkPtyHost, type PtyHostLauncher } from './host-channel';
import { PtyHostClient } from './pty-host-client';
import type { CommandRecord } from './shell-integration/command-tracker';

/** Commands kept per terminal (oldest dropped first). */
export const MAX_COMMANDS_PER_TERMINAL = 200;
/** Running terminals at once; more is a runaway caller, not a user. */
export const MAX_RUNNING_TERMINALS = 100;

type TerminalMethod =
  | 'terminal.create'
  | 'terminal.write'
  | 'terminal.resize'
  | 'terminal.close'
  | 'terminal.list'
  | 'terminal.ack'
  | 'terminal.snapshot'
  | 'terminal.commands';

export type CreateTerminalInput = MethodParsedInput<'terminal.create'>;

export interface TerminalsServiceOptions {
  events: EventBus;
  /** Connected clients; a client that goes away stops being waited for by flow control. */
  clients?: ClientRegistry;
  /** How to start the pty host; default: fork out/pty-host.cjs. electron/main passes a utilityProcess one. */
  launcher?: PtyHostLauncher;
  /** Where shells start when no cwd is given. */
  homeDir?: string;
  logger?: Pick<Console, 'warn' | 'error'>;
}

interface Entry {
  info: TerminalInfo;
  /** False until the host has started the shell; such entries are not listed yet. */
  ready: boolean;
  flow: TerminalFlowControl;
  commands: TerminalCommand[];
  nextSeq: number;
  /** Stream offset just past the last output seen. */
  streamEnd: number;
}

export class TerminalsService {
  private readonly entries = new Map<string, Entry>();
  private readonly host: PtyHostClient;
  private readonly homeDir: string;
  private readonly unsubscribeClients: (() => void) | null;
  private disposed = false;

  constructor(private readonly options: TerminalsServiceOptions) {
    this.homeDir = options.homeDir ?? os.homedir();
    this.host = new PtyHostClient({
      launcher: options.launcher ?? forkPtyHost(),
      logger: options.logger,
      sink: {
        data: (id, data, offset) => this.onData(id, data, offset),
        exit: (id, exit) => {
          const entry = this.entries.get(id);
          if (!entry) return;
          entry.info.status = 'exited';
          entry.info.exit = exit;
          entry.flow.dispose();
          this.options.events.emit('terminal.exit', { id, exit });
          this.changed(entry);
        },
        cwd: (id, cwd) => this.update(id, (info) => (info.cwd = cwd)),
        integration: (id, integration) => this.update(id, (info) => (info.integration = integration)),
        command: (record) => this.onCommand(record),
        lost: (ids, reason) => this.onLost(ids, reason),
      },
    });
    this.unsubscribeClients = options.clients?.onDisconnected((clientId) => this.dropClient(clientId)) ?? null;
  }

  /** The pty host's pid, if it is running. */
  get hostPid(): number | undefined {
    return this.host.pid;
  }

  async create(input: CreateTerminalInput, clientId?: string): Promise<TerminalInfo> {
    if (this.disposed) throw new RpcError('unavailable', 'Terminals are shutting down.');
    const running = [...this.entries.values()].filter((e) => e.info.status === 'running').length;
    if (running >= MAX_RUNNING_TERMINALS) throw new RpcError('conflict', `${running} terminals are already running; close some first.`);

    const id = randomUUID();
    const cols = clamp(input.cols, TERMINAL_LIMITS.minCols, TERMINAL_LIMITS.maxCols);
    const rows = clamp(input.rows, TERMINAL_LIMITS.minRows, TERMINAL_LIMITS.maxRows);
    const cwd = input.cwd ? expandHome(input.cwd, this.homeDir) : this.homeDir;
    const entry: Entry = {
      info: {
        id,
        label: input.label ?? '',
        owner: input.owner,
        shell: '',
        shellKind: 'other',
        pid: null,
        cwd,
        cols,
        rows,
        status: 'running',
        exit: null,
        integration: { state: 'off', reason: null },
        createdAt: Date.now(),
      },
      ready: false,
      flow: new TerminalFlowControl((limit) => this.host.setLimit(id, limit)),
      commands: [],
      nextSeq: 1,
      streamEnd: 0,
    };
    // Registered before the host answers: the shell's first output may arrive before the reply.
    this.entries.set(id, entry);
    if (clientId) entry.flow.attach(clientId);
    try {
      const started = await this.host.create({ id, shell: input.shell ?? null, args: input.args ?? null, cwd, env: input.env ?? {}, cols, rows }, () => entry.flow.limit);
      Object.assign(entry.info, {
        shell: started.shell,
        shellKind: started.shellKind,
        pid: started.pid,
        cwd: entry.info.cwd === cwd ? started.cwd : entry.info.cwd,
        // An 'active' report may already have come in.
        integration: entry.info.integration.state === 'active' ? entry.info.integration : started.integration,
        label: input.label ?? (input.owner === 'agent' ? 'Agent' : path.basename(started.shell).replace(/\.exe$/i, '')),
      });
    } catch (err) {
      entry.flow.dispose();
      this.entries.delete(id);
      throw err;
    }
    entry.ready = true;
    this.options.events.emit('terminal.created', { ...entry.info });
    return { ...entry.info };
  }

  write(id: string, data: string): { written: number } {
    this.running(id);
    this.host.write(id, data);
    return { written: data.length };
  }

  resize(id: string, cols: number, rows: number): TerminalInfo {
    const entry = this.running(id);
    const c = clamp(cols, TERMINAL_LIMITS.minCols, TERMINAL_LIMITS.maxCols);
    const r = clamp(rows, TERMINAL_LIMITS.minRows, TERMINAL_LIMITS.maxRows);
    if (c !== entry.info.cols || r !== entry.info.rows) {
      entry.info.cols = c;
      entry.info.rows = r;
      this.host.resize(id, c, r);
      this.changed(entry);
    }
    return { ...entry.info };
  }

  close(id: string): { closed: boolean } {
    const entry = this.entries.get(id);
    if (!entry) return { closed: false };
    this.entries.delete(id);
    entry.flow.dispose();
    if (entry.info.status !== 'lost') this.host.close(id);
    this.options.events.emit('terminal.closed', { id });
    return { closed: true };
  }

  list(): TerminalInfo[] {
    return [...this.entries.values()].filter((e) => e.ready).map((e) => ({ ...e.info }));
  }

  get(id: string): TerminalInfo | null {
    const entry = this.entries.get(id);
    return entry?.ready ? { ...entry.info } : null;
  }

  ack(id: string, chars: number, clientId: string): { ok: true } {
    const entry = this.entry(id);
    if (entry.info.status === 'running') entry.flow.ack(clientId, chars);
    return { ok: true };
  }

  async snapshot(id: string, clientId?: string): Promise<TerminalSnapshot> {
    const entry = this.entry(id);
    if (entry.info.status === 'lost') return { id, data: '', start: entry.streamEnd, end: entry.streamEnd };
    if (clientId && entry.info.status === 'running') entry.flow.attach(clientId);
    const snap = await this.host.snapshot(id);
    return { id, ...snap };
  }

  commands(id: string, limit?: number): TerminalCommand[] {
    const entry = this.entry(id);
    const all = entry.commands;
    return limit ? all.slice(-limit) : [...all];
  }

  /** Forget a client's flow-control state (it disconnected). */
  dropClient(clientId: string): void {
    for (const entry of this.entries.values()) entry.flow.detach(clientId);
  }

  handlers(): Pick<Handlers, TerminalMethod> {
    return {
      'terminal.create': (input, ctx) => this.create(input, ctx.clientId),
      'terminal.write': ({ id, data }) => this.write(id, data),
      'terminal.resize': ({ id, cols, rows }) => this.resize(id, cols, rows),
      'terminal.close': ({ id }) => this.close(id),
      'terminal.list': () => this.list(),
      'terminal.ack': ({ id, chars }, ctx) => this.ack(id, chars, ctx.clientId),
      'terminal.snapshot': ({ id }, ctx) => this.snapshot(id, ctx.clientId),
      'terminal.commands': ({ id, limit }) => this.commands(id, limit),
    };
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.unsubscribeClients?.();
    for (const entry of this.entries.values()) entry.flow.dispose();
    await this.host.dispose();
  }

  private onData(id: string, data: string, offset: number): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    entry.streamEnd = offset + data.length;
    this.options.events.emit('terminal.data', { id, data, offset });
    entry.flow.sent(data.length);
  }

  private onCommand(record: CommandRecord): void {
    const entry = this.entries.get(record.terminalId);
    if (!entry) return;
    const seq = entry.nextSeq++;
    const command: TerminalCommand = { id: `${record.terminalId}:${seq}`, seq, ...record };
    entry.commands.push(command);
    if (entry.commands.length > MAX_COMMANDS_PER_TERMINAL) entry.commands.shift();
    this.options.events.emit('terminal.command', command);
  }

  private onLost(ids: string[], reason: string): void {
    const lost: string[] = [];
    for (const id of ids) {
      const entry = this.entries.get(id);
      if (!entry) continue;
      entry.info.status = 'lost';
      entry.info.pid = null;
      entry.flow.dispose();
      lost.push(id);
      if (!entry.ready) this.entries.delete(id);
    }
    if (lost.length === 0) return;
    this.options.events.emit('terminal.lost', { ids: lost, reason });
    for (const id of lost) {
      const entry = this.entries.get(id);
      if (entry) this.changed(entry);
    }
  }

  private update(id: string, change: (info: TerminalInfo) => void): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    change(entry.info);
    if (entry.ready) this.changed(entry);
  }

  private changed(entry: Entry): void {
    if (entry.ready) this.options.events.emit('terminal.changed', { ...entry.info });
  }

  private entry(id: string): Entry {
    const entry = this.entries.get(id);
    if (!entry || !entry.ready) throw new RpcError('not_found', `No terminal ${id}.`);
    return entry;
  }

  private running(id: string): Entry {
    const entry = this.entry(id);
    if (entry.info.status === 'exited') {
      const how = entry.info.exit?.signal ? `was killed by ${entry.info.exit.signal}` : `exited with code ${entry.info.exit?.code ?? '?'}`;
      throw new RpcError('conflict', `The shell in this terminal ${how}; open a new terminal.`);
    }
    if (entry.info.status === 'lost') throw new RpcError('conflict', 'This terminal was lost when the terminal process stopped; open a new terminal.');
    return entry;
  }
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Math.round(value)));
}

function expandHome(p: string, home: string): string {
  if (p === '~') return home;
  if (p.startsWith('~/')) return path.join(home, p.slice(2));
  return p;
}
