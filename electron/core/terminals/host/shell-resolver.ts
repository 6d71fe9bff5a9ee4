/**
 * Which shell to start and whether it can be started: the user's login shell by default ($SHELL, then
 * the account database; PowerShell on Windows), or one the caller names. Every failure is a
 * SpawnError whose message a user can act on.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ShellKind } from '../../../../shared/contract/terminals';

export class SpawnError extends Error {
  override readonly name = 'SpawnError';
}

export function defaultShell(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') {
    for (const candidate of ['pwsh.exe', 'powershell.exe']) {
      const found = findOnPath(candidate, env, platform);
      if (found) return found;
    }
    return env.ComSpec || env.COMSPEC || 'cmd.exe';
  }
  const fromEnv = env.SHELL?.trim();
  if (fromEnv && isExecutableFile(fromEnv)) return fromEnv;
  let fromAccount: string | undefined;
  try {
    fromAccount = os.userInfo().shell ?? undefined;
  } catch {
    // No account entry (some containers): fall through.
  }
  if (fromAccount && isExecutableFile(fromAccount)) return fromAccount;
  for (const candidate of ['/bin/bash', '/usr/bin/bash', '/bin/zsh', '/bin/sh']) {
    if (isExecutableFile(candidate)) return candidate;
  }
  return '/bin/sh';
}

/** An absolute path to an executable file, or a SpawnError saying what is wrong. */
export function resolveShell(shell: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string {
  const hasDir = shell.includes('/') || (platform === 'win32' && shell.includes('\\'));
  if (!hasDir) {
    const found = findOnPath(shell, env, platform);
    if (!found) throw new SpawnError(`Shell "${shell}" was not found on PATH.`);
    return found;
  }
  const absolute = path.resolve(shell);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(absolute);
  } catch {
    throw new SpawnError(`Shell ${absolute} does not exist.`);
  }
  if (!stat.isFile()) throw new SpawnError(`Shell ${absolute} is not a file.`);
  if (platform !== 'win32' && !isExecutableFile(absolute)) throw new SpawnError(`Shell ${absolute} is not executable.`);
  return absolute;
}

export function resolveCwd(cwd: string): string {
  const absolute = path.resolve(cwd);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(absolute);
  } catch {
    throw new SpawnError(`Working directory ${absolute} does not exist.`);
  }
  if (!stat.isDirectory()) throw new SpawnError(`Working directory ${absolute} is not a directory.`);
  return absolute;
}

export function shellKindOf(shellPath: string): ShellKind {
  const base = path.basename(shellPath).toLowerCase().replace(/\.exe$/, '');
  // Versioned names (bash5, zsh-5.9) count as the shell they name.
  const name = base.replace(/[-.]?\d[\d.]*$/, '');
  switch (name) {
    case 'bash':
      return 'bash';
    case 'zsh':
      return 'zsh';
    case 'fish':
      return 'fish';
    case 'pwsh':
      return 'pwsh';
    case 'powershell':
      return 'powershell';
    case 'cmd':
      return 'cmd';
    case 'sh':
    case 'dash':
    case 'ash':
      return 'sh';
    default:
      return 'other';
  }
}

function findOnPath(name: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string | null {
  const dirs = (env.PATH ?? env.Path ?? '').split(path.delimiter).filter(Boolean);
  const exts = platform === 'win32' && !path.extname(name) ? (env.PATHEXT ?? '.EXE;.CMD;.BAT;.COM').split(';') : [''];
  for (const dir of dirs) {
    for (const ext of exts) {
      const candidate = path.join(dir, name + ext);
      if (platform === 'win32' ? isFile(candidate) : isExecutableFile(candidate)) return candidate;
    }
  }
  return null;
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

function isExecutableFile(p: string): boolean {
  if (!isFile(p)) return false;
  try {
    fs.accessSync(p, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
