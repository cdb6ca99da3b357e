/**
 * The reasons the code gives and the catalog's (electron/contract/error-catalog.ts), read from the
 * sources: a reason given must have its French and English (the types say so too, unless a cast
 * hides it), and a sentence no code gives any more is dead wording to remove.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorCatalog, isErrorReason } from '../contract/error-catalog';

const ELECTRON = path.resolve(import.meta.dirname, '..');
const CATALOG = path.join(ELECTRON, 'contract', 'error-catalog.ts');
const SMTP_SENDER = path.join(ELECTRON, 'services', 'templates', 'mail', 'smtp-sender.ts');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(file);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && !entry.name.endsWith('.d.ts') && file !== CATALOG ? [file] : [];
  });
}

const files = sources(ELECTRON);
const quoted = (text: string) => new Set([...text.matchAll(/'([a-z_.]+)'/g)].map((m) => m[1] ?? ''));
const everyLiteral = new Set(files.flatMap((file) => [...quoted(fs.readFileSync(file, 'utf8'))]));
/** smtp-sender.ts builds `smtp.${kind}` and `smtp.test.${kind}` from the kind of failure. */
const smtpKinds = quoted(fs.readFileSync(SMTP_SENDER, 'utf8'));

describe('error reasons in the code', () => {
  it('gives only reasons the catalog words (area.what: other `reason`s are a call’s end or a field’s state)', () => {
    const given = files.flatMap((file) => [...fs.readFileSync(file, 'utf8').matchAll(/reason: '([a-z]+\.[^']+)'/g)].map((m) => ({ file: path.relative(ELECTRON, file), reason: m[1] })));
    expect(given.length).toBeGreaterThan(100);
    expect(given.filter(({ reason }) => !isErrorReason(reason))).toEqual([]);
  });

  it('gives every reason of the catalog somewhere (no dead sentence)', () => {
    const used = (reason: string) => {
      if (everyLiteral.has(reason)) return true;
      const smtp = /^smtp\.(?:test\.)?(.+)$/.exec(reason);
      return smtp !== null && smtpKinds.has(smtp[1] ?? '');
    };
    expect(Object.keys(errorCatalog).filter((reason) => !used(reason))).toEqual([]);
  });

  it('leaves no French sentence in a ServiceError or HubSpotError: they take a reason', () => {
    const bare = files.flatMap((file) =>
      [...fs.readFileSync(file, 'utf8').matchAll(/new (?:ServiceError|HubSpotError)\(\s*[^,]+,\s*[`'"]/g)].map((m) => `${path.relative(ELECTRON, file)}: ${m[0]}`),
    );
    expect(bare).toEqual([]);
  });
});
