// Builds the `tandem` command from source for tests that run it as a user would (a child process), so
// they never run a stale out/. Bundled inside node_modules so native modules resolve.
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../../../..');
let built: Promise<string> | null = null;

export function buildCli(): Promise<string> {
  built ??= (async () => {
    const dir = path.join(root, 'node_modules', '.cache', 'tandem-test');
    fs.mkdirSync(dir, { recursive: true });
    const outfile = path.join(dir, `cli-${process.pid}-${Date.now()}.cjs`);
    await build({
      absWorkingDir: root,
      entryPoints: ['electron/cli.ts'],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['better-sqlite3', 'node-pty', 'electron', '@parcel/watcher', 'get-windows'],
      logLevel: 'warning',
    });
    process.once('exit', () => fs.rmSync(outfile, { force: true }));
    return outfile;
  })();
  return built;
}
