// `tandem context snapshot [--json]` on a real X display: the JSON shape, the human output, the
// user's saved exclusions, redaction, and bad arguments.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTEXT_PROVIDER_IDS, type ContextSnapshot } from '../../../shared/contract';
import type { CommandIO } from '../../../electron/core/cli-io';
import { runContextCommand } from '../../../electron/core/context/cli';
import { ContextSettingsStore } from '../../../electron/core/context/settings';
import { Store } from '../../../electron/core/store';
import { makeTempDir } from '../../support/temp-dir';
import { startXvfb, type XDisplay, type XWindow } from '../../support/xvfb';

let x: XDisplay;
let tmp: ReturnType<typeof makeTempDir>;
const windows: XWindow[] = [];

beforeAll(async () => {
  x = await startXvfb();
  tmp = makeTempDir('tandem-context-cli-');
});
afterAll(async () => {
  for (const w of windows) await w.close();
  await x?.stop();
  tmp?.cleanup();
});

async function run(args: string[], cwd = tmp.dir): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  const io: CommandIO = { stdin: new PassThrough(), stdout, stderr, cwd, env: x.env };
  const code = await runContextCommand(args, io);
  return { code, stdout: out, stderr: err };
}

const CHIP_KEYS = ['id', 'kind', 'label', 'text', 'truncated', 'source', 'error', 'redactions', 'image'];

describe('tandem context snapshot', () => {
  it('--json prints the snapshot: chips with id, kind, label, text, truncated, source', async () => {
    windows.push(await x.openWindow({ title: 'known title', className: 'KnownClass', cwd: tmp.dir }));
    const token = `ghp_${'Qw3e'.repeat(9)}`;
    x.setSelection('primary', `export GITHUB_TOKEN=${token}`);
    const r = await run(['snapshot', '--json', '--data-dir', path.join(tmp.dir, 'none')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const snap = JSON.parse(r.stdout) as ContextSnapshot;
    expect(Object.keys(snap).sort()).toEqual(['chips', 'durationMs', 'excluded', 'id', 'paused', 'redactions', 'takenAt', 'unavailable']);
    for (const chip of snap.chips) {
      expect(Object.keys(chip).every((k) => CHIP_KEYS.includes(k)), Object.keys(chip).join()).toBe(true);
      expect(CONTEXT_PROVIDER_IDS).toContain(chip.kind);
      expect(typeof chip.text).toBe('string');
      expect(typeof chip.truncated).toBe('boolean');
    }
    expect(snap.chips.find((c) => c.kind === 'activeWindow')).toMatchObject({ id: 'activeWindow', label: 'KnownClass — known title', source: 'x11' });
    expect(snap.chips.find((c) => c.kind === 'selection')).toMatchObject({ text: 'export GITHUB_TOKEN=[redacted:github-token]', redactions: 1, source: 'xclip primary' });
    expect(r.stdout).not.toContain(token);
    expect(snap.redactions).toEqual([{ kind: 'github-token', count: 1 }]);
    expect(snap.unavailable.join('\n')).toMatch(/Terminal commands are known only to a running Tandem/);
    // Nothing was created in a data folder that did not exist.
    expect(fs.existsSync(path.join(tmp.dir, 'none'))).toBe(false);
  });

  it('prints a readable summary, and the git state of the folder it runs in', async () => {
    const repo = path.join(tmp.dir, 'proj');
    fs.mkdirSync(repo);
    spawnSync('git', ['init', '-q', '-b', 'main'], { cwd: repo });
    fs.writeFileSync(path.join(repo, 'a.txt'), 'a\n');
    const r = await run(['snapshot', '--data-dir', path.join(tmp.dir, 'none')], repo);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Context Tandem would send now \(after redaction and exclusions\): \d+ chips, collected in \d+ ms\./);
    expect(r.stdout).toContain('▸ KnownClass — known title  [x11]\n  App: KnownClass\n  Window title: known title');
    expect(r.stdout).toContain(`▸ Git: proj · main 1 changed  [git]\n  Repository: ${fs.realpathSync(repo)}`);
    expect(r.stdout).toContain('Redacted: github-token ×1');
  });

  it("honours the user's saved exclusions and switches", async () => {
    const dataDir = path.join(tmp.dir, 'data');
    const store = Store.open(dataDir);
    new ContextSettingsStore(store.settings).update({ excludedApps: ['KnownClass'], providers: { clipboard: false } });
    store.close();
    x.setSelection('clipboard', 'copied text');
    const snap = JSON.parse((await run(['snapshot', '--json', '--data-dir', dataDir])).stdout) as ContextSnapshot;
    expect(snap.chips.map((c) => c.kind)).not.toContain('activeWindow');
    expect(snap.chips.map((c) => c.kind)).not.toContain('selection');
    expect(snap.chips.map((c) => c.kind)).not.toContain('clipboard');
    expect(snap.excluded).toEqual(['Window title held back: KnownClass is excluded.', 'Selection held back: KnownClass is excluded.']);
  });

  it('refuses bad arguments with the usage', async () => {
    expect(await run([])).toMatchObject({ code: 2, stderr: expect.stringContaining('Usage: tandem context snapshot') });
    expect(await run(['snap'])).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown subcommand "snap"') });
    expect(await run(['snapshot', '--jsn'])).toMatchObject({ code: 2, stderr: expect.stringContaining("Unknown option '--jsn'") });
    expect(await run(['snapshot', '--budget', 'fast'])).toMatchObject({ code: 2, stderr: expect.stringContaining('--budget must be a whole number') });
    expect(await run(['snapshot', '--help'])).toMatchObject({ code: 0, stdout: expect.stringContaining('--json') });
  });

  it('the built `tandem` command runs it (after npm run build)', () => {
    const bin = path.resolve('bin/tandem.cjs');
    const r = spawnSync(process.execPath, [bin, 'context', 'snapshot', '--json', '--data-dir', path.join(tmp.dir, 'none')], { env: x.env, encoding: 'utf8', timeout: 30_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const snap = JSON.parse(r.stdout) as ContextSnapshot;
    expect(snap.chips.find((c) => c.kind === 'activeWindow')?.label).toBe('KnownClass — known title');
  });
});
