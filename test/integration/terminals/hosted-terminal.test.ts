/**
 * One HostedTerminal (the pty host's per-shell object) driven directly, to pin down its exit
 * guarantees with flow control engaged from the first byte.
 */
import { expect, test } from 'vitest';
import type { TerminalExit } from '../../../shared/contract';
import { TERMINAL_FLOW } from '../../../shared/contract';
import { BATCH_MAX_CHARS } from '../../../electron/core/terminals/host/data-batcher';
import { HostedTerminal } from '../../../electron/core/terminals/host/hosted-terminal';

/** A shell whose one viewer has acknowledged nothing; `high` 0: it is behind from the first batch on. */
function run(command: string, flow: { highWatermarkChars: number; lowWatermarkChars: number } = TERMINAL_FLOW) {
  let out = '';
  let exit: TerminalExit | null = null;
  const t = new HostedTerminal(
    { id: 't', file: '/bin/bash', args: ['-c', command], cwd: '/tmp', env: { PATH: process.env.PATH ?? '/usr/bin:/bin' }, cols: 80, rows: 24, integration: { state: 'off', reason: null }, nonce: 'n', flow },
    { data: (d) => (out += d), exit: (e) => (exit = e), cwd: () => {}, integration: () => {}, command: () => {} },
  );
  t.setClientLimit(0);
  return {
    terminal: t,
    output: () => out,
    exited: async (timeoutMs: number) => {
      const deadline = Date.now() + timeoutMs;
      while (!exit) {
        if (Date.now() > deadline) return null;
        await new Promise((r) => setTimeout(r, 10));
      }
      return exit;
    },
  };
}

test('a shell that exits while its pty is stopped by flow control still delivers its last bytes', { timeout: 60_000 }, async () => {
  for (let i = 0; i < 10; i++) {
    // After the first batch nothing more is sent: a full batch is held, the pty stops being read, the
    // shell's last bytes wait in the kernel, and it exits. The exit watch must notice and drain before
    // node-pty tears the pty down.
    const r = run(`head -c ${BATCH_MAX_CHARS + 6_000} /dev/zero | tr '\\0' y; sleep 0.3; printf END-${i}`, { highWatermarkChars: 0, lowWatermarkChars: 0 });
    const exit = await r.exited(5_000);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(r.output().length).toBe(BATCH_MAX_CHARS + 6_000 + `END-${i}`.length);
    expect(r.output().endsWith(`END-${i}`)).toBe(true);
    r.terminal.dispose();
  }
});

test('a viewer that acks nothing gets at most the high watermark plus one batch; acking lets the rest through', async () => {
  const r = run(`head -c 900000 /dev/zero | tr '\\0' q; printf DONE`);
  await new Promise((res) => setTimeout(res, 500));
  // Held back, not lost: the shell is blocked (no exit).
  expect(r.output().length).toBeGreaterThan(TERMINAL_FLOW.highWatermarkChars);
  expect(r.output().length).toBeLessThanOrEqual(TERMINAL_FLOW.highWatermarkChars + BATCH_MAX_CHARS);
  expect(await r.exited(200)).toBeNull();
  r.terminal.setClientLimit(null);
  expect(await r.exited(10_000)).toEqual({ code: 0, signal: null });
  expect(r.output().length).toBe(900_004);
  r.terminal.dispose();
});
