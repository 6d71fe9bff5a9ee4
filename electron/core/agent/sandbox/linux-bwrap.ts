/*
 * The bubblewrap command line for a sandboxed command on Linux. Pure: every fact about the host comes
 * in through `support` (found once by probe.ts), so the exact arguments are unit-tested.
 *
 * Mount order matters — bwrap applies its options left to right, and a later mount hides what an
 * earlier one put beneath it:
 *   1. the whole filesystem read-only, a fresh /dev and /proc;
 *   2. /run and /tmp replaced (they hold other programs' Unix sockets — D-Bus, tmux, X11, ssh-agent —
 *      and their private files); /tmp becomes the thread's temp dir;
 *   3. credential folders and Tandem's own data hidden;
 *   4. the workspace roots mounted again on top (writable in workspace-write), so a root under /tmp or
 *      inside a hidden folder is still there;
 *   5. each root's read-only parts (`.git`, `.tandem`) mounted read-only over it, and any hidden
 *      folder that lies inside a root hidden again.
 */
import { isInside } from '../apply-patch';
import type { LinuxSandboxSupport, WritableRoot } from './types';

export interface BwrapArgsInput {
  argv: readonly string[];
  cwd: string;
  mode: 'read-only' | 'workspace-write';
  writableRoots: readonly WritableRoot[];
  tmpDir: string | null;
  network: boolean;
  support: LinuxSandboxSupport;
}

/** The file descriptor the seccomp filter is opened on for bwrap (see {@link linuxSandboxCommand}). */
export const SECCOMP_FD = 9;

export function bwrapArgs(input: BwrapArgsInput): string[] {
  const { support } = input;
  const args: string[] = ['--new-session', '--die-with-parent'];

  // Namespaces: everything bwrap can unshare (user, ipc, pid, net, uts, cgroup); the network is
  // shared back only when asked for. --cap-drop ALL matters when Tandem runs as root: without it the
  // command would keep every capability inside its user namespace and could unmount the sandbox.
  args.push('--unshare-all', '--unshare-user');
  if (support.disableUserns) args.push('--disable-userns');
  if (input.network) args.push('--share-net');
  args.push('--cap-drop', 'ALL');

  args.push('--ro-bind', '/', '/', '--dev', '/dev', '--proc', '/proc');
  args.push('--tmpfs', '/run');
  if (input.network && support.resolvConfTarget && isInside('/run', support.resolvConfTarget)) {
    args.push('--ro-bind', support.resolvConfTarget, support.resolvConfTarget);
  }
  if (input.mode === 'workspace-write' && input.tmpDir) args.push('--bind', input.tmpDir, '/tmp');
  else args.push('--tmpfs', '/tmp');

  // A hidden folder that holds a root (a worktree under Tandem's data dir) is hidden before the roots
  // are mounted; one inside a root (credentials in a workspace that is the home folder) after.
  const insideARoot = (p: string) => input.writableRoots.some((root) => isInside(root.root, p) && root.root !== p);
  const mask = (inRoots: boolean) => {
    for (const dir of support.maskedDirs) if (insideARoot(dir) === inRoots) args.push('--tmpfs', dir);
    for (const file of support.maskedFiles) if (insideARoot(file) === inRoots) args.push('--ro-bind', '/dev/null', file);
  };
  mask(false);

  const bind = input.mode === 'workspace-write' ? '--bind' : '--ro-bind';
  for (const root of input.writableRoots) {
    args.push(bind, root.root, root.root);
    if (input.mode === 'workspace-write') {
      for (const readOnly of root.readOnlySubpaths) args.push('--ro-bind', readOnly, readOnly);
    }
  }
  mask(true);

  args.push('--chdir', input.cwd);
  if (support.seccompFilterPath) args.push('--seccomp', String(SECCOMP_FD));
  args.push('--', ...input.argv);
  return args;
}

/**
 * The file and arguments to spawn. bwrap reads the seccomp filter from an open file descriptor; a
 * plain spawner (or a pty) cannot hand one over, so `/bin/sh` opens the filter file on fd 9 and then
 * execs bwrap, which reads it, closes it and loads it into the sandboxed process.
 */
export function linuxSandboxCommand(input: BwrapArgsInput): { file: string; args: string[] } {
  const args = bwrapArgs(input);
  const filter = input.support.seccompFilterPath;
  if (!filter) return { file: input.support.bwrapPath, args };
  return {
    file: '/bin/sh',
    args: ['-c', `exec ${SECCOMP_FD}<"$1" && shift && exec "$@"`, 'tandem-sandbox', filter, input.support.bwrapPath, ...args],
  };
}
