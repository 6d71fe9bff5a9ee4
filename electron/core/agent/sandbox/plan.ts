/*
 * Turns "run this command in that mode" into a plain {file, args, env, cwd} that any spawner can use:
 * runSandboxed() here, or a pty in a visible agent terminal. Pure: what the host supports comes in as
 * `capabilities` (probe.ts), so every mode on every OS is unit-tested here.
 */
import { linuxSandboxCommand } from './linux-bwrap';
import { macosSandboxCommand } from './macos-seatbelt';
import type { SandboxPlan, SandboxPlanInput } from './types';

/** Set in every sandboxed command's environment, so scripts and tests can tell (as CODEX_SANDBOX does). */
export const SANDBOX_ENV = 'TANDEM_SANDBOX';
/** Set to 1 when the network is off, so test suites can skip what needs it. */
export const SANDBOX_NETWORK_DISABLED_ENV = 'TANDEM_SANDBOX_NETWORK_DISABLED';

/** Variables that look like secrets by name (Codex drops the same by default). */
export const SECRET_ENV_NAME = /KEY|SECRET|TOKEN|PASSWORD|PASSWD|CREDENTIAL/i;

export function planSandboxedCommand(input: SandboxPlanInput): SandboxPlan {
  const { capabilities, mode } = input;
  const platform = capabilities.platform;
  const argv = commandArgv(input.command, platform, input.shell);
  if (argv.length === 0 || argv[0] === '') throw new Error('There is no command to run.');
  const env = cleanEnv(input.env ?? process.env);
  const direct = {
    file: argv[0] as string,
    args: argv.slice(1),
    ...(platform === 'win32' && typeof input.command === 'string' ? { windowsVerbatimArguments: true } : {}),
  };

  if (mode === 'danger-full-access') {
    return { ...direct, env, cwd: input.cwd, enforced: true, mode, network: true, notes: ['No sandbox: full access was chosen.'] };
  }

  // Sandboxed commands do not inherit secrets (API keys, tokens): with their output going to the
  // model, a stray `env` would hand them over. Full access keeps the whole environment.
  for (const name of Object.keys(env)) if (SECRET_ENV_NAME.test(name)) delete env[name];
  env[SANDBOX_ENV] = mode;
  if (!input.network) env[SANDBOX_NETWORK_DISABLED_ENV] = '1';
  const confined = { argv, cwd: input.cwd, mode, writableRoots: input.writableRoots, tmpDir: input.tmpDir, network: input.network };

  if (capabilities.unavailableReason === null && platform === 'linux' && capabilities.linux) {
    env.TMPDIR = '/tmp';
    return {
      ...linuxSandboxCommand({ ...confined, support: capabilities.linux }),
      env,
      cwd: input.cwd,
      enforced: true,
      mode,
      network: input.network,
      notes: capabilities.notes,
    };
  }
  if (capabilities.unavailableReason === null && platform === 'darwin' && capabilities.macos) {
    if (mode === 'workspace-write' && input.tmpDir) env.TMPDIR = input.tmpDir;
    return {
      ...macosSandboxCommand({ ...confined, support: capabilities.macos }),
      env,
      cwd: input.cwd,
      enforced: true,
      mode,
      network: input.network,
      notes: capabilities.notes,
    };
  }

  // Nothing can confine the command here: it would run as the user, with the user's rights. The
  // approval policy sees `enforced: false` and asks before every command.
  delete env[SANDBOX_ENV];
  delete env[SANDBOX_NETWORK_DISABLED_ENV];
  const reason = capabilities.unavailableReason ?? `No sandbox is available on ${platform}.`;
  return { ...direct, env, cwd: input.cwd, enforced: false, mode, network: true, notes: [reason, ...capabilities.notes] };
}

/** The argv for a command: an argv as given, a script through the shell. */
export function commandArgv(command: readonly string[] | string, platform: NodeJS.Platform, shell?: string): string[] {
  if (typeof command !== 'string') return [...command];
  // As Node's own `shell: true` does on Windows: cmd.exe with /s strips the outer quotes, and the line
  // must reach it verbatim (see SandboxPlan.windowsVerbatimArguments).
  if (platform === 'win32') return [shell ?? 'cmd.exe', '/d', '/s', '/c', `"${command}"`];
  return [shell ?? 'bash', '-c', command];
}

function cleanEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined) result[key] = value;
  return result;
}
