/**
 * The files of one page of the built renderer (`npm run build:web`: out/renderer), read from Vite's
 * build manifest (.vite/manifest.json): its entry script, the chunks it imports, their stylesheets
 * and assets. The public surface serves those and nothing else of the build: the console's own
 * scripts are never reachable from outside, even by guessing their names.
 */
import fs from 'node:fs';
import path from 'node:path';

interface ManifestChunk {
  file: string;
  imports?: string[];
  css?: string[];
  assets?: string[];
}

export type ViteManifest = Readonly<Record<string, ManifestChunk>>;

/** Paths (relative to the build folder, `assets/…`) the entry `entry` needs, its own file first. */
export function filesOfEntry(manifest: ViteManifest, entry: string): string[] {
  const files = new Set<string>();
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) return;
    files.add(chunk.file);
    for (const css of chunk.css ?? []) files.add(css);
    for (const asset of chunk.assets ?? []) files.add(asset);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  visit(entry);
  return [...files];
}

export interface BuiltApp {
  /** The page's HTML, as built. */
  shell: Buffer;
  /** By file name under assets/: its bytes. */
  assets: ReadonlyMap<string, Buffer>;
  /** The service worker's script, when the build has one. */
  worker: Buffer | null;
  /** Changes with any file of the app (the service worker's cache name). */
  version: string;
}

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export const contentTypeOf = (file: string): string => CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';

/**
 * Reads page `html` (e.g. technicien.html) and its files from the build folder, and the worker
 * script `worker` beside it; null when the build is not there (the routes then answer 503).
 */
export function readBuiltApp(dir: string, html: string, worker: string): BuiltApp | null {
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, '.vite', 'manifest.json'), 'utf8')) as ViteManifest;
    if (!manifest[html]) return null;
    const assets = new Map<string, Buffer>();
    for (const file of filesOfEntry(manifest, html)) {
      if (file === html || !file.startsWith('assets/')) continue;
      assets.set(file.slice('assets/'.length), fs.readFileSync(path.join(dir, file)));
    }
    const workerPath = path.join(dir, worker);
    const workerBytes = fs.existsSync(workerPath) ? fs.readFileSync(workerPath) : null;
    const shell = fs.readFileSync(path.join(dir, html));
    return {
      shell,
      assets,
      worker: workerBytes,
      version: simpleHash([shell.toString('utf8'), workerBytes?.toString('utf8') ?? '', ...[...assets.keys()].sort()].join('\n')),
    };
  } catch {
    return null;
  }
}

function simpleHash(text: string): string {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  return h.toString(36);
}
