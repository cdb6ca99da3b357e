import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import renderer from './vite.web.config';

/**
 * The desktop build: main and preload for Electron; the renderer is the very one web mode serves
 * (vite.web.config.ts), so the two cannot drift apart.
 */
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rolldownOptions: { input: { index: resolve(__dirname, 'electron/main/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // Sandboxed preloads cannot be ES modules.
      rolldownOptions: {
        input: { index: resolve(__dirname, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    ...renderer,
    build: { ...renderer.build, rolldownOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } } },
  },
});
