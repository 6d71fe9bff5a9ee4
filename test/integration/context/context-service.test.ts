// The context domain through the real core and router, on a real X display with a real pty and a
// real repo: progressive chips, the terminal that just failed plus the git state of its folder,
// the global pause, settings and exclusions, and the ledger.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContextSnapshot, EventName, EventPayload, MethodInput, MethodName, MethodOutput, RpcErrorData, TerminalInfo } from '../../../shared/contract';
import { createCore, type Core } from '../../../electron/core/app';
import { FileKeychain } from '../../../electron/core/secrets/file-keychain';
import { forkPtyHost } from '../../../electron/core/terminals/host-channel';
import { buildPtyHost } from '../terminals/support/harness';
import { makeTempDir } from '../../support/temp-dir';
import { startXvfb, type XDisplay, type XWindow } from '../../support/xvfb';

let x: XDisplay;
let tmp: ReturnType<typeof makeTempDir>;
let core: Core;
let repo: string;
let home: string;
const windows: XWindow[] = [];
const seen: { event: EventName; payload: unknown }[] = [];

const gitEnv = { GIT_AUTHOR_NAME: 'Ada', GIT_AUTHOR_EMAIL: 'ada@example.com', GIT_COMMITTER_NAME: 'Ada', GIT_COMMITTER_EMAIL: 'ada@example.com', GIT_CONFIG_GLOBAL: '/dev/null' };

beforeAll(async () => {
  x = await startXvfb();
  tmp = makeTempDir('tandem-context-');
  tmp.dir = fs.realpathSync(tmp.dir);
  home = path.join(tmp.dir, 'home');
  repo = path.join(tmp.dir, 'shop');
  fs.mkdirSync(home);
  fs.mkdirSync(repo);
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, env: { ...process.env, ...gitEnv } });
  git('init', '-q', '-b', 'main');
  fs.writeFileSync(path.join(repo, 'cart.ts'), 'export const total = 0;\n');
  git('add', '.');
  git('commit', '-q', '-m', 'first');
  fs.writeFileSync(path.join(repo, 'cart.ts'), 'export const total = 1;\n');

  core = createCore({
    dataDir: path.join(tmp.dir, 'data'),
    version: 'test',
    env: { ...x.env, ...gitEnv },
    platform: { mode: 'web', keychain: new FileKeychain(tmp.dir), hotkey: null },
    terminals: { launcher: forkPtyHost({ entry: await buildPtyHost() }), homeDir: home },
  });
  core.events.subscribe((event, payload) => seen.push({ event, payload }));
});

afterAll(async () => {
  await core?.dispose();
  for (const w of windows) await w.close();
  await x?.stop();
  tmp?.cleanup();
});

async function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const r = await core.router.dispatch(method, input, { clientId: 'test' });
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.result as MethodOutput<M>;
}

async function callError(method: MethodName, input: unknown): Promise<RpcErrorData> {
  const r = await core.router.dispatch(method, input, { clientId: 'test' });
  if (r.ok) throw new Error(`${method} should have failed`);
  return r.error;
}

