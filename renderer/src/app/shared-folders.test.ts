/**
 * The shared folders (ui/, i18n/, transport/, format/) are what another surface (the customer
 * portal, the technicians' app) reuses: they import one another and the contract, never a console
 * feature or the console's shell. (Node's fs here: the test runs under Vitest, not in the page.)
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(import.meta.dirname, '..');
const SHARED = ['ui', 'i18n', 'transport', 'format'];

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

describe('shared renderer folders', () => {
  it('import no feature and not the console shell', () => {
    const wrong: string[] = [];
    for (const folder of SHARED) {
      for (const file of sources(path.join(SRC, folder))) {
        for (const [, spec] of fs.readFileSync(file, 'utf8').matchAll(/from\s+'(\.[^']+)'/g)) {
          const target = path.relative(SRC, path.resolve(path.dirname(file), spec ?? ''));
          const top = target.split(path.sep)[0] ?? '';
          if (!SHARED.includes(top) && top !== 'contract') wrong.push(`${path.relative(SRC, file)} → ${target}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});
