/**
 * AGENTS.md discovery, as Codex does it: the user's own file (~/.tandem/AGENTS.md, else ~/.codex/AGENTS.md),
 * then one AGENTS.md per folder from the repository root down to the working directory, nearest last so
 * the most specific instructions come last and win. Project files share a size budget, filled from the
 * root down; what does not fit is cut with a note saying so, so the model knows it is not seeing all.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export const AGENTS_FILE = 'AGENTS.md';
/** Budget for the user-level file. */
export const USER_AGENTS_MAX_BYTES = 16 * 1024;
/** Budget shared by all project files (Codex's default for project docs). */
export const PROJECT_AGENTS_MAX_BYTES = 32 * 1024;

export interface AgentsFile {
  path: string;
  /** The text injected (possibly cut). */
  text: string;
  /** The file's full size in bytes. */
  bytes: number;
  truncated: boolean;
  scope: 'user' | 'project';
}

export interface AgentsDiscoveryOptions {
  cwd: string;
  homeDir?: string;
  userMaxBytes?: number;
  projectMaxBytes?: number;
}

export async function discoverAgentsFiles(options: AgentsDiscoveryOptions): Promise<AgentsFile[]> {
  const home = options.homeDir ?? os.homedir();
  const found: AgentsFile[] = [];

  for (const candidate of [path.join(home, '.tandem', AGENTS_FILE), path.join(home, '.codex', AGENTS_FILE)]) {
    const file = await readCapped(candidate, options.userMaxBytes ?? USER_AGENTS_MAX_BYTES, 'user');
    if (file) {
      found.push(file);
      break;
    }
  }

  let budget = options.projectMaxBytes ?? PROJECT_AGENTS_MAX_BYTES;
  for (const dir of await foldersFromRootTo(path.resolve(options.cwd))) {
    if (budget <= 0) break;
    const file = await readCapped(path.join(dir, AGENTS_FILE), budget, 'project');
    if (!file) continue;
    found.push(file);
    // A cut file used the whole budget (a split character may leave a byte or two unused).
    budget = file.truncated ? 0 : budget - Buffer.byteLength(file.text);
  }
  return found;
}

/** The folders from the repository root (the nearest ancestor with `.git`) down to `cwd`; just `cwd` outside a repo. */
export async function foldersFromRootTo(cwd: string): Promise<string[]> {
  const chain: string[] = [];
  for (let dir = cwd; ; dir = path.dirname(dir)) {
    chain.unshift(dir);
    if (await exists(path.join(dir, '.git'))) return chain;
    if (path.dirname(dir) === dir) return [cwd];
  }
}

/** Renders the files for the instructions, each under a heading naming where it came from. */
export function formatAgentsFiles(files: readonly AgentsFile[]): string {
  if (files.length === 0) return '';
  const sections = files.map((file) => {
    const where = file.scope === 'user' ? `your user-level instructions (${file.path})` : file.path;
    const note = file.truncated
      ? `\n\n[Truncated: only the first ${Buffer.byteLength(file.text)} of ${file.bytes} bytes fit; read the file for the rest.]`
      : '';
    return `## From ${where}\n\n${file.text.trimEnd()}${note}`;
  });
  return `# Instructions from AGENTS.md files\n\nFiles nearer the working directory come later and take precedence over earlier ones where they conflict.\n\n${sections.join('\n\n')}`;
}

async function readCapped(file: string, maxBytes: number, scope: AgentsFile['scope']): Promise<AgentsFile | null> {
  let bytes: Buffer;
  try {
    const info = await fs.stat(file);
    if (!info.isFile()) return null;
    bytes = await fs.readFile(file);
  } catch {
    return null;
  }
  if (bytes.length === 0 || bytes.toString('utf8').trim() === '') return null;
  const truncated = bytes.length > maxBytes;
  // Cut on a character boundary: drop a partial UTF-8 sequence at the end.
  const text = truncated ? bytes.subarray(0, maxBytes).toString('utf8').replace(/\uFFFD+$/, '') : bytes.toString('utf8');
  return { path: file, text, bytes: bytes.length, truncated, scope };
}

async function exists(p: string): Promise<boolean> {
  try {
    await fs.access(p);
    return true;
  } catch {
    return false;
  }
}
