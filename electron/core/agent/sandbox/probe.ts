/*
 * Finds out once, at start, what this host can enforce: bubblewrap present and allowed to create user
 * namespaces (Linux), sandbox-exec present (macOS). When it cannot, says why in words a user can act
 * on; the approval policy then asks before every command.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { access, constants, lstat, mkdir, readFile, realpath, rename, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { isInside } from '../apply-patch';
import { linuxSandboxCommand } from './linux-bwrap';
import { buildSeccompFilter } from './seccomp-filter';
import type { LinuxSandboxSupport, SandboxCapabilities } from './types';

export interface ProbeOptions {
  platform?: NodeJS.Platform;
  /** PATH, HOME and XDG_RUNTIME_DIR are read from here. */
  env?: NodeJS.ProcessEnv;
  /** Use this bwrap instead of looking on PATH; null pretends none is installed. */
  bwrapPath?: string | null;
  /** Where the compiled seccomp filter is kept (e.g. `<data dir>/sandbox`). */
  stateDir: string;
  /** Tandem's data dir (API keys, rules, every thread): hidden from sandboxed commands. */
  dataDir?: string;
  /** CPU to build the seccomp filter for (Node's `process.arch` names). */
  arch?: string;
}

/** Credentials under the home folder that sandboxed commands cannot read (folders, then files). */
const CREDENTIAL_DIRS = ['.ssh', '.gnupg', '.aws', '.azure', '.kube', '.docker', '.password-store', '.config/gcloud', '.config/gh'];
const CREDENTIAL_FILES = ['.netrc', '.git-credentials'];

const TRIAL_TIMEOUT_MS = 10_000;
const SANDBOX_EXEC = '/usr/bin/sandbox-exec';

export async function probeSandboxSupport(options: ProbeOptions): Promise<SandboxCapabilities> {
  const platform = options.platform ?? process.platform;
  const env = options.env ?? process.env;
  if (platform === 'linux') return probeLinux(options, env);
  if (platform === 'darwin') return probeMacos(options, env);
  return {
    platform,
    unavailableReason:
      platform === 'win32'
        ? 'Tandem has no sandbox on Windows: commands would run with your full rights, so each one needs your approval (or choose full access).'
        : `Tandem has no sandbox on ${platform}: each command needs your approval (or choose full access).`,
    linux: null,
    macos: null,
    notes: ['Nothing is enforced on this OS: no filesystem, network or process confinement.', 'Patches are still checked against the writable roots before they are applied.'],
  };
}

async function probeLinux(options: ProbeOptions, env: NodeJS.ProcessEnv): Promise<SandboxCapabilities> {
  const unavailable = (reason: string): SandboxCapabilities => ({
    platform: 'linux',
    unavailableReason: reason,
    linux: null,
    macos: null,
    notes: ['Nothing is enforced until bubblewrap works: commands would run with your full rights.'],
  });

  const bwrapPath = options.bwrapPath === undefined ? await findOnPath('bwrap', env.PATH) : options.bwrapPath;
  if (!bwrapPath) {
    return unavailable(
      'bubblewrap (bwrap) is not installed, so commands cannot be sandboxed: install it (Debian/Ubuntu: sudo apt install bubblewrap; Fedora: sudo dnf install bubblewrap; Arch: sudo pacman -S bubblewrap). Until then each command needs your approval.',
    );
  }

  const { maskedDirs, maskedFiles } = await hiddenPaths(env, options.dataDir);
  const support: LinuxSandboxSupport = {
    bwrapPath,
    disableUserns: true,
    seccompFilterPath: null,
    maskedDirs,
    maskedFiles,
    resolvConfTarget: await realpath('/etc/resolv.conf').catch(() => null),
  };
  const notes: string[] = [];

  let trial = await tryBwrap(support);
  if (!trial.ok && /disable-userns/.test(trial.stderr)) {
    support.disableUserns = false;
    notes.push('This bubblewrap is older than 0.8: commands can still create user namespaces inside the sandbox.');
    trial = await tryBwrap(support);
  }
  if (!trial.ok) {
    return unavailable(
      `bubblewrap is installed but cannot create a sandbox here (${trial.stderr.trim() || `exit ${trial.code}`}). ` +
        'Unprivileged user namespaces are probably disabled: check `sysctl kernel.unprivileged_userns_clone` and, on Ubuntu 23.10 or later, ' +
        '`sysctl kernel.apparmor_restrict_unprivileged_userns` (or an AppArmor profile for bwrap). Until then each command needs your approval.',
    );
  }

  const arch = options.arch ?? process.arch;
  const filter = buildSeccompFilter(arch);
  if (filter) {
    const filterPath = await writeFilter(options.stateDir, arch, filter);
    const withFilter = { ...support, seccompFilterPath: filterPath };
    const filtered = await tryBwrap(withFilter);
    if (filtered.ok) support.seccompFilterPath = filterPath;
    else notes.push(`The seccomp filter could not be loaded (${filtered.stderr.trim()}): Unix sockets are reachable inside the sandbox.`);
  } else {
    notes.push(`No seccomp filter for ${arch}: Unix sockets are reachable inside the sandbox.`);
  }

  notes.unshift(
    'Linux: bubblewrap mounts / read-only; only the workspace roots and the thread temp dir (as /tmp) are writable; .git and .tandem stay read-only.',
    'Network: a private network namespace (only its own loopback) unless the network is allowed.',
    'Processes: own PID, IPC and UTS namespaces, no capabilities, a new session (no terminal injection).',
    'Hidden: /run, the host /tmp, credential folders (~/.ssh, ~/.aws, …) and Tandem data.',
  );
  if (support.seccompFilterPath) notes.push('seccomp: no Unix sockets (socketpair allowed), no TIOCSTI, no kernel keyring.');
  notes.push('Not used: Landlock (Node cannot make its syscalls without a native helper; the mount namespace already confines writes).');
  return { platform: 'linux', unavailableReason: null, linux: support, macos: null, notes };
}

