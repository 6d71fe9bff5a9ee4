/*
 * The Seatbelt (sandbox-exec) profile for a sandboxed command on macOS. Pure and unit-tested as text;
 * it can only run on a Mac.
 *
 * Paths never appear in the profile itself: they are passed as `-DNAME=value` parameters and read with
 * `(param "NAME")`, so a folder name with quotes or parentheses cannot change the policy.
 * In SBPL the last matching rule wins, so the masks (denied reads) follow the broad read allowance and
 * each root's read-only parts are carved out of its write allowance with `require-not`.
 */
import { isInside } from '../apply-patch';
import type { MacosSandboxSupport, WritableRoot } from './types';

export interface SeatbeltInput {
  argv: readonly string[];
  mode: 'read-only' | 'workspace-write';
  writableRoots: readonly WritableRoot[];
  tmpDir: string | null;
  network: boolean;
  support: MacosSandboxSupport;
}

/** The fixed part: closed by default, then what ordinary command-line programs need to run at all. */
const BASE_PROFILE = `(version 1)
(deny default)

; Children inherit the sandbox; they may signal and inspect only each other.
(allow process-exec)
(allow process-fork)
(allow signal (target same-sandbox))
(allow process-info* (target same-sandbox))

; What libc, Node and Python ask of the system to start.
(allow user-preference-read)
(allow mach-host*)
(allow sysctl-read)
(allow ipc-posix-sem)
(allow mach-lookup
  (global-name "com.apple.system.opendirectoryd.libinfo")
  (global-name "com.apple.PowerManagement.control"))

; Terminals: openpty() and the pty the command may run in.
(allow pseudo-tty)
(allow file-read* file-write* file-ioctl (literal "/dev/ptmx"))
(allow file-read* file-write* file-ioctl (regex #"^/dev/ttys[0-9]+$"))
(allow file-write-data (literal "/dev/null") (literal "/dev/zero"))

; Reading is allowed everywhere but the masked paths below.
(allow file-read*)
`;

/** Network: IP only. Unix sockets (other programs' daemons) stay closed, except the DNS resolver's. */
const NETWORK_PROFILE = `
; Network (asked for): IP sockets, DNS through mDNSResponder, TLS trust evaluation.
(allow network-outbound (remote ip))
(allow network-inbound (local ip))
(allow network-bind (local ip))
(allow system-socket)
(allow network-outbound (literal "/private/var/run/mDNSResponder"))
(allow mach-lookup
  (global-name "com.apple.SystemConfiguration.configd")
  (global-name "com.apple.SystemConfiguration.DNSConfiguration")
  (global-name "com.apple.trustd.agent")
  (global-name "com.apple.networkd"))
`;

export interface SeatbeltProfile {
  profile: string;
  /** `-DNAME=value` parameters, in order. */
  params: Array<[name: string, value: string]>;
}

export function seatbeltProfile(input: SeatbeltInput): SeatbeltProfile {
  const params: Array<[string, string]> = [];
  const param = (name: string, value: string) => {
    params.push([name, value]);
    return `(param "${name}")`;
  };

  let profile = BASE_PROFILE;

  // As on Linux: a masked folder holding a root is denied before the roots are allowed, one inside a
  // root after them.
  const insideARoot = (p: string) => input.writableRoots.some((root) => root.root !== p && isInside(root.root, p));
  const maskRule = (inRoots: boolean) => {
    const masks = input.support.maskedPaths
      .map((p, i) => ({ p, i }))
      .filter(({ p }) => insideARoot(p) === inRoots)
      .map(({ p, i }) => `(subpath ${param(`MASKED_${i}`, p)})`);
    return masks.length > 0 ? `(deny file-read* file-write*\n  ${masks.join('\n  ')})\n` : '';
  };
  profile += maskRule(false);

  if (input.mode === 'workspace-write') {
    const writable: string[] = input.writableRoots.map((root, i) => {
      const rootRule = `(subpath ${param(`WRITABLE_ROOT_${i}`, root.root)})`;
      if (root.readOnlySubpaths.length === 0) return rootRule;
      const carved = root.readOnlySubpaths.map((p, j) => `(require-not (subpath ${param(`WRITABLE_ROOT_${i}_RO_${j}`, p)}))`);
      return `(require-all ${rootRule} ${carved.join(' ')})`;
    });
    if (input.tmpDir) writable.push(`(subpath ${param('THREAD_TMPDIR', input.tmpDir)})`);
    if (writable.length > 0) profile += `\n; Writable: the workspace roots (minus their read-only parts) and the thread's temp dir.\n(allow file-write*\n  ${writable.join('\n  ')})\n`;
  }

  profile += maskRule(true);
  if (input.network) profile += NETWORK_PROFILE;
  return { profile, params };
}

export function macosSandboxCommand(input: SeatbeltInput): { file: string; args: string[] } {
  const { profile, params } = seatbeltProfile(input);
  return {
    file: input.support.sandboxExecPath,
    args: ['-p', profile, ...params.map(([name, value]) => `-D${name}=${value}`), '--', ...input.argv],
  };
}