async function until<T>(probe: () => T | undefined | null | false, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const eventsOf = <E extends EventName>(event: E) => seen.filter((s) => s.event === event).map((s) => s.payload as EventPayload<E>);

async function open(title: string, className: string) {
  const w = await x.openWindow({ title, className, cwd: tmp.dir });
  windows.push(w);
  return w;
}

/** Snapshots in these tests run on a busy test machine: allow more than the product's 50 ms. */
async function snapshot(input: MethodInput<'context.snapshot'> = {}): Promise<ContextSnapshot> {
  return call('context.snapshot', input);
}

describe('the context service in the core', () => {
  beforeAll(async () => {
    await call('context.settings.update', { budgetMs: 2000 });
  });

  it('chips arrive as context.chip events, then all together in the result', async () => {
    await open('cart.ts - shop - Visual Studio Code', 'Code');
    x.setSelection('primary', 'export const total');
    const snap = await snapshot({ snapshotId: 'snap-1' });
    const chipEvents = eventsOf('context.chip').filter((e) => e.snapshotId === 'snap-1');
    expect(snap.id).toBe('snap-1');
    expect(new Set(chipEvents.map((e) => e.chip.id))).toEqual(new Set(snap.chips.map((c) => c.id)));
    const window = snap.chips.find((c) => c.kind === 'activeWindow');
    expect(window?.label).toBe('Code — cart.ts - shop - Visual Studio Code');
    expect(window?.text).toContain('File: cart.ts\nWorkspace: shop');
    expect(snap.chips.find((c) => c.kind === 'selection')?.text).toBe('export const total');
  });

  it('the terminal that just failed, and the git state of the folder it ran in', async () => {
    const term = await call('terminal.create', { shell: '/bin/bash', cwd: repo, env: { HOME: home }, cols: 100, rows: 30 });
    await until(() => eventsOf('terminal.changed').some((t: TerminalInfo) => t.id === term.id && t.integration.state === 'active'), 'the shell prompt');
    await call('terminal.write', { id: term.id, data: 'ls no-such-file\r' });
    await until(() => eventsOf('terminal.command').some((c) => c.terminalId === term.id && c.command === 'ls no-such-file'), 'the command record');

    const snap = await snapshot();
    const terminal = snap.chips.find((c) => c.kind === 'terminal');
    expect(terminal?.label).toBe('Failed (exit 2) · $ ls no-such-file');
    expect(terminal?.text).toMatch(/^Command: ls no-such-file\nFolder: .*shop\nExit code: 2 \(failed\)\n/);
    expect(terminal?.text).toContain('No such file or directory');
    const git = snap.chips.find((c) => c.kind === 'git');
    expect(git?.id).toBe(`git:${repo}`);
    expect(git?.text).toContain('   M cart.ts (+1 −1)');
    await call('terminal.close', { id: term.id });
  });

  it('announces the window in front, an excluded one without its title', async () => {
    const before = eventsOf('context.activeWindow').length;
    await open('Vault.kdbx - KeePassXC', 'KeePassXC');
    const announced = await until(() => eventsOf('context.activeWindow').slice(before).find((e) => e.window?.wmClass === 'KeePassXC'), 'the vault announced');
    expect(announced.excluded).toBe('KeePassXC is excluded');
    expect(announced.window?.title).toBe('');
    expect(JSON.stringify(announced)).not.toContain('Vault.kdbx');
    const snap = await snapshot();
    expect(snap.chips.find((c) => c.kind === 'activeWindow' || c.kind === 'selection')).toBeUndefined();
    expect(snap.excluded).toContain('Window title held back: KeePassXC is excluded.');
  });

  it('pause: watchers stop, unasked snapshots are refused, asked ones still run', async () => {
    const editor = await open('cart.ts - shop - Visual Studio Code', 'Code');
    expect(core.context.engine.watchingWindows).toBe(true);
    const spies = core.context.engine.watcherPids();
    expect(spies.length).toBeGreaterThan(0);

    await call('app.setPaused', { paused: true });
    expect(core.context.engine.watchingWindows).toBe(false);
    await until(() => spies.every((pid) => !alive(pid)), 'the xprop watchers to exit');

    const countBefore = eventsOf('context.activeWindow').length;
    const other = await open('somewhere else', 'Elsewhere');
    await new Promise((r) => setTimeout(r, 300));
    expect(eventsOf('context.activeWindow').length).toBe(countBefore);

    const unasked = await core.context.snapshot({ trigger: 'agent' });
    expect(unasked).toMatchObject({ paused: true, chips: [] });
    const asked = await snapshot();
    expect(asked.paused).toBe(true);
    expect(asked.chips.find((c) => c.kind === 'activeWindow')?.text).toContain('Window title: somewhere else');

    await call('app.setPaused', { paused: false });
    expect(core.context.engine.watchingWindows).toBe(true);
    x.activate(editor.id);
    await until(() => eventsOf('context.activeWindow').slice(countBefore).some((e) => e.window?.windowId === editor.id), 'watching again');
    void other;
  });

  it('settings are validated, broadcast and applied to the next snapshot', async () => {
    await open('cart.ts - shop - Visual Studio Code', 'Code');
    x.setSelection('primary', 'some selected text');
    const updated = await call('context.settings.update', { providers: { selection: false }, excludedApps: ['code'] });
    expect(updated.providers.selection).toBe(false);
    expect(eventsOf('context.settings.changed').at(-1)).toEqual(updated);
    const snap = await snapshot();
    expect(snap.chips.find((c) => c.kind === 'selection' || c.kind === 'activeWindow')).toBeUndefined();
    expect(snap.excluded).toContain('Window title held back: Code is excluded.');

    expect((await callError('context.settings.update', { budgetMs: 1 })).message).toMatch(/at least 10 ms/);
    const unknown = await callError('context.settings.update', { builtinExclusions: { lastpas: false } });
    expect(unknown).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/Unknown built-in exclusion "lastpas"/) });
    expect((await callError('context.snapshot', { snapshotId: 'no spaces allowed' })).code).toBe('invalid_input');
    await call('context.settings.update', { providers: { selection: true }, excludedApps: [] });
  });

  it('the ledger records what went out, lists, exports and clears', async () => {
    const snap = await snapshot();
    const entry = core.context.ledger.record({ purpose: 'quick-ask', provider: 'openai', model: 'gpt-test', chips: snap.chips });
    const sent = snap.chips.filter((c) => !c.error);
    expect(entry.context.map((p) => p.text)).toEqual(sent.map((c) => c.text));
    expect(eventsOf('ledger.recorded').at(-1)).toEqual(entry);
    expect(await call('ledger.list', {})).toEqual([entry]);
    const exported = await call('ledger.export', {});
    expect(JSON.parse(exported.json).entries).toEqual([entry]);
    expect(await call('ledger.clear', {})).toEqual({ cleared: 1 });
    expect(await call('ledger.list', {})).toEqual([]);
  });

  it('dispose stops every watcher', async () => {
    const spies = core.context.engine.watcherPids();
    expect(spies.length).toBeGreaterThan(0);
    core.context.dispose();
    await until(() => spies.every((pid) => !alive(pid)), 'the watchers to exit');
  });
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
