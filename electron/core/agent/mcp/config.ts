/**
 * Where MCP servers are configured and how their entries are read: the user's servers (Tandem's settings,
 * `mcp.userServers`) and a repository's `.mcp.json` at its root, in the `{"mcpServers": {name: entry}}`
 * format Claude Code and other tools read. Each entry is checked on its own, so one bad entry is reported
 * (file and field named) and left out while the others still work. `${VAR}` and `${VAR:-default}` in
 * commands, arguments, env values, URLs and headers are filled from the environment, so tokens need not
 * be committed.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { McpServerConfig, McpServerName, type McpConfigProblem, type McpServerScope } from '../../../../shared/contract';
import type { z } from 'zod';

export const REPO_CONFIG_FILE = '.mcp.json';
export const USER_SERVERS_SETTING = 'mcp.userServers';

/** A server entry, checked and with its variables filled in, ready to start. */
export interface ResolvedMcpServer {
  name: string;
  scope: McpServerScope;
  /** The `.mcp.json` it comes from; null for a user server. */
  file: string | null;
  /** The repository root for a repository server. */
  root: string | null;
  /** The entry as written (shown in settings; its fingerprint decides whether an enabled server changed). */
  config: McpServerConfig;
  /** The entry with `${VAR}`s filled in and cwd made absolute. */
  resolved: McpServerConfig;
  fingerprint: string;
}

export interface LoadedMcpServers {
  servers: ResolvedMcpServer[];
  problems: McpConfigProblem[];
}

/** Reads `<root>/.mcp.json`. A missing file is no servers, not a problem. */
export async function loadRepoServers(root: string, env: NodeJS.ProcessEnv): Promise<LoadedMcpServers> {
  const file = path.join(root, REPO_CONFIG_FILE);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { servers: [], problems: [] };
    return { servers: [], problems: [{ file, message: `could not be read: ${(error as Error).message}` }] };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { servers: [], problems: [{ file, message: `is not valid JSON: ${(error as Error).message}` }] };
  }
  if (!isPlainObject(json) || !isPlainObject(json.mcpServers)) {
    return { servers: [], problems: [{ file, message: 'needs an object "mcpServers" mapping server names to entries' }] };
  }
  return parseEntries(json.mcpServers, { scope: 'repo', file, root, baseDir: root, env, fieldPrefix: 'mcpServers.' });
}

/** The user's servers, as kept in settings (a name → entry map). */
export function parseUserServers(value: unknown, env: NodeJS.ProcessEnv, homeDir: string = os.homedir()): LoadedMcpServers {
  if (value === undefined || value === null) return { servers: [], problems: [] };
  const file = 'Settings (user MCP servers)';
  if (!isPlainObject(value)) return { servers: [], problems: [{ file, message: 'the saved list is not an object' }] };
  return parseEntries(value, { scope: 'user', file: null, root: null, baseDir: homeDir, env, fieldPrefix: '', problemFile: file });
}

interface ParseContext {
  scope: McpServerScope;
  file: string | null;
  root: string | null;
  baseDir: string;
  env: NodeJS.ProcessEnv;
  fieldPrefix: string;
  problemFile?: string;
}

function parseEntries(entries: Record<string, unknown>, ctx: ParseContext): LoadedMcpServers {
  const servers: ResolvedMcpServer[] = [];
  const problems: McpConfigProblem[] = [];
  const file = ctx.file ?? ctx.problemFile ?? 'settings';
  for (const [name, entry] of Object.entries(entries)) {
    const field = `${ctx.fieldPrefix}${name}`;
    const problem = (message: string) => problems.push({ file, message: `${field}: ${message}` });
    const validName = McpServerName.safeParse(name);
    if (!validName.success) {
      problem(validName.error.issues[0]?.message ?? 'invalid server name');
      continue;
    }
    if (isPlainObject(entry) && (entry.type === 'sse' || entry.type === 'ws')) {
      problem(`type "${entry.type}" is not supported: use "http" (streamable HTTP) or a command (stdio)`);
      continue;
    }
    const parsed = McpServerConfig.safeParse(entry);
    if (!parsed.success) {
      problem(describeIssues(parsed.error, entry));
      continue;
    }
    const config = parsed.data;
    let resolved: McpServerConfig;
    try {
      resolved = resolveEntry(config, ctx.env, ctx.baseDir);
    } catch (error) {
      problem((error as Error).message);
      continue;
    }
    servers.push({ name, scope: ctx.scope, file: ctx.file, root: ctx.root, config, resolved, fingerprint: fingerprintOf(config) });
  }
  return { servers, problems };
}

/** A stable hash of an entry as written: a repository server must be enabled again when it changes. */
export function fingerprintOf(config: McpServerConfig): string {
  return createHash('sha256').update(stableJson(config)).digest('hex').slice(0, 16);
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (isPlainObject(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson(value[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

function resolveEntry(config: McpServerConfig, env: NodeJS.ProcessEnv, baseDir: string): McpServerConfig {
  const fill = (text: string, field: string) => expandVariables(text, env, field);
  const fillMap = (map: Record<string, string> | undefined, field: string) =>
    map ? Object.fromEntries(Object.entries(map).map(([k, v]) => [k, fill(v, `${field}.${k}`)])) : undefined;
  if (config.type === 'http') {
    const headers = fillMap(config.headers, 'headers');
    return { type: 'http', url: fill(config.url, 'url'), ...(headers ? { headers } : {}) };
  }
  const envMap = fillMap(config.env, 'env');
  return {
    command: fill(config.command, 'command'),
    args: (config.args ?? []).map((a, i) => fill(a, `args[${i}]`)),
    ...(envMap ? { env: envMap } : {}),
    cwd: path.resolve(baseDir, config.cwd ? fill(config.cwd, 'cwd') : '.'),
  };
}

const VARIABLE = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

/** `${VAR}` and `${VAR:-default}`; an unset variable without a default is an error naming it. */
export function expandVariables(text: string, env: NodeJS.ProcessEnv, field: string): string {
  return text.replace(VARIABLE, (_match, name: string, fallback: string | undefined) => {
    const value = env[name];
    if (value !== undefined && value !== '') return value;
    if (fallback !== undefined) return fallback;
    throw new Error(`${field} uses \${${name}}, which is not set in Tandem's environment`);
  });
}

function describeIssues(error: z.ZodError, entry: unknown): string {
  if (!isPlainObject(entry)) return 'each server must be an object with "command" (stdio) or "type": "http" and "url"';
  if (!('command' in entry) && !('url' in entry)) return 'needs "command" (a stdio server) or "type": "http" with "url"';
  if ('url' in entry && entry.type !== 'http') return '"url" needs "type": "http"';
  // A union reports each branch's issues; keep the branch the entry was meant for.
  const branch = 'url' in entry ? 1 : 0;
  const issues = error.issues.flatMap((issue) => (issue.code === 'invalid_union' ? (issue.errors[branch] ?? issue.errors.flat()) : [issue]));
  return issues.map((i) => `${i.path.length ? i.path.join('.') : 'entry'}: ${i.message}`).join('; ');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
