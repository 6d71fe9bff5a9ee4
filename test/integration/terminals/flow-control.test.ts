/**
 * Floods and exits: every byte arrives, in order, through a client that cannot keep up, while the pty
 * host's memory stays flat; and the last bytes before a shell exits are never lost.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { TERMINAL_FLOW } from '../../../shared/contract';
import { STALLED_VIEWER_MS } from '../../../electron/core/terminals/flow-control';
import { BATCH_MAX_CHARS } from '../../../electron/core/terminals/host/data-batcher';
import { CLIENT, startHarness, type Harness } from './support/harness';

const harnesses: Harness[] = [];
afterAll(async () => {
  await Promise.all(harnesses.map((h) => h.dispose()));
});

function rssKb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
}

function sha256OfCommand(cmd: string, args: string[]): Promise<{ sha: string; bytes: number }> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    let bytes = 0;
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.on('data', (d: Buffer) => {
      hash.update(d);
      bytes += d.length;
    });
    child.on('error', reject);
    child.on('close', () => resolve({ sha: hash.digest('hex'), bytes }));
  });
}

describe('a 100 MB flood', () => {
  test('arrives complete and in order through a slow client, with the pty host’s memory bounded', { timeout: 180_000 }, async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-flood-'));
    const file = path.join(tmp, 'random.bin');
    // 75 MB of random bytes → about 101 MB of base64 text in 76-column lines.
    await new Promise<void>((resolve, reject) => {
      const c = spawn('head', ['-c', '75000000', '/dev/urandom'], { stdio: ['ignore', fs.openSync(file, 'w'), 'inherit'] });
      c.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`head exited ${code}`))));
    });
    const expected = await sha256OfCommand('base64', [file]);
    expect(expected.bytes).toBeGreaterThan(100_000_000);

    const hash = createHash('sha256');
    let received = 0;
    let acked = 0;
    let maxUnacked = 0;
    const queue: Array<{ id: string; chars: number }> = [];
    const h = await startHarness({
      storeOutput: false,
      onData: (id, data) => {
        hash.update(data, 'latin1'); // base64 is ASCII: one char = one byte
        received += data.length;
        queue.push({ id, chars: data.length });
        maxUnacked = Math.max(maxUnacked, received - acked);
      },
    });
    harnesses.push(h);
    h.setAutoAck(false);
    // A client that renders about 20 MB/s and acks what it rendered, like xterm.js would.
    const consumer = setInterval(() => {
      let budget = 100_000;
      while (budget > 0 && queue.length > 0) {
        const item = queue[0]!;
        const take = Math.min(item.chars, budget);
        item.chars -= take;
        budget -= take;
        acked += take;
        h.service.ack(item.id, take, CLIENT);
        if (item.chars === 0) queue.shift();
      }
    }, 5);

    try {
      // `stty -onlcr`: the pty passes "\n" through unchanged, so the stream equals base64's output byte for byte.
      const t = await h.create({ args: ['-c', `stty -onlcr; exec base64 '${file}'`] });
      const hostPid = h.service.hostPid!;
      let maxRss = rssKb(hostPid);
      const sampler = setInterval(() => (maxRss = Math.max(maxRss, rssKb(hostPid))), 100);
      const exit = await h.waitForEvent('terminal.exit', (e) => e.id === t.id, 170_000);
      clearInterval(sampler);
      expect(exit.exit).toEqual({ code: 0, signal: null });
      expect(received).toBe(expected.bytes);
      expect(hash.digest('hex')).toBe(expected.sha);
      expect(h.problems).toEqual([]);
      // Flow control held the client to the high watermark plus the one batch that crossed it.
      expect(maxUnacked).toBeLessThanOrEqual(TERMINAL_FLOW.highWatermarkChars + BATCH_MAX_CHARS);
      // The host never buffered the flood: its memory stayed near its idle size.
      expect(maxRss).toBeLessThan(200 * 1024);
      h.service.close(t.id);
    } finally {
      clearInterval(consumer);
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});

describe('the last bytes before exit', () => {
  test('are never lost (60 shells that print and exit at once)', { timeout: 120_000 }, async () => {
    const h = await startHarness();
    harnesses.push(h);
    const run = async (i: number) => {
      const t = await h.create({ args: ['-c', `head -c 200000 /dev/zero | tr '\\0' x; printf 'END-${i}'`] });
      await h.waitForEvent('terminal.exit', (e) => e.id === t.id, 30_000);
      const out = h.output(t.id);
      h.service.close(t.id);
      return out;
    };
    for (let round = 0; round < 15; round++) {
      const outs = await Promise.all([0, 1, 2, 3].map((k) => run(round * 4 + k)));
      outs.forEach((out, k) => {
        expect(out.length, `shell ${round * 4 + k}`).toBe(200_000 + `END-${round * 4 + k}`.length);
        expect(out.endsWith(`END-${round * 4 + k}`)).toBe(true);
      });
    }
    expect(h.problems).toEqual([]);
  });

  test('are never lost when the shell exits while its client is behind', { timeout: 120_000 }, async () => {
    const h = await startHarness();
    harnesses.push(h);
    // This client never acks: output stops at the high watermark, and the exit must still drain.
    h.setAutoAck(false);
    for (let i = 0; i < 20; i++) {
      const started = Date.now();
      // 120K chars go out and stay unacked: the last bytes and the exit come while the client is behind.
      const t = await h.create({ args: ['-c', `head -c 120000 /dev/zero | tr '\\0' y; sleep 0.1; printf 'END-${i}'`] });
      await h.waitForEvent('terminal.exit', (e) => e.id === t.id, 30_000);
      const out = h.output(t.id);
      expect(out.length).toBe(120_000 + `END-${i}`.length);
      expect(out.endsWith(`END-${i}`)).toBe(true);
      // Not by giving up on the client after its stall timeout.
      expect(Date.now() - started).toBeLessThan(STALLED_VIEWER_MS - 500);
      h.service.close(t.id);
    }
    expect(h.problems).toEqual([]);
  });

  test('a client that stops acking pauses the shell; acking resumes it', { timeout: 30_000 }, async () => {
    const h = await startHarness();
    harnesses.push(h);
    h.setAutoAck(false);
    const t = await h.create({ args: ['-c', `i=0; while [ $i -lt 8000 ]; do printf '%0100d\\n' $i; i=$((i+1)); done; printf DONE`] });
    // 8000 lines of 101 chars ≈ 808K chars: more than the high watermark plus a held batch.
    await new Promise((r) => setTimeout(r, 1_000));
    const stalledAt = h.output(t.id).length;
    expect(stalledAt).toBeGreaterThan(TERMINAL_FLOW.highWatermarkChars);
    expect(stalledAt).toBeLessThanOrEqual(TERMINAL_FLOW.highWatermarkChars + BATCH_MAX_CHARS);
    expect(h.events.some((e) => e.event === 'terminal.exit')).toBe(false);
    await new Promise((r) => setTimeout(r, 500));
    expect(h.output(t.id).length).toBe(stalledAt);
    h.setAutoAck(true);
    h.service.ack(t.id, stalledAt, CLIENT);
    await h.waitForEvent('terminal.exit', (e) => e.id === t.id);
    expect(h.output(t.id).endsWith('DONE')).toBe(true);
    expect(h.output(t.id).length).toBe(8000 * 102 + 4); // "\n" became "\r\n"
  });

  test('a viewer that disconnects is no longer waited for', { timeout: 30_000 }, async () => {
    const h = await startHarness();
    harnesses.push(h);
    h.setAutoAck(false);
    const t = await h.create({ args: ['-c', `head -c 800000 /dev/zero | tr '\\0' w; printf DONE`] });
    await new Promise((r) => setTimeout(r, 800));
    expect(h.output(t.id).length).toBeLessThan(800_000);
    // The tab closes: the transport reports the disconnect, and output flows again.
    h.clients.disconnected(CLIENT);
    const exit = await h.waitForEvent('terminal.exit', (e) => e.id === t.id, 3_000);
    expect(exit.exit.code).toBe(0);
    expect(h.output(t.id).length).toBe(800_004);
  });
});
