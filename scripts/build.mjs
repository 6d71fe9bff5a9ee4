// Builds everything into out/: the Node-side bundles with esbuild, the renderer with Vite.
// Native modules stay external: they are loaded from node_modules (or app.asar.unpacked when packaged).
import { build } from 'esbuild';
import { build as viteBuild } from 'vite';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const started = performance.now();

/** Node-side bundles: [entry, outfile, extra externals]. */
const nodeBundles = [
  ['electron/cli.ts', 'out/cli.cjs', []],
  ['electron/main/index.ts', 'out/electron/main.cjs', ['electron']],
  ['electron/preload/index.ts', 'out/electron/preload.cjs', ['electron']],
  ['electron/core/terminals/pty-host.ts', 'out/pty-host.cjs', []],
];

// @parcel/watcher loads a prebuilt native binary for the platform at run time: it must stay a real module.
// get-windows (macOS/Windows only, loaded by a dynamic import) finds its helper binary next to its own files.
const external = ['better-sqlite3', 'node-pty', 'electron', '@parcel/watcher', 'get-windows'];

await Promise.all(
  nodeBundles.map(([entry, outfile, extra]) =>
    build({
      absWorkingDir: root,
      entryPoints: [entry],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      sourcemap: 'linked',
      external: [...external, ...extra],
      logLevel: 'warning',
      define: { 'process.env.TANDEM_BUILD': '"1"' },
    }),
  ),
);

await viteBuild({ configFile: path.join(root, 'vite.renderer.config.ts'), logLevel: 'warn' });

console.log(`built out/ in ${Math.round(performance.now() - started)} ms`);
