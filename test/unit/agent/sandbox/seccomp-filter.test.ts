// The seccomp program is run here through a small classic-BPF interpreter (the subset the kernel
// accepts for seccomp that the filter uses), so its verdicts are checked, not just its bytes.
import { describe, expect, it } from 'vitest';
import { buildSeccompFilter } from '../../../../electron/core/agent/sandbox';

const ALLOW = 0x7fff0000;
const EPERM = 0x00050001;
const KILL = 0x80000000;

const X86_64 = 0xc000003e;
const AARCH64 = 0xc00000b7;
const I386 = 0x40000003;

interface Call {
  arch: number;
  nr: number;
  args?: number[];
}

/** Runs the filter on a syscall as the kernel would (seccomp_data, little-endian). */
function run(filter: Uint8Array, call: Call): number {
  const data = new DataView(new ArrayBuffer(64));
  data.setInt32(0, call.nr, true);
  data.setUint32(4, call.arch, true);
  (call.args ?? []).forEach((arg, i) => data.setUint32(16 + 8 * i, arg >>> 0, true));
  const program = new DataView(filter.buffer, filter.byteOffset, filter.byteLength);
  const count = filter.byteLength / 8;
  let pc = 0;
  let accumulator = 0;
  for (let steps = 0; steps < 1000; steps += 1) {
    if (pc >= count) throw new Error('fell off the end of the program');
    const code = program.getUint16(pc * 8, true);
    const jt = program.getUint8(pc * 8 + 2);
    const jf = program.getUint8(pc * 8 + 3);
    const k = program.getUint32(pc * 8 + 4, true);
    switch (code) {
      case 0x20: // ld [k]
        accumulator = data.getUint32(k, true);
        pc += 1;
        break;
      case 0x15: // jeq #k
        pc += 1 + (accumulator === k ? jt : jf);
        break;
      case 0x35: // jge #k
        pc += 1 + (accumulator >>> 0 >= k ? jt : jf);
        break;
      case 0x06: // ret #k
        return k;
      default:
        throw new Error(`unexpected opcode 0x${code.toString(16)}`);
    }
  }
  throw new Error('no verdict');
}

describe('the seccomp filter', () => {
  const x64 = buildSeccompFilter('x64')!;
  const arm64 = buildSeccompFilter('arm64')!;

  it('is a whole number of 8-byte instructions, within the kernel limit', () => {
    expect(x64.byteLength % 8).toBe(0);
    expect(x64.byteLength / 8).toBeLessThan(4096);
  });

  it('refuses Unix sockets but allows IP, IPv6 and netlink sockets (x86-64: socket = 41)', () => {
    expect(run(x64, { arch: X86_64, nr: 41, args: [1, 1, 0] })).toBe(EPERM); // AF_UNIX
    expect(run(x64, { arch: X86_64, nr: 41, args: [2, 1, 0] })).toBe(ALLOW); // AF_INET
    expect(run(x64, { arch: X86_64, nr: 41, args: [10, 2, 0] })).toBe(ALLOW); // AF_INET6
    expect(run(x64, { arch: X86_64, nr: 41, args: [16, 3, 0] })).toBe(ALLOW); // AF_NETLINK
    expect(run(x64, { arch: X86_64, nr: 41, args: [40, 1, 0] })).toBe(EPERM); // AF_VSOCK
    expect(run(x64, { arch: X86_64, nr: 41, args: [17, 3, 0] })).toBe(EPERM); // AF_PACKET
  });

  it('leaves socketpair, read, write, open alone', () => {
    for (const nr of [53 /* socketpair */, 0, 1, 2, 257, 59 /* execve */, 42 /* connect */]) {
      expect(run(x64, { arch: X86_64, nr, args: [1, 1, 0] })).toBe(ALLOW);
    }
  });

  it('refuses TIOCSTI and TIOCLINUX but allows other ioctls', () => {
    expect(run(x64, { arch: X86_64, nr: 16, args: [0, 0x5412] })).toBe(EPERM);
    expect(run(x64, { arch: X86_64, nr: 16, args: [0, 0x541c] })).toBe(EPERM);
    expect(run(x64, { arch: X86_64, nr: 16, args: [0, 0x5401 /* TCGETS */] })).toBe(ALLOW);
  });

  it('refuses the kernel keyring', () => {
    for (const nr of [248, 249, 250]) expect(run(x64, { arch: X86_64, nr })).toBe(EPERM);
  });

  it('kills 32-bit and x32 calls that would dodge the checks', () => {
    expect(run(x64, { arch: I386, nr: 102 /* socketcall */ })).toBe(KILL);
    expect(run(x64, { arch: X86_64, nr: 0x40000000 + 41, args: [1] })).toBe(KILL);
  });

  it('uses the arm64 numbers on arm64', () => {
    expect(run(arm64, { arch: AARCH64, nr: 198, args: [1] })).toBe(EPERM);
    expect(run(arm64, { arch: AARCH64, nr: 198, args: [2] })).toBe(ALLOW);
    expect(run(arm64, { arch: AARCH64, nr: 29, args: [0, 0x5412] })).toBe(EPERM);
    expect(run(arm64, { arch: AARCH64, nr: 41 /* not socket on arm64 */, args: [1] })).toBe(ALLOW);
    expect(run(arm64, { arch: X86_64, nr: 41 })).toBe(KILL);
  });

  it('has no filter for other CPUs', () => {
    expect(buildSeccompFilter('ia32')).toBeNull();
    expect(buildSeccompFilter('riscv64')).toBeNull();
  });
});
