/**
 * A test's child process, bundled once for plain Node (the crash tests start one per kill: through
 * tsx, each start compiled the sources again, ~2.5 s; bundled, it starts in a few hundred ms). Vite
 * resolves `import.meta.glob` as the product's own build does; packages stay external and load from
 * node_modules, as in the product. The bundle lives under out/ so that they resolve.
 */
import path from 'node:path';
import { build } from 'vite';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Bundles `script` (a path under test/support) and returns the .mjs file to give `node`. */
export async function bundleChild(script: string): Promise<string> {
  const name = `${path.basename(script, '.ts')}-${process.pid}`;
  const outDir = path.join(ROOT, 'out/test-children');
  await build({
    configFile: false,
    logLevel: 'error',
    root: ROOT,
    build: {
      ssr: script,
      outDir,
      emptyOutDir: false,
      target: 'node20',
      minify: false,
      rolldownOptions: { output: { format: 'es', entryFileNames: `${name}.mjs` } },
    },
  });
  return path.join(outDir, `${name}.mjs`);
}
