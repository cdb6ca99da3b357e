// Load hook (see import-glob.mjs): after tsx turned a module into JavaScript, each
// `import.meta.glob('./pattern', { eager: true })` becomes an object of namespace imports of the
// files the pattern matches (one `*` per path segment, as the sources use it), sorted by path.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const GLOB = /import\.meta\.glob(?:<[^>]*>)?\(\s*(['"])([^'"]+)\1\s*,\s*\{\s*eager:\s*true\s*\}\s*\)/g;

function expand(dir, pattern) {
  const segments = pattern.split('/');
  let found = [dir];
  for (const segment of segments) {
    if (segment === '.' || segment === '') continue;
    if (segment === '..') {
      found = found.map((d) => path.dirname(d));
      continue;
    }
    const matcher = new RegExp(`^${segment.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`);
    found = found.flatMap((d) => (fs.existsSync(d) && fs.statSync(d).isDirectory() ? fs.readdirSync(d).filter((n) => matcher.test(n)).map((n) => path.join(d, n)) : []));
  }
  return found.filter((f) => fs.statSync(f).isFile()).sort();
}

export async function load(url, context, nextLoad) {
  const result = await nextLoad(url, context);
  if (!url.startsWith('file:') || !/\.(ts|tsx|mts)$/.test(url) || result.source == null) return result;
  const source = String(result.source);
  if (!source.includes('import.meta.glob')) return result;
  const file = fileURLToPath(url);
  const imports = [];
  const rewritten = source.replace(GLOB, (_whole, _quote, pattern) => {
    const entries = expand(path.dirname(file), pattern).map((match) => {
      const name = `__glob_${imports.length}`;
      imports.push(`import * as ${name} from ${JSON.stringify(pathToFileURL(match).href)};`);
      const key = pattern.startsWith('../') || pattern.startsWith('./') ? (path.relative(path.dirname(file), match).startsWith('.') ? path.relative(path.dirname(file), match) : `./${path.relative(path.dirname(file), match)}`) : match;
      return `${JSON.stringify(key.split(path.sep).join('/'))}: ${name}`;
    });
    return `({ ${entries.join(', ')} })`;
  });
  return { ...result, source: `${imports.join('\n')}\n${rewritten}` };
}
