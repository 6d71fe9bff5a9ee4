/**
 * The MCP servers of this process: it reads their configuration (the user's, and a repository's
 * `.mcp.json`), remembers which repository servers the user enabled and which tools they allowed
 * "always", owns one connection per server (and closes it), and hands each turn the tools of the servers
 * it may use. Servers start lazily — when the first turn that could use them begins, all in parallel —
 * and a server that fails is reported for that turn while the others' tools are offered.
 */
import os from 'node:os';
import path from 'node:path';
import type { McpConfigProblem, McpServerConfig, McpServerFailureItem, McpServerList, McpServerScope, McpServerStatus } from '../../../../shared/contract';
import { RpcError } from '../../../../shared/contract';
import type { Store } from '../../store';
import type { EventBus } from '../../transport/event-bus';
import { newItemId } from '../items';
import type { AgentTool } from '../tools/registry';
import { loadRepoServers, parseUserServers, USER_SERVERS_SETTING, type LoadedMcpServers, type ResolvedMcpServer } from './config';
import { McpConnection } from './connection';
import { createMcpTool } from './mcp-tool';
import { assignToolNames, mcpToolName } from './tool-names';

const REPO_ENABLED_SETTING = 'mcp.repoEnabled';
const ALWAYS_ALLOWED_SETTING = 'mcp.alwaysAllowedTools';
export const DEFAULT_START_TIMEOUT_MS = 30_000;
export const DEFAULT_CALL_TIMEOUT_MS = 120_000;

export interface McpServersOptions {
  store: Store;
  events: EventBus;
  dataDir: string;
  env?: NodeJS.ProcessEnv;
  homeDir?: string;
  startTimeoutMs?: number;
  callTimeoutMs?: number;
}

export interface TurnMcpTools {
  tools: AgentTool[];
  /** Servers that could not be started for this turn (shown in the thread). */
  failures: McpServerFailureItem[];
}

/** Repository root → server name → the fingerprint of the entry the user enabled. */
type RepoEnabled = Record<string, Record<string, string>>;

export class McpServers {
  private readonly connections = new Map<string, McpConnection>();
  private disposed = false;

  constructor(private readonly options: McpServersOptions) {}

  /** The tools of every usable server for a turn in `root`, starting servers as needed. */
  async toolsForTurn(root: string, builtInNames: readonly string[]): Promise<TurnMcpTools> {
    // Shutting down: start nothing this object could no longer close.
    if (this.disposed) return { tools: [], failures: [] };
    const { servers } = await this.configured(root);
    if (this.disposed) return { tools: [], failures: [] };
    const usable = servers.filter((s) => this.isEnabled(s));
    const connections = usable.map((s) => this.connectionFor(s));
    await Promise.all(connections.map((c) => c.start()));

    const failures: McpServerFailureItem[] = [];
    const pairs: { connection: McpConnection; index: number }[] = [];
    for (const connection of connections) {
      if (connection.state !== 'connected') {
        failures.push({
          type: 'mcpServerFailure',
          id: newItemId(),
          server: connection.server.name,
          scope: connection.server.scope,
          message: connection.error ?? `MCP server '${connection.server.name}' is not connected.`,
        });
        continue;
      }
      connection.tools.forEach((_, index) => pairs.push({ connection, index }));
    }
    const names = assignToolNames(
      pairs.map(({ connection, index }) => ({ server: connection.server.name, tool: connection.tools[index]!.name })),
      new Set(builtInNames),
    );
    const tools = pairs.map(({ connection, index }, i) => {
      const info = connection.tools[index]!;
      const key = alwaysKey(connection.server, info.name);
      return createMcpTool({
        connection,
        info,
        modelName: names[i]!,
        imageDir: path.join(this.options.dataDir, 'mcp', 'images'),
        callTimeoutMs: this.options.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS,
        isAlwaysAllowed: () => this.alwaysAllowed().includes(key),
        allowAlways: () => this.options.store.settings.set(ALWAYS_ALLOWED_SETTING, [...new Set([...this.alwaysAllowed(), key])]),
      });
    });
    return { tools, failures };
  }

  /** Every configured server (the user's, and `root`'s) with its status, for the settings list. */
  async list(root: string | null): Promise<McpServerList> {
    const { servers, problems } = await this.configured(root);
    const statuses = servers.map((s) => this.status(s));
    return { root, servers: statuses, problems };
  }

  async addUserServer(name: string, config: McpServerConfig): Promise<void> {
    const current = this.userEntries();
    this.options.store.settings.set(USER_SERVERS_SETTING, { ...current, [name]: config });
    await this.closeWhere((c) => c.server.scope === 'user' && c.server.name === name);
    this.changed(null);
  }

  async removeUserServer(name: string): Promise<void> {
    const current = this.userEntries();
    if (!(name in current)) throw new RpcError('not_found', `There is no user MCP server named '${name}'.`);
    const { [name]: _removed, ...rest } = current;
    this.options.store.settings.set(USER_SERVERS_SETTING, rest);
    await this.closeWhere((c) => c.server.scope === 'user' && c.server.name === name);
    this.changed(null);
  }

  async setRepoServerEnabled(root: string, name: string, enabled: boolean): Promise<void> {
    const { servers } = await this.configured(root);
    const server = servers.find((s) => s.scope === 'repo' && s.name === name);
    if (!server) throw new RpcError('not_found', `${path.join(root, '.mcp.json')} has no usable server named '${name}'.`);
    const all = this.options.store.settings.get<RepoEnabled>(REPO_ENABLED_SETTING) ?? {};
    const forRoot = { ...(all[root] ?? {}) };
    if (enabled) forRoot[name] = server.fingerprint;
    else delete forRoot[name];
    this.options.store.settings.set(REPO_ENABLED_SETTING, { ...all, [root]: forRoot });
    if (!enabled) await this.closeWhere((c) => c.server.scope === 'repo' && c.server.root === root && c.server.name === name);
    this.changed(root);
  }

