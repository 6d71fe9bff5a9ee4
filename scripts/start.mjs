// `npm start`: build, then run the desktop app where an Electron runtime exists, or else the same
// product in web mode (`tandem serve`, which prints the URL to open).
//
// Finding Electron never downloads it: node_modules/electron/index.js would try to when its binary is
// missing, and that fails without internet. So the lookup below repeats what index.js does, read-only.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The Electron binary that `require('electron')` would return, or null when there is none on disk.
 * Honours ELECTRON_OVERRIDE_DIST_PATH like electron/index.js does.
 */
export function findElectronRuntime(rootDir = root, env = process.env) {
  const pkgDir = path.join(rootDir, 'node_modules', 'electron');
  const pathFile = path.join(pkgDir, 'path.txt');
  const relative = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : '';
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const binary = path.join(env.ELECTRON_OVERRIDE_DIST_PATH, relative || 'electron');
    return isFile(binary) ? binary : null;
  }
  if (!relative) return null;
  const binary = path.join(pkgDir, 'dist', relative);
  return isFile(binary) ? binary : null;
}

function isFile(file) {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * What better-sqlite3's binary is built for, as far as `npm start` knows: the Electron version it last
 * rebuilt it for plus the binary's size and mtime. Any other build (`npm rebuild`, `npm ci`) changes
 * the stamp, so the next start rebuilds; an unchanged one skips a ~50 s compile.
 */
export function nativeStamp(rootDir, electronVersion) {
  const binary = path.join(rootDir, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
  try {
    const { size, mtimeMs } = fs.statSync(binary);
    return `electron@${electronVersion} ${size} ${Math.round(mtimeMs)}`;
  } catch {
    return null;
  }
}

const stampFile = path.join(root, 'node_modules', '.cache', 'tandem', 'electron-natives.txt');

function run(label, command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`npm start: ${label} failed (${result.status === null ? `signal ${result.signal}` : `exit ${result.status}`}).`);
    process.exit(result.status ?? 1);
  }
}

/**
 * Runs the child with our stdio and passes SIGINT and SIGTERM on. The child gets its own process
 * group (POSIX), so Ctrl+C reaches it exactly once, through us, instead of twice (terminal + us),
 * which a server may read as "stop now, skip the clean shutdown".
 */
function runForeground(command, args, env = process.env) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit', env, detached: process.platform !== 'win32' });
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    });
  }
  child.on('error', (err) => {
    console.error(`npm start: could not run ${command}: ${err.message}`);
    process.exit(1);
  });
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 + (signalNumbers[signal] ?? 1) : 1)));
  });
}

const signalNumbers = { SIGINT: 2, SIGTERM: 15 };

function rebuildNativesForElectron() {
  const electronVersion = JSON.parse(fs.readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
  const before = nativeStamp(root, electronVersion);
  const recorded = fs.existsSync(stampFile) ? fs.readFileSync(stampFile, 'utf8').trim() : null;
  if (before !== null && before === recorded) return false;
  console.log(`npm start: rebuilding better-sqlite3 for Electron ${electronVersion} (once; takes about a minute)…`);
  run('rebuilding native modules for Electron', process.execPath, [path.join(root, 'node_modules', 'electron-builder', 'cli.js'), 'install-app-deps']);
  const after = nativeStamp(root, electronVersion);
  if (after !== null) {
    fs.mkdirSync(path.dirname(stampFile), { recursive: true });
    fs.writeFileSync(stampFile, `${after}\n`);
  }
  return true;
}

async function main() {
  const args = process.argv.slice(2);
  run('the build', process.execPath, [path.join(root, 'scripts', 'build.mjs')]);

  const electron = findElectronRuntime();
  if (electron) {
    const rebuilt = rebuildNativesForElectron();
    // Electron would act as plain Node with this set, and then `require('electron')` fails.
    const env = { ...process.env };
    delete env.ELECTRON_RUN_AS_NODE;
    // "." makes package.json the app: its productName names the user-data folder, its main is out/electron/main.cjs.
    const code = await runForeground(electron, ['.', ...args], env);
    if (rebuilt) {
      console.log('npm start: better-sqlite3 is now built for Electron. Before `tandem serve` or the tests, run `npm rebuild better-sqlite3`.');
    }
    process.exit(code);
  }

  console.log('No Electron runtime on this machine; starting Tandem in web mode (tandem serve).');
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const cli = path.join(root, typeof pkg.bin === 'string' ? pkg.bin : pkg.bin.tandem);
  process.exit(await runForeground(process.execPath, [cli, 'serve', ...args]));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
