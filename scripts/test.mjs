// `npm test`: everything CI checks, in the order that fails fastest.
// lint (house rules) and the two type-checks side by side → build (the e2e suite drives the built app)
// → vitest (unit, integration, e2e).
import { Buffer } from 'node:buffer';
import { spawn, spawnSync } from 'node:child_process';
import { ensureSystemDeps } from './system-deps.mjs';

if (!ensureSystemDeps()) process.exit(1);

/** Checks that read the sources only: they run at once, each one's output printed whole when it ends. */
const checks = [
  ['lint', 'npx', ['eslint', '--max-warnings=0', '.']],
  ['typecheck (node)', 'npx', ['tsc', '-p', 'tsconfig.node.json']],
  ['typecheck (web)', 'npx', ['tsc', '-p', 'tsconfig.web.json']],
];

const steps = [
  ['build', 'node', ['scripts/build.mjs']],
  ['tests', 'npx', ['vitest', 'run', ...process.argv.slice(2)]],
];

function runBuffered([name, cmd, args]) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const output = [];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    child.on('error', (error) => output.push(Buffer.from(`${error.message}\n`)));
    child.on('close', (code, signal) => resolve({ name, code: code ?? signal, output: Buffer.concat(output), seconds: (Date.now() - started) / 1000 }));
  });
}

console.log(`\n▶ ${checks.map(([name]) => name).join(', ')}`);
const results = await Promise.all(checks.map(runBuffered));
let failed = false;
for (const r of results) {
  if (r.output.length) process.stdout.write(r.output);
  if (r.code === 0) console.log(`✔ ${r.name} (${r.seconds.toFixed(1)} s)`);
  else {
    console.error(`✖ ${r.name} failed (exit ${r.code})`);
    failed = true;
  }
}
if (failed) process.exit(1);

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