  /** Starts (or restarts) one server now. */
  async connect(scope: McpServerScope, name: string, root: string | null): Promise<void> {
    const { servers } = await this.configured(root);
    const server = servers.find((s) => s.scope === scope && s.name === name);
    if (!server) throw new RpcError('not_found', `No ${scope === 'repo' ? 'repository' : 'user'} MCP server named '${name}'.`);
    if (this.disposed) throw new RpcError('unavailable', 'Tandem is shutting down.');
    if (!this.isEnabled(server)) throw new RpcError('conflict', `Enable the server '${name}' from this repository first.`);
    const key = connectionKey(server);
    await this.closeWhere((c) => connectionKey(c.server) === key);
    if (this.disposed) throw new RpcError('unavailable', 'Tandem is shutting down.');
    await this.connectionFor(server).start();
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    await this.closeWhere(() => true);
  }

  private async configured(root: string | null): Promise<LoadedMcpServers> {
    const env = this.options.env ?? process.env;
    const user = parseUserServers(this.options.store.settings.get(USER_SERVERS_SETTING), env, this.options.homeDir ?? os.homedir());
    const repo = root ? await loadRepoServers(root, env) : { servers: [], problems: [] };
    const problems: McpConfigProblem[] = [...user.problems, ...repo.problems];
    const userNames = new Set(user.servers.map((s) => s.name));
    const repoServers = repo.servers.filter((s) => {
      if (!userNames.has(s.name)) return true;
      problems.push({ file: s.file ?? '.mcp.json', message: `mcpServers.${s.name}: a user server has the same name; the user's is used` });
      return false;
    });
    return { servers: [...user.servers, ...repoServers], problems };
  }

  private isEnabled(server: ResolvedMcpServer): boolean {
    if (server.scope === 'user') return true;
    return this.enabledFingerprint(server) === server.fingerprint;
  }

  private enabledFingerprint(server: ResolvedMcpServer): string | undefined {
    if (!server.root) return undefined;
    return this.options.store.settings.get<RepoEnabled>(REPO_ENABLED_SETTING)?.[server.root]?.[server.name];
  }

  private status(server: ResolvedMcpServer): McpServerStatus {
    const connection = this.connections.get(connectionKey(server));
    const current = connection && sameEntry(connection.server, server) ? connection : null;
    const enabledAs = server.scope === 'repo' ? this.enabledFingerprint(server) : undefined;
    const changedSinceEnabled = enabledAs !== undefined && enabledAs !== server.fingerprint;
    const enabled = this.isEnabled(server);
    const config = server.config;
    return {
      name: server.name,
      scope: server.scope,
      file: server.file,
      transport: config.type === 'http' ? 'http' : 'stdio',
      target: config.type === 'http' ? config.url : [config.command, ...(config.args ?? [])].join(' '),
      state: !enabled ? 'disabled' : (current?.state ?? 'idle'),
      tools: current?.state === 'connected' ? current.tools.map((t) => ({ name: t.name, modelName: mcpToolName(server.name, t.name), description: t.description, readOnly: t.readOnly })) : [],
      error: !enabled
        ? changedSinceEnabled
          ? 'Its entry in .mcp.json changed since you enabled it: review it and enable it again.'
          : config.type === 'http'
            ? 'This repository asks Tandem to connect to this server: enable it if you trust it.'
            : 'Runs a program this repository names, outside the sandbox: enable it if you trust it.'
        : (current?.error ?? null),
      changedSinceEnabled,
      config,
    };
  }

  private connectionFor(server: ResolvedMcpServer): McpConnection {
    const key = connectionKey(server);
    const existing = this.connections.get(key);
    if (existing && sameEntry(existing.server, server)) return existing;
    if (existing) void existing.close();
    const connection = new McpConnection(server, {
      startTimeoutMs: this.options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS,
      onChange: () => this.changed(server.root),
    });
    this.connections.set(key, connection);
    return connection;
  }

  private async closeWhere(test: (c: McpConnection) => boolean): Promise<void> {
    const closing = [...this.connections.entries()].filter(([, c]) => test(c));
    for (const [key] of closing) this.connections.delete(key);
    await Promise.all(closing.map(([, c]) => c.close()));
  }

  private userEntries(): Record<string, unknown> {
    const value = this.options.store.settings.get<unknown>(USER_SERVERS_SETTING);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  }

  private alwaysAllowed(): string[] {
    const value = this.options.store.settings.get<unknown>(ALWAYS_ALLOWED_SETTING);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  }

  private changed(root: string | null): void {
    if (!this.disposed) this.options.events.emit('mcp.changed', { root });
  }
}

function connectionKey(server: ResolvedMcpServer): string {
  return server.scope === 'user' ? `user\u0000${server.name}` : `repo\u0000${server.root ?? ''}\u0000${server.name}`;
}

/** The same entry with the same variables filled in: the running connection can be reused. */
function sameEntry(a: ResolvedMcpServer, b: ResolvedMcpServer): boolean {
  return JSON.stringify(a.resolved) === JSON.stringify(b.resolved);
}

function alwaysKey(server: ResolvedMcpServer, tool: string): string {
  return [server.scope, server.root ?? '', server.name, tool].join('\u0000');
}
