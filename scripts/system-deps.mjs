// The Debian packages the test suite needs, in one place. `npm test` calls ensureSystemDeps() so it
// works as written on a fresh Debian machine (installing what is missing when run as root), and
// .ci/run calls this file directly. Run `node scripts/system-deps.mjs` to install, `--check` to list.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** [a binary that proves the package is there, the Debian package that provides it, why] */
export const SYSTEM_DEPS = [
  ['/usr/bin/chromium', 'chromium', 'the end-to-end suite drives it with Playwright'],
  ['Xvfb', 'xvfb', 'X11 context tests run on a virtual display'],
  ['openbox', 'openbox', 'a window manager, so _NET_ACTIVE_WINDOW exists under Xvfb'],
  ['xprop', 'x11-utils', 'reads the active window'],
  ['xdotool', 'xdotool', 'focuses test windows'],
  ['wmctrl', 'wmctrl', 'lists windows'],
  ['xclip', 'xclip', 'selection and clipboard'],
  ['xterm', 'xterm', 'a real X window with a known title'],
  ['/usr/bin/import', 'imagemagick', 'X11 screenshots'],
  ['bwrap', 'bubblewrap', "the agent's sandbox"],
  ['socat', 'socat', "the sandbox's network proxy"],
  ['rg', 'ripgrep', 'fast search in the sandbox'],
  ['git', 'git', 'repos under test'],
  ['zsh', 'zsh', 'shell integration tests'],
  ['fish', 'fish', 'shell integration tests'],
  ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', 'fonts-dejavu-core', 'legible screenshots'],
];

function has(probe) {
  if (probe.startsWith('/')) return spawnSync('test', ['-e', probe]).status === 0;
  return spawnSync('sh', ['-c', `command -v ${probe}`], { stdio: 'ignore' }).status === 0;
}

export function missingPackages() {
  return [...new Set(SYSTEM_DEPS.filter(([probe]) => !has(probe)).map(([, pkg]) => pkg))];
}

/** Installs what is missing when possible; otherwise says exactly what to run. Returns true when all is there. */
export function ensureSystemDeps({ install = true } = {}) {
  const missing = missingPackages();
  if (missing.length === 0) return true;
  const command = `apt-get update && apt-get install -y --no-install-recommends ${missing.join(' ')}`;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (!install || !isRoot || !hasApt) {
    console.error(`Missing system packages: ${missing.join(', ')}.\nInstall them with:\n  sudo ${command}`);
    return false;
  }
  console.log(`Installing system packages the tests need: ${missing.join(', ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  const inst = update.status === 0 && spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { stdio: 'inherit', env });
  if (!inst || inst.status !== 0) {
    console.error(`Could not install: ${missing.join(', ')}. Run:\n  ${command}`);
    return false;
  }
  return missingPackages().length === 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes('--check');
  process.exit(ensureSystemDeps({ install: !check }) ? 0 : 1);
}
