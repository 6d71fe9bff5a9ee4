/**
 * Bad input gets a clear state or a clear error, never a crash or a leak: writes to a dead shell,
 * 0×0 and absurd sizes, bytes that are not UTF-8, thousands of tiny writes, missing shells and folders.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { methods, TERMINAL_LIMITS } from '../../../shared/contract';
import { startHarness, type Harness } from './support/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterEach(() => {
  expect(h.problems).toEqual([]);
});
afterAll(async () => {
  await h?.dispose();
});

async function prompt(id: string) {
  await h.waitForPrompt(id);
}

describe('bad input', () => {
  test('writing to a shell that has exited is a clear error', async () => {
    const t = await h.create({ args: ['-c', 'exit 4'] });
    await h.waitForEvent('terminal.exit', (e) => e.id === t.id);
    expect(() => h.service.write(t.id, 'ls\r')).toThrow(expect.objectContaining({ code: 'conflict', message: expect.stringMatching(/exited with code 4/) }));
    expect(() => h.service.resize(t.id, 100, 40)).toThrow(expect.objectContaining({ code: 'conflict' }));
    expect(() => h.service.write('no-such-terminal', 'x')).toThrow(expect.objectContaining({ code: 'not_found' }));
  });

  test('0×0 and absurd sizes are clamped to valid ones and the shell sees them', async () => {
    const t = await h.create({ cols: 0, rows: 0 });
    expect([t.cols, t.rows]).toEqual([TERMINAL_LIMITS.minCols, TERMINAL_LIMITS.minRows]);
    expect(h.service.resize(t.id, 100_000, 100_000)).toMatchObject({ cols: TERMINAL_LIMITS.maxCols, rows: TERMINAL_LIMITS.maxRows });
    expect(h.service.resize(t.id, 0, 0)).toMatchObject({ cols: TERMINAL_LIMITS.minCols, rows: TERMINAL_LIMITS.minRows });
    h.service.resize(t.id, 91, 33);
    await prompt(t.id);
    h.service.write(t.id, 'stty size\r');
    await h.waitForOutput(t.id, (o) => o.includes('33 91\r\n'));
    // The contract refuses what is not a size at all.
    const resize = methods['terminal.resize'].input;
    expect(resize.safeParse({ id: t.id, cols: -1, rows: 10 }).success).toBe(false);
    expect(resize.safeParse({ id: t.id, cols: 1.5, rows: 10 }).success).toBe(false);
    expect(resize.safeParse({ id: t.id, cols: 1e9, rows: 10 }).success).toBe(false);
    h.service.close(t.id);
  });

  test('bytes that are not UTF-8 become U+FFFD; chars split across reads arrive whole', async () => {
    const t = await h.create({ args: ['-c', String.raw`printf 'bad:\xff\xfe\xc3(end)\n'; printf '\xe2\x82'; sleep 0.2; printf '\xac ok\n'; printf '\xf0\x9f'`] });
    await h.waitForEvent('terminal.exit', (e) => e.id === t.id);
    // \xc3 followed by "(" is an incomplete sequence; the trailing \xf0\x9f is cut off by the exit.
    expect(h.output(t.id)).toBe('bad:\ufffd\ufffd\ufffd(end)\r\n€ ok\r\n\ufffd');
  });

  test('thousands of tiny writes all arrive, in order', async () => {
    const t = await h.create();
    await prompt(t.id);
    h.service.write(t.id, 'echo count=');
    for (let i = 0; i < 5000; i++) h.service.write(t.id, String(i % 10));
    h.service.write(t.id, '\r');
    // The command's output holds every write, in order.
    const digits = Array.from({ length: 5000 }, (_, i) => String(i % 10)).join('');
    await h.waitForOutput(t.id, (o) => o.includes(`count=${digits}\r\n`));
    h.service.close(t.id);
  });

  test('a missing shell binary, a shell that is not executable, a bad cwd: clear errors', async () => {
    await expect(h.create({ shell: '/no/such/shell' })).rejects.toMatchObject({ code: 'invalid_input', message: 'Shell /no/such/shell does not exist.' });
    await expect(h.create({ shell: 'no-such-shell-xyz' })).rejects.toMatchObject({ message: 'Shell "no-such-shell-xyz" was not found on PATH.' });
    const notExec = path.join(h.home, 'not-exec.sh');
    fs.writeFileSync(notExec, 'echo hi\n', { mode: 0o644 });
    await expect(h.create({ shell: notExec })).rejects.toMatchObject({ message: `Shell ${notExec} is not executable.` });
    await expect(h.create({ cwd: '/no/such/dir' })).rejects.toMatchObject({ code: 'invalid_input', message: 'Working directory /no/such/dir does not exist.' });
    await expect(h.create({ cwd: notExec })).rejects.toMatchObject({ message: `Working directory ${notExec} is not a directory.` });
    // Nothing half-made is left behind.
    expect(h.service.list().filter((t) => t.status === 'running').length).toBe(0);
  });

  test('a shell that never exits is killed when its terminal is closed', async () => {
    const t = await h.create({ args: ['-c', "trap '' HUP TERM; while :; do sleep 0.1; done"] });
    expect(h.service.close(t.id)).toEqual({ closed: true });
    const deadline = Date.now() + 6_000;
    for (;;) {
      try {
        process.kill(t.pid!, 0);
      } catch {
        break;
      }
      if (Date.now() > deadline) throw new Error('the shell survived its terminal');
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(h.service.get(t.id)).toBeNull();
  });

  test('the contract bounds what a client can send', () => {
    const create = methods['terminal.create'].input;
    expect(create.safeParse({ env: { 'BAD NAME': 'x' } }).success).toBe(false);
    expect(create.safeParse({ args: Array(100).fill('-x') }).success).toBe(false);
    expect(create.safeParse({ owner: 'robot' }).success).toBe(false);
    expect(create.safeParse({ unknown: 1 }).success).toBe(false);
    expect(create.parse({})).toMatchObject({ cols: 80, rows: 24, owner: 'user' });
    const write = methods['terminal.write'].input;
    expect(write.safeParse({ id: 'x', data: 'a'.repeat(TERMINAL_LIMITS.maxWriteChars + 1) }).success).toBe(false);
    expect(write.safeParse({ id: 'x', data: '' }).success).toBe(false);
    expect(methods['terminal.ack'].input.safeParse({ id: 'x', chars: 0 }).success).toBe(false);
  });
});
