import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import { contentSecurityPolicy } from './shared/csp.ts';

const here = path.join(path.dirname(fileURLToPath(import.meta.url)), "renderer");

/** Desktop pages load from file://, where no server sends headers: the policy goes in a <meta> tag. */
function cspMeta(): Plugin {
  return {
    name: 'tandem-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy({ delivery: 'meta' }) }, injectTo: 'head-prepend' },
    ],
  };
}

// Three windows, three pages, one bundle graph. `base: './'` so the same files load from file:// in
// Electron and from the serve mode's HTTP server.
export default defineConfig({
  root: here,
  base: './',
  plugins: [react(), cspMeta()],
  // ES-module workers can split: the highlighter's worker loads each language's grammar as its own chunk.
  worker: { format: 'es' },
  build: {
    outDir: path.join(here, '../out/renderer'),
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      input: {
        main: path.join(here, 'index.html'),
        'quick-ask': path.join(here, 'quick-ask.html'),
        overlay: path.join(here, 'overlay.html'),
      },
    },
  },
});
