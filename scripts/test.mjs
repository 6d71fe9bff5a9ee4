// `npm test`: everything CI checks, in the order that fails fastest.
// lint (house rules) → typecheck → build (the e2e suite drives the built app) → vitest (unit, integration, e2e).
import { spawnSync } from 'node:child_process';
import { ensureSystemDeps } from './system-deps.mjs';

if (!ensureSystemDeps()) process.exit(1);

const steps = [
  ['lint', 'npx', ['eslint', '--max-warnings=0', '.']],
  ['typecheck', 'npm', ['run', '--silent', 'typecheck']],
  ['build', 'node', ['scripts/build.mjs']],
  ['tests', 'npx', ['vitest', 'run', ...process.argv.slice(2)]],
];

for (const [name, cmd, args] of steps) {
  console.log(`\n▶ ${name}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`\n✖ ${name} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status ?? 1);
  }
  console.log(`✔ ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
