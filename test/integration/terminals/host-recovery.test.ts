/**
 * The pty host process dies (crash, OOM kill): the core restarts it, reports which terminals were lost,
 * and new terminals work. Shutting the core down ends every shell.
 */
import fs from 'node:fs';
import os from 'node:os';
import { afterAll, expect, test } from 'vitest';
import { startHarness, type Harness } from './support/harness';

const harnesses: Harness[] = [];
afterAll(async () => {
  await Promise.all(harnesses.map((h) => h.dispose()));
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

test('kill -9 of the pty host: restarted, its terminals reported lost, new ones work', async () => {
  const h = await startHarness();
  harnesses.push(h);
  const a = await h.create();
  const b = await h.create({ owner: 'agent', label: 'Agent' });
  h.service.write(a.id, 'exit 0\r');
  await h.waitForEvent('terminal.exit', (e) => e.id === a.id);
  const c = await h.create();
  const oldHost = h.service.hostPid!;
  expect(alive(oldHost)).toBe(true);
  const scriptDirs = (pid: number) => fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith(`tandem-shell-${pid}-`));
  expect(scriptDirs(oldHost)).toHaveLength(1);

  process.kill(oldHost, 'SIGKILL');
  const lost = await h.waitForEvent('terminal.lost', () => true);
  // Only the terminals whose shell was still running are lost; the exited one keeps its exit status.
  expect(lost.ids.sort()).toEqual([b.id, c.id].sort());
  expect(lost.reason).toMatch(/stopped unexpectedly \(signal SIGKILL\)/);
  expect(h.service.get(b.id)).toMatchObject({ status: 'lost', pid: null });
  expect(h.service.get(a.id)).toMatchObject({ status: 'exited', exit: { code: 0, signal: null } });
  // Their shells went with the host (closing a pty master hangs up its shell).
  await waitFor(() => !alive(b.pid!) && !alive(c.pid!), 'the shells of the dead host to end');

  // A lost terminal says so instead of swallowing input.
  expect(() => h.service.write(b.id, 'ls\r')).toThrow(/was lost/);
  expect(await h.service.snapshot(b.id)).toMatchObject({ data: '' });

  // A new host is running; new terminals work.
  await waitFor(() => h.service.hostPid !== undefined && h.service.hostPid !== oldHost, 'a new pty host');
  const d = await h.create();
  // The new host removed the shell-integration folder the killed one could not.
  expect(scriptDirs(oldHost)).toEqual([]);
  h.service.write(d.id, 'echo back-$((6*7))\r');
  await h.waitForOutput(d.id, (o) => o.includes('back-42\r\n'));
  expect(h.service.list().map((t) => [t.id, t.status])).toEqual(
    expect.arrayContaining([
      [b.id, 'lost'],
      [d.id, 'running'],
    ]),
  );
  // Closing a lost terminal just forgets it.
  expect(h.service.close(b.id)).toEqual({ closed: true });
  expect(h.service.get(b.id)).toBeNull();
});

test('disposing the service ends every shell and the host', async () => {
  const h = await startHarness();
  const t = await h.create();
  // A shell that ignores SIGHUP still ends (SIGKILL after the grace period).
  const stubborn = await h.create({ args: ['-c', "trap '' HUP; while :; do sleep 1; done"] });
  const hostPid = h.service.hostPid!;
  await h.dispose();
  expect(alive(hostPid)).toBe(false);
  await waitFor(() => !alive(t.pid!) && !alive(stubborn.pid!), 'the shells to end', 5_000);
  await expect(h.service.create({ cols: 80, rows: 24, owner: 'user' })).rejects.toMatchObject({ code: 'unavailable' });
});
