// `npm run bench`: runs every bench/*.bench.ts (bundled with esbuild) and bench/*.bench.mjs in turn.
// Each benchmark prints its own figures as a table and one JSON line; this runner adds nothing but
// order and a summary of which ones ran. Pass names to run a subset: `npm run bench -- startup`.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv.slice(2);
const files = fs
  .readdirSync(path.join(root, 'bench'))
  .filter((f) => /\.bench\.(ts|mjs)$/.test(f))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

const results = [];
for (const file of files) {
  let entry = path.join(root, 'bench', file);
  if (file.endsWith('.ts')) {
    const outfile = path.join(root, 'out', 'bench', file.replace(/\.ts$/, '.cjs'));
    await build({
      absWorkingDir: root,
      entryPoints: [entry],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['better-sqlite3', 'node-pty', 'electron', 'playwright-core', '@parcel/watcher', 'get-windows'],
      logLevel: 'warning',
    });
    entry = outfile;
  }
  console.log(`\n▶ ${file}`);
  const r = spawnSync(process.execPath, [entry], { stdio: 'inherit', cwd: root });
  results.push([file, r.status === 0 ? 'ok' : `failed (${r.status ?? r.signal})`]);
}

console.log('\nbenchmarks:');
for (const [file, status] of results) console.log(`  ${file.padEnd(36)} ${status}`);
process.exit(results.some(([, s]) => s !== 'ok') ? 1 : 0);
