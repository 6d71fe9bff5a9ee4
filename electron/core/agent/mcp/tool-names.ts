/**
 * The names the model calls MCP tools by: `mcp__<server>__<tool>`, made to fit what the OpenAI APIs accept
 * for a function name (letters, digits, `_` and `-`, at most 64 characters). Characters outside that set
 * become `_`; a name too long, or one that collides with another after cleaning, keeps a short hash of
 * the original so each name stays unique and stable across turns.
 */
import { createHash } from 'node:crypto';

export const MAX_TOOL_NAME_CHARS = 64;
const HASH_CHARS = 8;

export function mcpToolName(server: string, tool: string): string {
  const clean = `mcp__${sanitize(server)}__${sanitize(tool)}`;
  if (clean.length <= MAX_TOOL_NAME_CHARS) return clean;
  return `${clean.slice(0, MAX_TOOL_NAME_CHARS - HASH_CHARS - 1)}_${shortHash(server, tool)}`;
}

/** Names for a list of (server, tool) pairs, unique among themselves and not clashing with `taken`. */
export function assignToolNames(pairs: readonly { server: string; tool: string }[], taken: ReadonlySet<string>): string[] {
  const used = new Set(taken);
  return pairs.map(({ server, tool }) => {
    let name = mcpToolName(server, tool);
    if (used.has(name)) name = `${name.slice(0, MAX_TOOL_NAME_CHARS - HASH_CHARS - 1)}_${shortHash(server, tool)}`;
    used.add(name);
    return name;
  });
}

function sanitize(part: string): string {
  return part.replace(/[^A-Za-z0-9_-]/g, '_') || '_';
}

function shortHash(server: string, tool: string): string {
  return createHash('sha256').update(`${server}\u0000${tool}`).digest('hex').slice(0, HASH_CHARS);
}
