import { describe, expect, it } from 'vitest';
import { planSandboxedCommand, type SandboxCapabilities, type SandboxPlanInput, type WritableRoot } from '../../../../electron/core/agent/sandbox';

const linuxCaps = (overrides: Partial<NonNullable<SandboxCapabilities['linux']>> = {}): SandboxCapabilities => ({
  platform: 'linux',
  unavailableReason: null,
  linux: {
    bwrapPath: '/usr/bin/bwrap',
    disableUserns: true,
    seccompFilterPath: null,
    maskedDirs: [],
    maskedFiles: [],
    resolvConfTarget: '/etc/resolv.conf',
    ...overrides,
  },
  macos: null,
  notes: ['linux notes'],
});

const roots: WritableRoot[] = [{ root: '/home/ann/project', readOnlySubpaths: ['/home/ann/project/.git', '/home/ann/project/.tandem'] }];

const input = (overrides: Partial<SandboxPlanInput> = {}): SandboxPlanInput => ({
  command: 'npm test',
  cwd: '/home/ann/project',
  mode: 'workspace-write',
  writableRoots: roots,
  tmpDir: '/home/ann/.config/Tandem/sandbox/tmp/t1',
  network: false,
  capabilities: linuxCaps(),
  env: { PATH: '/usr/bin:/bin', HOME: '/home/ann' },
  ...overrides,
});

const COMMON_HEAD = ['--new-session', '--die-with-parent', '--unshare-all', '--unshare-user', '--disable-userns'];

describe('planSandboxedCommand on Linux', () => {
  it('workspace-write: root writable, .git and .tandem read-only, the thread tmp as /tmp, no network', () => {
    const plan = planSandboxedCommand(input());
    expect(plan.file).toBe('/usr/bin/bwrap');
    expect(plan.args).toEqual([
      ...COMMON_HEAD,
      '--cap-drop', 'ALL',
      '--ro-bind', '/', '/',
      '--dev', '/dev',
      '--proc', '/proc',
      '--tmpfs', '/run',
      '--bind', '/home/ann/.config/Tandem/sandbox/tmp/t1', '/tmp',
      '--bind', '/home/ann/project', '/home/ann/project',
      '--ro-bind', '/home/ann/project/.git', '/home/ann/project/.git',
      '--ro-bind', '/home/ann/project/.tandem', '/home/ann/project/.tandem',
      '--chdir', '/home/ann/project',
      '--', 'bash', '-c', 'npm test',
    ]);
    expect(plan.enforced).toBe(true);
    expect(plan.cwd).toBe('/home/ann/project');
    expect(plan.env).toMatchObject({ TANDEM_SANDBOX: 'workspace-write', TANDEM_SANDBOX_NETWORK_DISABLED: '1', TMPDIR: '/tmp', PATH: '/usr/bin:/bin' });
  });

  it('read-only: the roots are mounted read-only and /tmp is an empty tmpfs', () => {
    const plan = planSandboxedCommand(input({ mode: 'read-only', command: ['ls', '-la'] }));
    expect(plan.args).toEqual([
      ...COMMON_HEAD,
      '--cap-drop', 'ALL',
      '--ro-bind', '/', '/',
      '--dev', '/dev',
      '--proc', '/proc',
      '--tmpfs', '/run',
      '--tmpfs', '/tmp',
      '--ro-bind', '/home/ann/project', '/home/ann/project',
      '--chdir', '/home/ann/project',
      '--', 'ls', '-la',
    ]);
    expect(plan.env.TANDEM_SANDBOX).toBe('read-only');
  });

  it('network on: shares the network and shows resolv.conf again when it lives under /run', () => {
    const plan = planSandboxedCommand(input({ network: true, capabilities: linuxCaps({ resolvConfTarget: '/run/systemd/resolve/stub-resolv.conf' }) }));
    expect(plan.args.slice(0, 8)).toEqual([...COMMON_HEAD, '--share-net', '--cap-drop', 'ALL']);
    const run = plan.args.indexOf('/run');
    expect(plan.args.slice(run - 1, run + 4)).toEqual(['--tmpfs', '/run', '--ro-bind', '/run/systemd/resolve/stub-resolv.conf', '/run/systemd/resolve/stub-resolv.conf']);
    expect(plan.env.TANDEM_SANDBOX_NETWORK_DISABLED).toBeUndefined();
    expect(plan.network).toBe(true);
  });

  it('network off never re-binds resolv.conf', () => {
    const plan = planSandboxedCommand(input({ capabilities: linuxCaps({ resolvConfTarget: '/run/systemd/resolve/stub-resolv.conf' }) }));
    expect(plan.args).not.toContain('/run/systemd/resolve/stub-resolv.conf');
    expect(plan.args).not.toContain('--share-net');
  });

  it('with a seccomp filter: /bin/sh opens it on fd 9 and execs bwrap with --seccomp 9', () => {
    const plan = planSandboxedCommand(input({ capabilities: linuxCaps({ seccompFilterPath: '/data/sandbox/seccomp-x64-abc.bpf' }) }));
    expect(plan.file).toBe('/bin/sh');
    expect(plan.args.slice(0, 5)).toEqual(['-c', 'exec 9<"$1" && shift && exec "$@"', 'tandem-sandbox', '/data/sandbox/seccomp-x64-abc.bpf', '/usr/bin/bwrap']);
    expect(plan.args.slice(-6)).toEqual(['--seccomp', '9', '--', 'bash', '-c', 'npm test']);
  });

  it('an old bwrap without --disable-userns', () => {
    const plan = planSandboxedCommand(input({ capabilities: linuxCaps({ disableUserns: false }) }));
    expect(plan.args).not.toContain('--disable-userns');
  });

  it('hides credentials and the data dir; a hidden folder holding a root goes before the roots, one inside a root after', () => {
    const caps = linuxCaps({
      maskedDirs: ['/home/ann/.ssh', '/home/ann/.config/Tandem', '/home/ann/project/.aws'],
      maskedFiles: ['/home/ann/.netrc'],
    });
    const worktree: WritableRoot = { root: '/home/ann/.config/Tandem/worktrees/t1', readOnlySubpaths: ['/home/ann/.config/Tandem/worktrees/t1/.git'] };
    const plan = planSandboxedCommand(input({ capabilities: caps, writableRoots: [...roots, worktree] }));
    const tail = plan.args.slice(plan.args.indexOf('/tmp') + 1);
    expect(tail).toEqual([
      '--tmpfs', '/home/ann/.ssh',
      '--tmpfs', '/home/ann/.config/Tandem',
      '--ro-bind', '/dev/null', '/home/ann/.netrc',
      '--bind', '/home/ann/project', '/home/ann/project',
      '--ro-bind', '/home/ann/project/.git', '/home/ann/project/.git',
      '--ro-bind', '/home/ann/project/.tandem', '/home/ann/project/.tandem',
      '--bind', '/home/ann/.config/Tandem/worktrees/t1', '/home/ann/.config/Tandem/worktrees/t1',
      '--ro-bind', '/home/ann/.config/Tandem/worktrees/t1/.git', '/home/ann/.config/Tandem/worktrees/t1/.git',
      '--tmpfs', '/home/ann/project/.aws',
      '--chdir', '/home/ann/project',
      '--', 'bash', '-c', 'npm test',
    ]);
  });

  it('workspace-write without a thread tmp dir gets an empty /tmp', () => {
    const plan = planSandboxedCommand(input({ tmpDir: null }));
    expect(plan.args).toContain('/tmp');
    expect(plan.args[plan.args.indexOf('/tmp') - 1]).toBe('--tmpfs');
  });

  it('drops secrets from the environment of sandboxed commands only', () => {
    const env = { PATH: '/bin', OPENAI_API_KEY: 'sk-1', GITHUB_TOKEN: 'ghp', AWS_SECRET_ACCESS_KEY: 'x', DB_PASSWORD: 'p', EDITOR: 'vim' };
    const sandboxed = planSandboxedCommand(input({ env }));
    expect(Object.keys(sandboxed.env).sort()).toEqual(['EDITOR', 'PATH', 'TANDEM_SANDBOX', 'TANDEM_SANDBOX_NETWORK_DISABLED', 'TMPDIR']);
    const full = planSandboxedCommand(input({ env, mode: 'danger-full-access' }));
    expect(full.env).toEqual(env);
  });

  it('danger-full-access runs the command directly', () => {
    const plan = planSandboxedCommand(input({ mode: 'danger-full-access', command: ['git', 'push'] }));
    expect(plan).toMatchObject({ file: 'git', args: ['push'], enforced: true, mode: 'danger-full-access', network: true });
  });

  it('a custom shell runs the script', () => {
    const plan = planSandboxedCommand(input({ mode: 'danger-full-access', shell: '/bin/zsh' }));
    expect([plan.file, ...plan.args]).toEqual(['/bin/zsh', '-c', 'npm test']);
  });

  it('no sandbox available: runs directly, enforced false, with the reason', () => {
    const caps: SandboxCapabilities = { platform: 'linux', unavailableReason: 'bubblewrap (bwrap) is not installed', linux: null, macos: null, notes: [] };
    const plan = planSandboxedCommand(input({ capabilities: caps }));
    expect(plan).toMatchObject({ file: 'bash', args: ['-c', 'npm test'], enforced: false });
    expect(plan.notes[0]).toBe('bubblewrap (bwrap) is not installed');
    expect(plan.env.TANDEM_SANDBOX).toBeUndefined();
  });

  it('refuses an empty command', () => {
    expect(() => planSandboxedCommand(input({ command: [] }))).toThrow('There is no command to run.');
  });
});

