// The macOS profile cannot run here; its text is checked rule by rule.
import { describe, expect, it } from 'vitest';
import { seatbeltProfile, type SeatbeltInput } from '../../../../electron/core/agent/sandbox/macos-seatbelt';

const base: SeatbeltInput = {
  argv: ['bash', '-c', 'make'],
  mode: 'workspace-write',
  writableRoots: [
    { root: '/Users/ann/app', readOnlySubpaths: ['/Users/ann/app/.git', '/Users/ann/app/.tandem'] },
    { root: '/Users/ann/lib', readOnlySubpaths: [] },
  ],
  tmpDir: '/private/var/folders/xy/T/tandem-t1',
  network: false,
  support: { sandboxExecPath: '/usr/bin/sandbox-exec', maskedPaths: ['/Users/ann/.ssh', '/Users/ann/Library/Application Support/Tandem'] },
};

describe('seatbeltProfile', () => {
  it('workspace-write: closed by default, reads allowed, writes only in the roots minus .git/.tandem and the thread tmp', () => {
    const { profile, params } = seatbeltProfile(base);
    expect(profile.startsWith('(version 1)\n(deny default)\n')).toBe(true);
    expect(profile).toContain('(allow file-read*)\n');
    expect(profile).toContain(
      [
        '(allow file-write*',
        '  (require-all (subpath (param "WRITABLE_ROOT_0")) (require-not (subpath (param "WRITABLE_ROOT_0_RO_0"))) (require-not (subpath (param "WRITABLE_ROOT_0_RO_1"))))',
        '  (subpath (param "WRITABLE_ROOT_1"))',
        '  (subpath (param "THREAD_TMPDIR")))',
      ].join('\n'),
    );
    expect(params).toEqual([
      ['MASKED_0', '/Users/ann/.ssh'],
      ['MASKED_1', '/Users/ann/Library/Application Support/Tandem'],
      ['WRITABLE_ROOT_0', '/Users/ann/app'],
      ['WRITABLE_ROOT_0_RO_0', '/Users/ann/app/.git'],
      ['WRITABLE_ROOT_0_RO_1', '/Users/ann/app/.tandem'],
      ['WRITABLE_ROOT_1', '/Users/ann/lib'],
      ['THREAD_TMPDIR', '/private/var/folders/xy/T/tandem-t1'],
    ]);
    expect(profile).not.toContain('network-outbound');
  });

  it('never puts a path into the profile text', () => {
    const { profile } = seatbeltProfile({ ...base, writableRoots: [{ root: '/Users/ann/we"ird) (allow default', readOnlySubpaths: [] }] });
    expect(profile).not.toContain('we"ird');
    expect(profile).not.toContain('/Users/');
  });

  it('masks credentials after the broad read allowance (the last matching rule wins)', () => {
    const { profile } = seatbeltProfile(base);
    const read = profile.indexOf('(allow file-read*)');
    const mask = profile.indexOf('(deny file-read* file-write*\n  (subpath (param "MASKED_0"))\n  (subpath (param "MASKED_1")))');
    expect(read).toBeGreaterThan(-1);
    expect(mask).toBeGreaterThan(read);
  });

  it('a masked folder inside a root is denied after the write allowance', () => {
    const { profile } = seatbeltProfile({ ...base, support: { ...base.support, maskedPaths: ['/Users/ann/app/.aws'] } });
    expect(profile.indexOf('(deny file-read* file-write*\n  (subpath (param "MASKED_0")))')).toBeGreaterThan(profile.indexOf('(allow file-write*'));
  });

  it('read-only: no write allowance at all besides /dev/null and ttys', () => {
    const { profile, params } = seatbeltProfile({ ...base, mode: 'read-only' });
    expect(profile).not.toContain('(allow file-write*\n');
    expect(params.map(([name]) => name)).toEqual(['MASKED_0', 'MASKED_1']);
    expect(profile).toContain('(allow file-write-data (literal "/dev/null") (literal "/dev/zero"))');
  });

  it('network on: IP sockets and DNS, but no other Unix sockets', () => {
    const { profile } = seatbeltProfile({ ...base, network: true });
    expect(profile).toContain('(allow network-outbound (remote ip))');
    expect(profile).toContain('(allow network-outbound (literal "/private/var/run/mDNSResponder"))');
    expect(profile).not.toMatch(/\(allow network\*|\(allow network-outbound\)/);
  });

  it('parentheses balance', () => {
    for (const input of [base, { ...base, network: true }, { ...base, mode: 'read-only' as const }]) {
      const { profile } = seatbeltProfile(input);
      const withoutStrings = profile.replace(/"(?:[^"\\]|\\.)*"/g, '""').replace(/;[^\n]*/g, '');
      let depth = 0;
      for (const c of withoutStrings) {
        if (c === '(') depth += 1;
        if (c === ')') depth -= 1;
        expect(depth).toBeGreaterThanOrEqual(0);
      }
      expect(depth).toBe(0);
    }
  });
});
