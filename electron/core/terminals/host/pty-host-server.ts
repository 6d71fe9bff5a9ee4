/**
 * The pty host's side of the channel: starts shells, routes the core's requests to them and their
 * output back. It runs in its own process (see ../pty-host.ts) so that a flood of output or a stuck
 * native call never stalls the core.
 */
import { randomBytes } from 'node:crypto';
import type { TerminalExit } from '../../../../shared/contract/terminals';
import type { HostMessage, HostRequest, SnapshotResult, SpawnResult, SpawnSpec } from '../host-protocol';
import { installScripts, planLaunch, removeScripts, type IntegrationScripts } from '../shell-integration/injection';
import { HostedTerminal } from './hosted-terminal';
import { defaultShell, resolveCwd, resolveShell, shellKindOf, SpawnError } from './shell-resolver';

/** How the host talks to its parent: Node's fork IPC or Electron's utilityProcess parentPort. */
export interface HostPort {
  post(message: HostMessage): void;
  onMessage(listener: (message: HostRequest) => void): void;
  onDisconnect(listener: () => void): void;
}

/** On shutdown, shells get this long to exit after SIGHUP before they are killed. */
const SHUTDOWN_GRACE_MS = 1_500;

/** Variables of the host's own environment that must not leak into shells. */
const INTERNAL_ENV = ['ELECTRON_RUN_AS_NODE', 'ELECTRON_NO_ATTACH_CONSOLE', 'TANDEM_SHELL_NONCE', 'TANDEM_SHELL_LOGIN', 'TANDEM_USER_ZDOTDIR', 'TANDEM_ZDOTDIR_UNSET'];

export class PtyHostServer {
  private readonly terminals = new Map<string, HostedTerminal>();
  /** Closed by the core: dropped as soon as their shell is gone. */
  private readonly closing = new Set<string>();
  private scripts: IntegrationScripts | null = null;
  private stopped = false;

  constructor(
    private readonly port: HostPort,
    private readonly baseEnv: NodeJS.ProcessEnv = process.env,
  ) {}

  start(): void {
    try {
      this.scripts = installScripts();
    } catch (err) {
      this.log('warn', `Shell integration is off: its scripts could not be written (${(err as Error).message}).`);
    }
    this.port.onMessage((message) => this.handle(message));
    this.port.post({ type: 'ready', pid: process.pid });
  }

  private handle(message: HostRequest): void {
    try {
      switch (message.type) {
        case 'create':
          this.reply(message.reqId, () => this.create(message.spec));
          break;
        case 'snapshot':
          this.reply(message.reqId, () => this.snapshot(message.id));
          break;
        case 'write':
          this.terminals.get(message.id)?.write(message.data);
          break;
        case 'resize':
          this.terminals.get(message.id)?.resize(message.cols, message.rows);
          break;
        case 'limit':
          this.terminals.get(message.id)?.setClientLimit(message.upTo);
          break;
        case 'received':
          this.terminals.get(message.id)?.received(message.chars);
          break;
        case 'close':
          this.close(message.id);
          break;
        case 'shutdown':
          void this.shutdown().then(() => process.exit(0));
          break;
      }
    } catch (err) {
      this.log('error', `pty host failed to handle ${message.type}: ${(err as Error).stack ?? String(err)}`);
    }
  }

  private reply(reqId: number, work: () => unknown): void {
    try {
      this.port.post({ type: 'reply', reqId, ok: true, result: work() });
    } catch (err) {
      const code = err instanceof SpawnError ? 'invalid_input' : err instanceof NotFound ? 'not_found' : 'internal';
      this.port.post({ type: 'reply', reqId, ok: false, error: { code, message: (err as Error).message } });
    }
  }

  private create(spec: SpawnSpec): SpawnResult {
    if (this.stopped) throw new Error('The pty host is shutting down.');
    if (this.terminals.has(spec.id)) throw new SpawnError(`Terminal ${spec.id} already exists.`);
    const env = this.shellEnv(spec.env);
    const shell = spec.shell ? resolveShell(spec.shell, env) : resolveShell(defaultShell(env), env);
    const cwd = resolveCwd(spec.cwd);
    const shellKind = shellKindOf(shell);
    const nonce = randomBytes(16).toString('hex');
    const plan = planLaunch({ kind: shellKind, args: spec.args, env, scripts: this.scripts, nonce });
    const id = spec.id;

    let terminal: HostedTerminal;
    try {
      terminal = new HostedTerminal(
        { id, file: shell, args: plan.args, cwd, env: { ...env, ...plan.env }, cols: spec.cols, rows: spec.rows, integration: plan.integration, nonce },
        {
          data: (data, offset) => this.port.post({ type: 'data', id, data, offset }),
          exit: (exit) => this.onExit(id, exit),
          cwd: (newCwd) => this.port.post({ type: 'cwd', id, cwd: newCwd }),
          integration: (integration) => this.port.post({ type: 'integration', id, integration }),
          command: (record) => this.port.post({ type: 'command', record }),
        },
      );
    } catch (err) {
      throw new SpawnError(`Could not start ${shell}: ${(err as Error).message}`);
    }
    terminal.setClientLimit(spec.limit);
    this.terminals.set(id, terminal);
    return { pid: terminal.pid, shell, shellKind, cwd, integration: plan.integration };
  }

  private snapshot(id: string): SnapshotResult {
    const terminal = this.terminals.get(id);
    if (!terminal) throw new NotFound(`Terminal ${id} does not exist in the pty host.`);
    return terminal.snapshot();
  }

  private onExit(id: string, exit: TerminalExit): void {
    this.port.post({ type: 'exit', id, exit });
    if (this.closing.has(id)) this.forget(id);
  }

  private close(id: string): void {
    const terminal = this.terminals.get(id);
    if (!terminal) return;
    if (terminal.hasExited) {
      this.forget(id);
      return;
    }
    this.closing.add(id);
    terminal.kill();
  }

  private forget(id: string): void {
    this.terminals.get(id)?.dispose();
    this.terminals.delete(id);
    this.closing.delete(id);
  }

  /** The environment a shell gets: the host's own, minus Tandem internals, plus the caller's. */
  private shellEnv(extra: Record<string, string>): Record<string, string> {
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(this.baseEnv)) if (value !== undefined) env[key] = value;
    for (const key of INTERNAL_ENV) delete env[key];
    Object.assign(env, extra);
    env.TERM = 'xterm-256color';
    env.COLORTERM = 'truecolor';
    env.TERM_PROGRAM = 'Tandem';
    // Without any locale a shell falls back to ASCII and mangles UTF-8 input.
    if (process.platform !== 'win32' && !env.LC_ALL && !env.LC_CTYPE && !env.LANG) env.LANG = process.platform === 'darwin' ? 'en_US.UTF-8' : 'C.UTF-8';
    return env;
  }

  /** Ends every shell (SIGHUP, then SIGKILL), removes the scripts. Safe to call twice. */
  async shutdown(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    const live = [...this.terminals.values()].filter((t) => !t.hasExited);
    for (const terminal of live) terminal.kill();
    const deadline = Date.now() + SHUTDOWN_GRACE_MS;
    while (Date.now() < deadline && live.some((t) => !t.hasExited)) await new Promise((r) => setTimeout(r, 20));
    for (const id of [...this.terminals.keys()]) this.forget(id);
    if (this.scripts) removeScripts(this.scripts);
    this.scripts = null;
  }

  private log(level: 'warn' | 'error', message: string): void {
    this.port.post({ type: 'log', level, message });
  }
}

class NotFound extends Error {}