describe('planSandboxedCommand on macOS and Windows', () => {
  const macCaps: SandboxCapabilities = {
    platform: 'darwin',
    unavailableReason: null,
    linux: null,
    macos: { sandboxExecPath: '/usr/bin/sandbox-exec', maskedPaths: [] },
    notes: [],
  };

  it('macOS: sandbox-exec with the profile and the paths as parameters', () => {
    const plan = planSandboxedCommand(input({ capabilities: macCaps, tmpDir: '/private/var/t1' }));
    expect(plan.file).toBe('/usr/bin/sandbox-exec');
    expect(plan.args[0]).toBe('-p');
    expect(plan.args[1]).toContain('(deny default)');
    expect(plan.args.slice(2)).toEqual([
      '-DWRITABLE_ROOT_0=/home/ann/project',
      '-DWRITABLE_ROOT_0_RO_0=/home/ann/project/.git',
      '-DWRITABLE_ROOT_0_RO_1=/home/ann/project/.tandem',
      '-DTHREAD_TMPDIR=/private/var/t1',
      '--',
      'bash',
      '-c',
      'npm test',
    ]);
    expect(plan.env.TMPDIR).toBe('/private/var/t1');
    expect(plan.enforced).toBe(true);
  });

  it('Windows: cmd.exe, verbatim, and not enforced', () => {
    const caps: SandboxCapabilities = { platform: 'win32', unavailableReason: 'Tandem has no sandbox on Windows', linux: null, macos: null, notes: [] };
    const plan = planSandboxedCommand(input({ capabilities: caps, cwd: 'C:\\work' }));
    expect(plan).toMatchObject({ file: 'cmd.exe', args: ['/d', '/s', '/c', '"npm test"'], windowsVerbatimArguments: true, enforced: false });
  });
});
