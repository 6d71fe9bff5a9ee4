/**
 * One MCP server connection, from start to close: the official SDK's client over stdio (a child process)
 * or streamable HTTP, a start timeout, the tool list, and tool calls with a timeout and abort. A stdio
 * server's stderr is kept (its tail), because that is where a server says why it failed. A server that
 * stops is marked failed with that reason; the next turn starts it again.
 */
import fs from 'node:fs';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { McpServerState } from '../../../../shared/contract';
import type { ResolvedMcpServer } from './config';

/** How much of a stdio server's stderr is kept for error messages. */
const STDERR_TAIL_CHARS = 2_000;
/** How many pages of tools a server may list. */
const MAX_TOOL_PAGES = 20;
const CLIENT_INFO = { name: 'tandem', version: '1.0.0' };

export interface McpToolInfo {
  name: string;
  description: string;
  inputSchema: Record<string, unknown>;
  /** The server's `readOnlyHint` annotation. */
  readOnly: boolean;
}

export interface McpConnectionOptions {
  startTimeoutMs: number;
  /** Called whenever the state changes (the settings list refreshes). */
  onChange(): void;
}

export class McpConnection {
  state: Exclude<McpServerState, 'disabled'> = 'idle';
  error: string | null = null;
  tools: McpToolInfo[] = [];
  private client: Client | null = null;
  /** The transport being connected, so close() can stop a server that is still starting. */
  private pendingTransport: Transport | null = null;
  private starting: Promise<void> | null = null;
  private stderrTail = '';
  private closed = false;

  constructor(
    readonly server: ResolvedMcpServer,
    private readonly options: McpConnectionOptions,
  ) {}

  /** Connects and lists the tools, unless already connected. Never rejects: a failure sets `state` and `error`. */
  start(): Promise<void> {
    if (this.state === 'connected' || this.closed) return Promise.resolve();
    this.starting ??= this.connect().finally(() => {
      this.starting = null;
    });
    return this.starting;
  }

  async callTool(name: string, args: Record<string, unknown>, options: { signal: AbortSignal; timeoutMs: number }): Promise<CallToolResult> {
    const client = this.client;
    if (!client || this.state !== 'connected') throw new Error(this.error ?? `MCP server '${this.server.name}' is not connected.`);
    try {
      return (await client.callTool({ name, arguments: args }, undefined, { signal: options.signal, timeout: options.timeoutMs })) as CallToolResult;
    } catch (error) {
      // A server that died mid-call: say so with what it printed, not just "connection closed".
      // (`state` may have changed while the call was out: onclose runs meanwhile.)
      const state = this.state as McpConnection['state'];
      if (state === 'failed' && this.error) throw new Error(this.error, { cause: error });
      throw error;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const client = this.client;
    this.client = null;
    const pending = this.pendingTransport;
    this.pendingTransport = null;
    await Promise.all([client?.close().catch(() => undefined), pending?.close().catch(() => undefined)]);
  }

  private async connect(): Promise<void> {
    this.setState('starting', null);
    this.stderrTail = '';
    let transport: Transport;
    try {
      transport = this.makeTransport();
    } catch (error) {
      this.setState('failed', `MCP server '${this.server.name}' failed to start: ${(error as Error).message}`);
      return;
    }
    const client = new Client(CLIENT_INFO, { capabilities: {} });
    this.pendingTransport = transport;
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`it did not answer within ${Math.round(this.options.startTimeoutMs / 1000)} s`)), this.options.startTimeoutMs);
      });
      await Promise.race([client.connect(transport), timeout]);
      const tools = await Promise.race([listAllTools(client), timeout]);
      if (this.closed) {
        await client.close().catch(() => undefined);
        return;
      }
      this.client = client;
      this.tools = tools;
      client.onclose = () => {
        if (this.client !== client) return;
        this.client = null;
        this.tools = [];
        if (!this.closed) this.setState('failed', this.withStderr(`MCP server '${this.server.name}' stopped`));
      };
      this.setState('connected', null);
    } catch (error) {
      await client.close().catch(() => undefined);
      await transport.close().catch(() => undefined);
      this.setState('failed', this.withStderr(`MCP server '${this.server.name}' failed to start: ${describeStartError(error)}`));
    } finally {
      clearTimeout(timer);
      if (this.pendingTransport === transport) this.pendingTransport = null;
    }
  }

  private makeTransport(): Transport {
    const config = this.server.resolved;
    if (config.type === 'http') {
      return new StreamableHTTPClientTransport(new URL(config.url), config.headers ? { requestInit: { headers: config.headers } } : undefined);
    }
    if (config.cwd && !isDirectory(config.cwd)) throw new Error(`its working folder ${config.cwd} does not exist`);
    const transport = new StdioClientTransport({
      command: config.command,
      args: config.args ?? [],
      ...(config.env ? { env: config.env } : {}),
      ...(config.cwd ? { cwd: config.cwd } : {}),
      stderr: 'pipe',
    });
    transport.stderr?.on('data', (chunk: Buffer | string) => {
      this.stderrTail = (this.stderrTail + chunk.toString()).slice(-STDERR_TAIL_CHARS);
    });
    return transport;
  }

  private withStderr(message: string): string {
    const tail = this.stderrTail.trim();
    return tail ? `${message}. Its last output:\n${tail}` : message;
  }

  private setState(state: McpConnection['state'], error: string | null): void {
    this.state = state;
    this.error = error;
    this.options.onChange();
  }
}

async function listAllTools(client: Client): Promise<McpToolInfo[]> {
  if (!client.getServerCapabilities()?.tools) return [];
  const tools: McpToolInfo[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_TOOL_PAGES; page += 1) {
    const result = await client.listTools(cursor ? { cursor } : undefined);
    for (const tool of result.tools) {
      tools.push({
        name: tool.name,
        description: tool.description ?? tool.title ?? tool.annotations?.title ?? '',
        inputSchema: tool.inputSchema as Record<string, unknown>,
        readOnly: tool.annotations?.readOnlyHint === true,
      });
    }
    cursor = result.nextCursor;
    if (!cursor) break;
  }
  return tools;
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function describeStartError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    // spawn errors already read "spawn foo ENOENT"; say what that means.
    if (code === 'ENOENT' && /spawn/.test(error.message)) return `${error.message} (the command was not found)`;
    if (code === 'ECONNREFUSED') return `${error.message} (nothing is listening there)`;
    return error.message;
  }
  return String(error);
}
