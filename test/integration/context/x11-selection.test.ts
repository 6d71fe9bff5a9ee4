// The selection (PRIMARY) and the clipboard on a real X server: set with xclip, read back; nothing
// owned; a huge clipboard cut to size; an owner that never answers; change events from the watcher.
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClipboardWatcher } from '../../../electron/core/context/providers/clipboard';
import { readXSelection } from '../../../electron/core/context/providers/x-selection';
import { startXvfb, type XDisplay } from '../../support/xvfb';

let x: XDisplay;
beforeAll(async () => {
  x = await startXvfb();
});
afterAll(async () => {
  await x?.stop();
});

const read = (which: 'primary' | 'clipboard', extra: Partial<Parameters<typeof readXSelection>[1]> = {}) =>
  readXSelection(which, { display: x.display, env: x.env, ...extra });

describe('selection and clipboard', () => {
  it('nothing selected or copied yet reads as empty', async () => {
    expect(await read('primary')).toEqual({ state: 'empty' });
    expect(await read('clipboard', { checkSecretHint: true })).toEqual({ state: 'empty' });
  });

  it('reads back what xclip set, UTF-8 intact, each selection separately', async () => {
    x.setSelection('primary', 'selected: héllo — 世界 🙂');
    x.setSelection('clipboard', 'copied:\n  two lines');
    expect(await read('primary')).toEqual({ state: 'text', text: 'selected: héllo — 世界 🙂', truncated: false });
    expect(await read('clipboard', { checkSecretHint: true })).toEqual({ state: 'text', text: 'copied:\n  two lines', truncated: false });
  });

  it('cuts a huge clipboard at the read limit instead of buffering it all', async () => {
    x.setSelection('clipboard', 'é'.repeat(400_000)); // 800 KB of UTF-8
    const r = await read('clipboard', { maxBytes: 64 * 1024 });
    expect(r.state).toBe('text');
    if (r.state !== 'text') return;
    expect(r.truncated).toBe(true);
    expect(r.text).toBe('é'.repeat(32 * 1024));
  });

  it('an owner that never answers is cut at the timeout', async () => {
    // A selection owner that takes the selection and then stops (SIGSTOP) never answers requests.
    x.setSelection('primary', 'about to hang');
    const owner = spawn('sh', ['-c', `printf stuck | xclip -i -selection primary -quiet & echo $!; wait`], { env: x.env, stdio: ['ignore', 'pipe', 'ignore'] });
    const pid = Number((await new Promise<Buffer>((r) => owner.stdout.once('data', r))).toString().trim());
    await new Promise((r) => setTimeout(r, 300)); // let it take ownership
    process.kill(pid, 'SIGSTOP');
    try {
      const started = performance.now();
      await expect(read('primary', { timeoutMs: 200 })).rejects.toThrow(/no answer within 200 ms/);
      expect(performance.now() - started).toBeLessThan(1500);
    } finally {
      process.kill(pid, 'SIGKILL');
      owner.kill();
    }
  });
});

describe('giving up on a read', () => {
  it('does not crash the app that owns the selection', async () => {
    // Killing a reader between its request and the owner's answer makes a plain Xlib owner (xclip
    // here) die on the BadWindow error it then gets. A snapshot's budget must never cost the user
    // their clipboard: readers it gives up on are left to finish.
    x.setSelection('primary', 'selected words');
    x.setSelection('clipboard', 'copied words');
    for (let i = 0; i < 40; i++) {
      const abort = new AbortController();
      const reads = [read('primary', { signal: abort.signal }), read('clipboard', { signal: abort.signal, checkSecretHint: true })];
      setTimeout(() => abort.abort(), i % 8);
      await Promise.allSettled(reads);
    }
    await new Promise((r) => setTimeout(r, 500));
    expect(await read('primary')).toMatchObject({ state: 'text', text: 'selected words' });
    expect(await read('clipboard')).toMatchObject({ state: 'text', text: 'copied words' });
  });
});

describe('clipboard watcher', () => {
  it('reports each change once, not the unchanged clipboard', async () => {
    x.setSelection('clipboard', 'before');
    const changes: (string | null)[] = [];
    const watcher = new ClipboardWatcher({ display: x.display, env: x.env, intervalMs: 50, onChange: (t) => changes.push(t) });
    watcher.start();
    try {
      await new Promise((r) => setTimeout(r, 300));
      expect(changes).toEqual([]); // the first reading is the baseline, not a change
      x.setSelection('clipboard', 'after 1');
      await waitFor(() => changes.length === 1);
      x.setSelection('clipboard', 'after 2');
      await waitFor(() => changes.length === 2);
      await new Promise((r) => setTimeout(r, 300));
      expect(changes).toEqual(['after 1', 'after 2']);
    } finally {
      watcher.stop();
    }
    expect(watcher.running).toBe(false);
  });
});

async function waitFor(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}