async function probeMacos(options: ProbeOptions, env: NodeJS.ProcessEnv): Promise<SandboxCapabilities> {
  try {
    await access(SANDBOX_EXEC, constants.X_OK);
  } catch {
    return {
      platform: 'darwin',
      unavailableReason: `${SANDBOX_EXEC} is missing, so commands cannot be sandboxed: each command needs your approval.`,
      linux: null,
      macos: null,
      notes: ['Nothing is enforced until sandbox-exec is available.'],
    };
  }
  const { maskedDirs, maskedFiles } = await hiddenPaths(env, options.dataDir);
  return {
    platform: 'darwin',
    unavailableReason: null,
    linux: null,
    macos: { sandboxExecPath: SANDBOX_EXEC, maskedPaths: [...maskedDirs, ...maskedFiles] },
    notes: [
      'macOS: a Seatbelt profile (sandbox-exec) denies everything by default; reads are allowed except credentials and Tandem data; writes only in the workspace roots (not .git or .tandem) and the thread temp dir.',
      'Network: closed unless allowed; Unix sockets stay closed either way (except DNS when the network is on).',
    ],
  };
}

/** Existing credential paths (real paths) plus Tandem's data dir and a runtime dir outside /run. */
async function hiddenPaths(env: NodeJS.ProcessEnv, dataDir: string | undefined): Promise<{ maskedDirs: string[]; maskedFiles: string[] }> {
  const maskedDirs: string[] = [];
  const maskedFiles: string[] = [];
  const home = env.HOME ?? os.homedir();
  const addIfExists = async (p: string, kind: 'dir' | 'file') => {
    const real = await realpath(p).catch(() => null);
    if (!real) return;
    const stats = await lstat(real);
    if (kind === 'dir' && stats.isDirectory() && !maskedDirs.includes(real)) maskedDirs.push(real);
    if (kind === 'file' && stats.isFile() && !maskedFiles.includes(real)) maskedFiles.push(real);
  };
  for (const dir of CREDENTIAL_DIRS) await addIfExists(path.join(home, dir), 'dir');
  for (const file of CREDENTIAL_FILES) await addIfExists(path.join(home, file), 'file');
  if (dataDir) await addIfExists(dataDir, 'dir');
  const runtimeDir = env.XDG_RUNTIME_DIR;
  if (runtimeDir && !isInside('/run', runtimeDir)) await addIfExists(runtimeDir, 'dir');
  return { maskedDirs, maskedFiles };
}

/** Runs `sh -c 'exit 0'` in a sandbox built exactly as commands will be. */
async function tryBwrap(support: LinuxSandboxSupport): Promise<{ ok: boolean; code: number | string | null; stderr: string }> {
  const { file, args } = linuxSandboxCommand({
    argv: ['/bin/sh', '-c', 'exit 0'],
    cwd: '/',
    mode: 'read-only',
    writableRoots: [],
    tmpDir: null,
    network: false,
    support,
  });
  return new Promise((resolve) => {
    execFile(file, args, { timeout: TRIAL_TIMEOUT_MS }, (error, _stdout, stderr) => {
      const code = error ? ((error as NodeJS.ErrnoException).code ?? null) : 0;
      resolve({ ok: !error, code, stderr: String(stderr) || (error ? error.message : '') });
    });
  });
}

/** Writes the filter once, named by its content, so a running sandbox never sees a half-written file. */
async function writeFilter(stateDir: string, arch: string, filter: Uint8Array): Promise<string> {
  await mkdir(stateDir, { recursive: true, mode: 0o700 });
  const hash = createHash('sha256').update(filter).digest('hex').slice(0, 12);
  const target = path.join(stateDir, `seccomp-${arch}-${hash}.bpf`);
  const existing = await readFile(target).catch(() => null);
  if (existing && Buffer.compare(existing, Buffer.from(filter)) === 0) return target;
  const temp = `${target}.${process.pid}.tmp`;
  await writeFile(temp, filter, { mode: 0o600 });
  await rename(temp, target);
  return target;
}

/** The first executable `name` on PATH, or null. */
export async function findOnPath(name: string, searchPath: string | undefined): Promise<string | null> {
  for (const dir of (searchPath ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      await access(candidate, constants.X_OK);
      if ((await lstat(await realpath(candidate))).isFile()) return candidate;
    } catch {
      // Not here.
    }
  }
  return null;
}
