/**
 * The renderer (React) for both Electron (loaded from file://) and web mode (served over http by
 * `accueil serve`): hence `base: './'`. `@contract` points at the contract, the renderer's only
 * door into electron/ (today renderer/src/contract.ts imports it by relative path, so the vitest
 * unit project and tsconfig.web.json need no alias yet).
 *
 * One HTML page per surface, each its own entry: the console (index.html) and the technicians' app
 * (technicien.html, served by the public surface at /technicien/), each with its own main and
 * features. The technicians' app's service worker is an entry of its own with a fixed name
 * (technicien-sw.js: the public surface serves it at /technicien/sw.js), and the build manifest
 * (.vite/manifest.json) tells the public surface which files are the app's (host/public/app-assets.ts).
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const page = (file: string) => fileURLToPath(new URL(`./renderer/${file}`, import.meta.url));

export const RENDERER_PAGES = { index: page('index.html'), technicien: page('technicien.html'), 'technicien-sw': page('src/technician/service-worker.ts') };

export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: './',
  plugins: [react()],
  resolve: {
    alias: {
      '@contract': fileURLToPath(new URL('./electron/contract/index.ts', import.meta.url)),
    },
  },
  build: {
    outDir: fileURLToPath(new URL('./out/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: true,
    // No inline scripts or module-preload polyfill: the CSP allows only 'self'.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    manifest: true,
    rolldownOptions: {
      input: RENDERER_PAGES,
      output: { entryFileNames: (chunk) => (chunk.name === 'technicien-sw' ? 'technicien-sw.js' : 'assets/[name]-[hash].js') },
    },
  },
});
