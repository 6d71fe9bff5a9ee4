// The built `tandem` command as a user runs it: needs `npm run build` first (npm test does it).
import Database from 'better-sqlite3';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION } from '../../../electron/core/store/database';
import { makeTempDir } from '../../support/temp-dir';

const BIN = path.resolve('bin/tandem.cjs');
let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => (tmp = makeTempDir()));
afterEach(() => tmp.cleanup());

function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 20_000 });
}

describe('tandem CLI', () => {
  it('--help lists the commands', () => {
    const r = run(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Usage: tandem <command>/);
    expect(r.stdout).toMatch(/^\s+serve\s/m);
  });

  it('an unknown command fails with the help', () => {
    const r = run(['frobnicate']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown command "frobnicate"/);
  });

  it('serve --help and a bad --port', () => {
    expect(run(['serve', '--help']).stdout).toMatch(/--port N/);
    const bad = run(['serve', '--port', 'eighty']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--port must be a number/);
  });

  it('serve prints the URL, serves the page, and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [BIN, 'serve', '--data-dir', tmp.dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /Tandem is running at (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
    });
    const res = await fetch(url, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const page = await fetch(new URL('/', url), { headers: { cookie: res.headers.get('set-cookie')!.split(';')[0]! } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    expect(fs.existsSync(path.join(tmp.dir, 'tandem.db'))).toBe(true);
    child.kill('SIGTERM');
    const code = await new Promise((r) => child.once('exit', r));
    expect(code).toBe(0);
  });

  it('serve refuses a database from a newer Tandem, says why, and leaves it untouched', () => {
    const file = path.join(tmp.dir, 'tandem.db');
    const db = new Database(file);
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    db.close();
    const before = fs.readFileSync(file);
    const r = run(['serve', '--data-dir', tmp.dir]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/newer version of Tandem/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('serve moves a corrupt database aside and says where', async () => {
    fs.writeFileSync(path.join(tmp.dir, 'tandem.db'), 'not a database '.repeat(500));
    const child = spawn(process.execPath, [BIN, 'serve', '--data-dir', tmp.dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((r) => child.once('exit', r));
    // The notice (stderr) and the URL (stdout) travel on separate pipes: wait for both, or an early exit.
    const ready = (async () => {
      while (!(stdout.includes('running at') && stderr.includes('moved to'))) await new Promise((r) => setTimeout(r, 25));
    })();
    const outcome = await Promise.race([ready.then(() => 'ready'), exited.then((code) => `exited ${code}`)]);
    child.kill('SIGTERM');
    await exited;
    expect(outcome, `stdout: ${stdout}\nstderr: ${stderr}`).toBe('ready');
    expect(stderr).toMatch(/damaged and has been moved to .*tandem\.db\.corrupt-/);
    expect(fs.readdirSync(tmp.dir).some((f) => f.startsWith('tandem.db.corrupt-'))).toBe(true);
  });

  it('TANDEM_DATA_DIR chooses the data folder', async () => {
    const child = spawn(process.execPath, [BIN, 'serve'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TANDEM_DATA_DIR: tmp.dir } });
    const out = await new Promise<string>((resolve) => {
      let o = '';
      child.stdout.on('data', (d: Buffer) => {
        o += d.toString();
        if (o.includes('Data:')) resolve(o);
      });
    });
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    expect(out).toContain(`Data: ${tmp.dir}`);
  });
});
