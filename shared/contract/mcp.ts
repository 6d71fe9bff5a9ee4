/**
 * MCP connectors: Model Context Protocol servers whose tools the agent can call. Servers are configured
 * per user (in Tandem's settings) and per repository (a `.mcp.json` at the workspace root, in the
 * `{"mcpServers": {…}}` format other tools read). A repository's servers run code from the repository,
 * so each one starts only after the user enabled it (remembered per repository).
 */
import { z } from 'zod';
import { event, method } from './define';

/** Server names become part of tool names (`mcp__<server>__<tool>`): keep them short and plain. */
export const McpServerName = z
  .string()
  .trim()
  .min(1, 'The server needs a name')
  .max(40, 'Server names are 40 characters at most')
  .regex(/^[A-Za-z0-9_.-]+$/, 'Use letters, digits, "_", "-" and "." in server names');

const StringMap = z.record(z.string(), z.string());

/** A server Tandem starts as a child process and talks to over stdin/stdout. */
export const McpStdioServerConfig = z
  .object({
    type: z.literal('stdio').optional(),
    command: z.string().trim().min(1, 'command is empty'),
    args: z.array(z.string()).optional(),
    env: StringMap.optional(),
    /** Relative to the repository root (repository servers) or the home folder (user servers). */
    cwd: z.string().min(1).optional(),
  })
  .strict();
export type McpStdioServerConfig = z.infer<typeof McpStdioServerConfig>;

/** A server reached over MCP's streamable HTTP transport. */
export const McpHttpServerConfig = z
  .object({
    type: z.literal('http'),
    url: z.url({ protocol: /^https?$/, error: 'url must be an http:// or https:// address' }),
    headers: StringMap.optional(),
  })
  .strict();
export type McpHttpServerConfig = z.infer<typeof McpHttpServerConfig>;

export const McpServerConfig = z.union([McpStdioServerConfig, McpHttpServerConfig]);
export type McpServerConfig = z.infer<typeof McpServerConfig>;

export type McpServerScope = 'user' | 'repo';

/** Where a server stands, as the settings list shows it. */
export type McpServerState =
  /** Configured, not started yet (servers start when a turn needs tools). */
  | 'idle'
  | 'starting'
  | 'connected'
  | 'failed'
  /** A repository server the user has not enabled (or whose entry changed since). */
  | 'disabled';

export interface McpToolSummary {
  name: string;
  /** The name the model calls it by. */
  modelName: string;
  description: string;
  /** The server says the tool only reads (`readOnlyHint`): under on-request it runs unasked. */
  readOnly: boolean;
}

export interface McpServerStatus {
  name: string;
  scope: McpServerScope;
  /** The file it comes from (`.mcp.json`), or null for a user server kept in settings. */
  file: string | null;
  transport: 'stdio' | 'http';
  /** The command line or the URL. */
  target: string;
  state: McpServerState;
  tools: McpToolSummary[];
  /** Why it failed, or why it is disabled. */
  error: string | null;
  /** A repository server whose entry changed since the user enabled it. */
  changedSinceEnabled: boolean;
  config: McpServerConfig;
}

/** A config file (or settings entry) that could not be read; its servers are left out. */
export interface McpConfigProblem {
  file: string;
  message: string;
}

export interface McpServerList {
  /** The repository root whose `.mcp.json` was read (null without a workspace). */
  root: string | null;
  servers: McpServerStatus[];
  problems: McpConfigProblem[];
}

const WorkspaceId = z.string().min(1).max(64);

export const mcpMethods = {
  /** User servers, and with a workspace, its repository's servers, with their status. */
  'mcp.list': method<McpServerList>()(z.object({ workspaceId: WorkspaceId.optional() }).strict()),
  /** Adds (or replaces) a user server. */
  'mcp.addUserServer': method<McpServerList>()(
    z.object({ name: McpServerName, config: McpServerConfig, workspaceId: WorkspaceId.optional() }).strict(),
  ),
  'mcp.removeUserServer': method<McpServerList>()(z.object({ name: McpServerName, workspaceId: WorkspaceId.optional() }).strict()),
  /** Lets a repository server start (remembered for this repository and this exact entry), or stops it. */
  'mcp.setRepoServerEnabled': method<McpServerList>()(
    z.object({ workspaceId: WorkspaceId, name: McpServerName, enabled: z.boolean() }).strict(),
  ),
  /** Starts (or restarts) a server now and lists its tools: the settings' "Connect" button. */
  'mcp.connect': method<McpServerList>()(
    z.object({ name: McpServerName, scope: z.enum(['user', 'repo']), workspaceId: WorkspaceId.optional() }).strict(),
  ),
};

export const mcpEvents = {
  /** A server's state changed (started, failed, stopped), or the configuration did. */
  'mcp.changed': event<{ root: string | null }>(),
};
