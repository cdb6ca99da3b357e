// `node --import tsx --import ./scripts/import-glob.mjs file.ts`: lets plain Node (with tsx) run the
// services' sources, which find the areas' modules with Vite's `import.meta.glob` (eager only).
// Production code is bundled by Vite/electron-vite and tests run under Vitest, which resolve the
// globs themselves; this is for the few dev-time child processes (bench, crash tests) run by tsx.
import { register } from 'node:module';

register('./import-glob-hooks.mjs', import.meta.url);
