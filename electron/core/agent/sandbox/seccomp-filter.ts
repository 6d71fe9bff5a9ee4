/*
 * A small seccomp program (classic BPF) that bubblewrap loads with `--seccomp FD` before it runs the
 * command. Built here, byte by byte, so no compiler or native addon is needed at run time.
 *
 * What it refuses, with EPERM:
 *  - socket() for every address family but AF_INET, AF_INET6 and AF_NETLINK. AF_UNIX is the important
 *    one: a read-only bind of / still lets a process *connect* to a Unix socket it can see (the D-Bus
 *    session bus, tmux, docker.sock, an ssh ControlMaster, the X server's abstract socket when the
 *    network namespace is shared), and any of those runs code outside the sandbox. socketpair() stays
 *    allowed (pipes between a process and its children: Node, Python, make use it). Inside the network
 *    namespace AF_INET only reaches the sandbox's own loopback.
 *  - ioctl(TIOCSTI) and ioctl(TIOCLINUX): pushing keystrokes into a terminal.
 *  - add_key, request_key, keyctl: the kernel keyring is shared by all of the user's processes.
 * A process of another ABI (32-bit x86 on x86-64, x32) is killed: its syscall numbers differ and
 * would slip past the checks.
 */

// Classic BPF opcodes (linux/bpf_common.h).
const BPF_LD_W_ABS = 0x20;
const BPF_JMP_JEQ_K = 0x15;
const BPF_JMP_JGE_K = 0x35;
const BPF_RET_K = 0x06;

// Return values (linux/seccomp.h).
const SECCOMP_RET_KILL_PROCESS = 0x80000000;
const SECCOMP_RET_ERRNO = 0x00050000;
const SECCOMP_RET_ALLOW = 0x7fff0000;
const EPERM = 1;

// Offsets into struct seccomp_data { int nr; __u32 arch; __u64 instruction_pointer; __u64 args[6]; }.
const OFFSET_NR = 0;
const OFFSET_ARCH = 4;
/** Low 32 bits of args[i] (little-endian, the only byte order handled here). */
const argLow = (i: number) => 16 + 8 * i;

const AF_INET = 2;
const AF_INET6 = 10;
const AF_NETLINK = 16;
const TIOCSTI = 0x5412;
const TIOCLINUX = 0x541c;
/** x32 syscalls on x86-64 carry this bit. */
const X32_SYSCALL_BIT = 0x40000000;

interface ArchTable {
  auditArch: number;
  socket: number;
  ioctl: number;
  keySyscalls: number[];
  rejectX32: boolean;
}

/** Syscall numbers per CPU (asm/unistd_64.h on x86-64, asm-generic/unistd.h on arm64). */
const ARCHES: Record<string, ArchTable> = {
  x64: { auditArch: 0xc000003e, socket: 41, ioctl: 16, keySyscalls: [248, 249, 250], rejectX32: true },
  arm64: { auditArch: 0xc00000b7, socket: 198, ioctl: 29, keySyscalls: [217, 218, 219], rejectX32: false },
};

/** CPUs (Node's `process.arch` names) the filter is built for. */
export const SECCOMP_ARCHES = Object.keys(ARCHES);

type Target = 'allow' | 'deny' | 'kill';
type Label = Target | 'socket' | 'ioctl';
type Step =
  | { op: 'load'; offset: number }
  /** Jump to `to` when the accumulator equals (or is ≥) `value`, else fall through. */
  | { op: 'jeq' | 'jge'; value: number; to: Label }
  /** Fall through when equal, else jump to `to`. */
  | { op: 'jne'; value: number; to: Label }
  | { op: 'ret'; value: Target }
  | { op: 'label'; name: Label };

/** The filter for `arch` as bwrap reads it (an array of `struct sock_filter`), or null for a CPU not covered. */
export function buildSeccompFilter(arch: string = process.arch): Uint8Array | null {
  const table = ARCHES[arch];
  if (!table) return null;

  const program: Step[] = [
    { op: 'load', offset: OFFSET_ARCH },
    { op: 'jne', value: table.auditArch, to: 'kill' },
    { op: 'load', offset: OFFSET_NR },
  ];
  if (table.rejectX32) program.push({ op: 'jge', value: X32_SYSCALL_BIT, to: 'kill' });
  program.push({ op: 'jeq', value: table.socket, to: 'socket' });
  program.push({ op: 'jeq', value: table.ioctl, to: 'ioctl' });
  for (const nr of table.keySyscalls) program.push({ op: 'jeq', value: nr, to: 'deny' });
  program.push({ op: 'ret', value: 'allow' });

  program.push({ op: 'label', name: 'socket' }, { op: 'load', offset: argLow(0) });
  for (const family of [AF_INET, AF_INET6, AF_NETLINK]) program.push({ op: 'jeq', value: family, to: 'allow' });
  program.push({ op: 'ret', value: 'deny' });

  program.push({ op: 'label', name: 'ioctl' }, { op: 'load', offset: argLow(1) });
  for (const request of [TIOCSTI, TIOCLINUX]) program.push({ op: 'jeq', value: request, to: 'deny' });
  program.push({ op: 'ret', value: 'allow' });

  program.push({ op: 'label', name: 'allow' }, { op: 'ret', value: 'allow' });
  program.push({ op: 'label', name: 'deny' }, { op: 'ret', value: 'deny' });
  program.push({ op: 'label', name: 'kill' }, { op: 'ret', value: 'kill' });
  return assemble(program);
}

const RETURN_VALUES: Record<Target, number> = {
  allow: SECCOMP_RET_ALLOW,
  deny: SECCOMP_RET_ERRNO | EPERM,
  kill: SECCOMP_RET_KILL_PROCESS,
};

/** Two passes: place the labels, then emit 8-byte instructions with forward jump offsets. */
function assemble(program: readonly Step[]): Uint8Array {
  const labels = new Map<Label, number>();
  let count = 0;
  for (const step of program) {
    if (step.op === 'label') labels.set(step.name, count);
    else count += 1;
  }
  const out = new Uint8Array(count * 8);
  const view = new DataView(out.buffer);
  let at = 0;
  const emit = (code: number, jt: number, jf: number, k: number) => {
    view.setUint16(at * 8, code, true);
    view.setUint8(at * 8 + 2, jt);
    view.setUint8(at * 8 + 3, jf);
    view.setUint32(at * 8 + 4, k >>> 0, true);
    at += 1;
  };
  // Classic BPF jumps only forward, by at most 255 instructions.
  const offsetTo = (label: Label) => {
    const target = labels.get(label);
    if (target === undefined) throw new Error(`seccomp filter: no label ${label}`);
    const offset = target - (at + 1);
    if (offset < 0 || offset > 255) throw new Error(`seccomp filter: jump to ${label} out of range`);
    return offset;
  };
  for (const step of program) {
    switch (step.op) {
      case 'label':
        break;
      case 'load':
        emit(BPF_LD_W_ABS, 0, 0, step.offset);
        break;
      case 'jeq':
        emit(BPF_JMP_JEQ_K, offsetTo(step.to), 0, step.value);
        break;
      case 'jge':
        emit(BPF_JMP_JGE_K, offsetTo(step.to), 0, step.value);
        break;
      case 'jne':
        emit(BPF_JMP_JEQ_K, 0, offsetTo(step.to), step.value);
        break;
      case 'ret':
        emit(BPF_RET_K, 0, 0, RETURN_VALUES[step.value]);
        break;
    }
  }
  return out;
}
