/**
 * Starts a shell with Tandem's integration hooks without touching the user's startup files, the way
 * VS Code does: bash through --init-file, zsh through ZDOTDIR, fish through --init-command. The
 * scripts are written once per pty host into a private temporary folder.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ShellIntegration, ShellKind } from '../../../../shared/contract/terminals';
import { BASH_SCRIPT } from './scripts/bash';
import { FISH_SCRIPT } from './scripts/fish';
import { ZSH_FILES } from './scripts/zsh';

export interface IntegrationScripts {
  /** The folder holding everything below; removed by `removeScripts`. */
  dir: string;
  bash: string;
  zshDotDir: string;
  fish: string;
}

const DIR_PREFIX = 'tandem-shell-';

/** Writes the scripts into a new folder named after this process (see removeStaleScripts). */
export function installScripts(parent = os.tmpdir()): IntegrationScripts {
  removeStaleScripts(parent);
  const dir = fs.mkdtempSync(path.join(parent, `${DIR_PREFIX}${process.pid}-`));
  const bash = path.join(dir, 'tandem.bash');
  const fish = path.join(dir, 'tandem.fish');
  const zshDotDir = path.join(dir, 'zsh');
  fs.writeFileSync(bash, BASH_SCRIPT, { mode: 0o600 });
  fs.writeFileSync(fish, FISH_SCRIPT, { mode: 0o600 });
  fs.mkdirSync(zshDotDir, { mode: 0o700 });
  for (const [name, text] of Object.entries(ZSH_FILES)) fs.writeFileSync(path.join(zshDotDir, name), text, { mode: 0o600 });
  return { dir, bash, zshDotDir, fish };
}

export function removeScripts(scripts: IntegrationScripts): void {
  fs.rmSync(scripts.dir, { recursive: true, force: true });
}

/**
 * Removes the folders of pty hosts that died without cleaning up (killed, crashed): those whose
 * process no longer exists, and only this user's.
 */
export function removeStaleScripts(parent = os.tmpdir()): void {
  let names: string[];
  try {
    names = fs.readdirSync(parent);
  } catch {
    return;
  }
  const uid = process.getuid?.();
  for (const name of names) {
    const pid = Number(/^tandem-shell-(\d+)-/.exec(name)?.[1]);
    if (!pid || pid === process.pid || processExists(pid)) continue;
    const dir = path.join(parent, name);
    try {
      if (uid !== undefined && fs.statSync(dir).uid !== uid) continue;
      fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      // Gone already, or not ours to remove.
    }
  }
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface LaunchPlan {
  args: string[];
  /** Variables to add to the shell's environment. */
  env: Record<string, string>;
  integration: ShellIntegration;
}

export interface LaunchOptions {
  kind: ShellKind;
  /** Arguments the caller chose, or null for Tandem's defaults. */
  args: string[] | null;
  /** The environment the shell will get (to find the user's ZDOTDIR). */
  env: NodeJS.ProcessEnv;
  scripts: IntegrationScripts | null;
  nonce: string;
  platform?: NodeJS.Platform;
}

/** Arguments that still allow integration: they only ask for a login or interactive shell. */
const PLAIN_FLAGS = new Set(['-l', '--login', '-i', '--interactive']);

export function planLaunch(options: LaunchOptions): LaunchPlan {
  const platform = options.platform ?? process.platform;
  const requested = options.args;
  // Terminal apps on macOS start login shells; on Linux the desktop session already ran the profile.
  const login = requested ? requested.includes('-l') || requested.includes('--login') : platform === 'darwin';
  const off = (reason: string): LaunchPlan => ({
    args: requested ?? (login && options.kind !== 'cmd' && options.kind !== 'pwsh' && options.kind !== 'powershell' ? ['-l'] : []),
    env: {},
    integration: { state: 'off', reason },
  });

  if (requested && !requested.every((a) => PLAIN_FLAGS.has(a))) return off('The shell was started with custom arguments.');
  const scripts = options.scripts;
  if (!scripts) return off('Shell integration scripts could not be written.');
  const nonceEnv = { TANDEM_SHELL_NONCE: options.nonce };
  const injected: ShellIntegration = { state: 'injected', reason: null };

  switch (options.kind) {
    case 'bash':
      return {
        args: ['--init-file', scripts.bash],
        env: { ...nonceEnv, ...(login ? { TANDEM_SHELL_LOGIN: '1' } : {}) },
        integration: injected,
      };
    case 'zsh': {
      const userDotDir = options.env.ZDOTDIR;
      return {
        args: login ? ['-l'] : [],
        env: {
          ...nonceEnv,
          ZDOTDIR: scripts.zshDotDir,
          TANDEM_USER_ZDOTDIR: userDotDir || options.env.HOME || os.homedir(),
          ...(userDotDir ? {} : { TANDEM_ZDOTDIR_UNSET: '1' }),
        },
        integration: injected,
      };
    }
    case 'fish':
      return {
        args: [...(login ? ['-l'] : []), '--init-command', `source ${fishQuote(scripts.fish)}`],
        env: nonceEnv,
        integration: injected,
      };
    case 'pwsh':
    case 'powershell':
      return off('Shell integration is not available for PowerShell yet.');
    default:
      return off(`Shell integration is available for bash, zsh and fish, not ${options.kind === 'other' ? 'this shell' : options.kind}.`);
  }
}

function fishQuote(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}
