/**
 * The renderer (React) for both Electron (loaded from file://) and web mode (served over http by
 * `accueil serve`): hence `base: './'`. `@contract` points at the contract, the renderer's only
 * door into electron/ (today renderer/src/contract.ts imports it by relative path, so the vitest
 * unit project and tsconfig.web.json need no alias yet).
 *
 * One HTML page per surface, each its own entry: today the console (index.html). The customer
 * portal and the technicians' app will add theirs here (`portal: 'portal.html'`), each with its own
 * main and features, sharing ui/, transport/ and i18n/ (README, Architecture).
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const page = (file: string) => fileURLToPath(new URL(`./renderer/${file}`, import.meta.url));

export const RENDERER_PAGES = { index: page('index.html') };

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
    rolldownOptions: { input: RENDERER_PAGES },
  },
});
