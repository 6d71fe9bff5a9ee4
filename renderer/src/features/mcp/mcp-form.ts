/**
 * The "Add a server" form of Settings → MCP servers, as plain data: what the user typed → a server entry
 * the contract accepts, or the errors to show beside the fields. Arguments are split like a shell would
 * split plain words (quotes keep spaces); env and headers are one `KEY=value` / `Name: value` per line.
 */
import { McpServerConfig, McpServerName } from '../../../../shared/contract';

export interface McpServerForm {
  name: string;
  kind: 'stdio' | 'http';
  command: string;
  args: string;
  env: string;
  url: string;
  headers: string;
}

export type McpFormErrors = Partial<Record<keyof McpServerForm, string>>;

export const EMPTY_MCP_FORM: McpServerForm = { name: '', kind: 'stdio', command: '', args: '', env: '', url: '', headers: '' };

export function toServerEntry(form: McpServerForm): { name: string; config: McpServerConfig } | { errors: McpFormErrors } {
  const errors: McpFormErrors = {};
  const name = McpServerName.safeParse(form.name);
  if (!name.success) errors.name = name.error.issues[0]?.message ?? 'Invalid name';

  let raw: unknown;
  if (form.kind === 'stdio') {
    const args = splitWords(form.args);
    if (args === null) errors.args = 'A quote is not closed';
    const env = parseLines(form.env, '=');
    if (typeof env === 'string') errors.env = env;
    if (!form.command.trim()) errors.command = 'Type the command that starts the server';
    raw = { command: form.command.trim(), ...(args && args.length ? { args } : {}), ...(typeof env === 'object' && Object.keys(env).length ? { env } : {}) };
  } else {
    const headers = parseLines(form.headers, ':');
    if (typeof headers === 'string') errors.headers = headers;
    raw = { type: 'http', url: form.url.trim(), ...(typeof headers === 'object' && Object.keys(headers).length ? { headers } : {}) };
  }
  const config = McpServerConfig.safeParse(raw);
  if (!config.success && form.kind === 'http' && !errors.url) errors.url = 'Type an http:// or https:// address';
  if (Object.keys(errors).length || !config.success || !name.success) return { errors };
  return { name: name.data, config: config.data };
}

/** Plain words, with '…' and "…" keeping spaces; null when a quote is left open. */
export function splitWords(text: string): string[] | null {
  const words: string[] = [];
  let current = '';
  let quote: '"' | "'" | null = null;
  let inWord = false;
  for (const ch of text) {
    if (quote) {
      if (ch === quote) quote = null;
      else current += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
    } else {
      current += ch;
      inWord = true;
    }
  }
  if (quote) return null;
  if (inWord) words.push(current);
  return words;
}

/** `KEY=value` (env) or `Name: value` (headers) lines; a message naming the bad line otherwise. */
function parseLines(text: string, separator: '=' | ':'): Record<string, string> | string {
  const out: Record<string, string> = {};
  for (const [i, line] of text.split('\n').entries()) {
    if (!line.trim()) continue;
    const at = line.indexOf(separator);
    const key = at > 0 ? line.slice(0, at).trim() : '';
    if (!key) return `Line ${i + 1} needs the form ${separator === '=' ? 'NAME=value' : 'Name: value'}`;
    out[key] = line.slice(at + 1).trim();
  }
  return out;
}
