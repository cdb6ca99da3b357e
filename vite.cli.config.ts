import { defineConfig } from 'vite';

/**
 * Bundles the command line (and, through it, the services and web host) for plain Node.
 * Dependencies stay external: better-sqlite3 is native and sip.js/ws are loaded from node_modules.
 */
export default defineConfig({
  build: {
    ssr: 'electron/cli/accueil.ts',
    outDir: 'out/cli',
    emptyOutDir: true,
    target: 'node20',
    sourcemap: true,
    minify: false,
    rolldownOptions: {
      output: { format: 'es', entryFileNames: 'accueil.mjs' },
    },
  },
});
