/** `accueil sage import|export|reviews`, run as the accountant's script would (the built bin, a real data directory). */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSageFile } from '../../electron/services/sage/sage-file-reader';

const ROOT = path.resolve(import.meta.dirname, '../..');
const GOLDEN = path.join(ROOT, 'test/fixtures/sage');
let dir: string;

function accueil(...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/accueil.mjs'), ...args, '--data-dir', dir], { encoding: 'utf8', env: { ...process.env, ACCUEIL_DATA_DIR: '', ACCUEIL_HUBSPOT_TOKEN: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-sage-cli-'));
  expect(accueil('demo-data', '--contacts', '30').code).toBe(0);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('accueil sage', () => {
  it('refuses an unknown format or code page as bad usage', () => {
    expect(accueil('sage', 'import', path.join(GOLDEN, 'clients-sage50.txt'), '--format', 'ciel').code).toBe(2);
    const r = accueil('sage', 'import', path.join(GOLDEN, 'clients-sage50.txt'), '--encoding', 'ebcdic');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--encoding : utf-8, windows-1252, ibm850, ibm437');
  });

  it('dry-runs, then imports, then finds everything unchanged (JSON report)', () => {
    const file = path.join(GOLDEN, 'clients-sage100-ibm850.txt');
    const dry = JSON.parse(accueil('sage', 'import', file, '--encoding', 'cp850', '--dry-run', '--json').stdout);
    expect(dry).toMatchObject({ dryRun: true, page: 'ibm850', accounts: { read: 4 } });
    const first = accueil('sage', 'import', file, '--encoding', 'cp850', '--json');
    expect(first.code, first.stderr).toBe(0);
    const report = JSON.parse(first.stdout);
    expect(report.accounts.created + report.accounts.linked + report.accounts.toReview).toBe(4);
    expect(report.rejected.map((r: { line: number }) => r.line)).toEqual([100, 123, 146, 151]);
    // No --encoding the second time: the source remembers OEM 850.
    const again = JSON.parse(accueil('sage', 'import', file, '--json').stdout);
    expect(again.accounts).toMatchObject({ read: 4, created: 0, linked: 0, updated: 0, unchanged: 4 });
  });

  it('draws a progress bar on large files when asked (--progress; on a terminal by itself), never in the JSON', () => {
    // 1 200 accounts of a CSV made here: the bar is told every 500 lines, and at the end.
    const rows = Array.from({ length: 1200 }, (_, i) => `C${String(i).padStart(5, '0')};Client numéro ${i};Rennes`);
    const file = path.join(dir, 'grand-fichier.csv');
    fs.writeFileSync(file, `\uFEFFCode;Nom;Ville\r\n${rows.join('\r\n')}\r\n`);
    const r = accueil('sage', 'import', file, '--format', 'csv', '--source', 'grand', '--dry-run', '--progress', '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ accounts: { read: 1200 } });
    // French digit grouping: a narrow no-break space (« 1 200 »).
    const frames = r.stderr.split('\r').filter(Boolean).map((f) => f.trim().replace(/\u202f/g, ' '));
    expect(frames[0]).toBe('[····················]   0 % — 0 / 1 200');
    expect(frames).toContain('[########············]  41 % — 500 / 1 200');
    expect(frames.at(-1)).toBe('[####################] 100 % — 1 200 / 1 200');
    expect(accueil('sage', 'import', file, '--format', 'csv', '--source', 'grand', '--dry-run', '--json').stderr).toBe('');
  });

  it('says why a file is refused whole, in French, with exit code 1', () => {
    const r = accueil('sage', 'import', path.join(GOLDEN, 'clients-sage100-tronque.txt'), '--encoding', 'ibm850');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Fichier refusé (ligne 35) : fichier tronqué : « #FIN » manquant');
    const sep = accueil('sage', 'import', path.join(GOLDEN, 'clients-sage50-point-virgule.txt'), '--format', 'sage50', '--source', 'ciel');
    expect(sep.code).toBe(1);
    expect(sep.stdout).toContain('séparée par des points-virgules ; ce format attend des tabulations');
  });

  it('maps the columns of a CSV once, then reads the same source without --map', () => {
    const file = path.join(GOLDEN, 'clients-utf8-bom.csv');
    const r = accueil('sage', 'import', file, '--format', 'csv', '--source', 'tableur', '--map', 'code=Réf. tiers', '--map', 'name=Dénomination', '--map', 'city=Commune', '--dry-run');
    expect(r.code, r.stdout).toBe(0);
    expect(accueil('sage', 'import', file, '--source', 'tableur').code).toBe(1); // nothing saved by a dry run
    expect(accueil('sage', 'import', file, '--format', 'csv', '--source', 'tableur', '--map', 'code=Réf. tiers', '--map', 'name=Dénomination').code).toBe(0);
    const again = JSON.parse(accueil('sage', 'import', file, '--source', 'tableur', '--json').stdout);
    expect(again.accounts.unchanged).toBe(3);
  });

  it('exports the customers unknown to Sage in the same format and code page, which read back whole', () => {
    const out = path.join(dir, 'pour-sage.txt');
    const r = accueil('sage', 'export', '--out', out, '--json');
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ format: 'sage100', page: 'ibm850', refused: [] });
    expect(report.written.length).toBeGreaterThan(0);
    const bytes = fs.readFileSync(out);
    expect(bytes.subarray(0, 10).toString('latin1')).toBe('#FLG 001\r\n');
    const back = readSageFile(bytes, { page: 'ibm850' });
    expect(back.fileError).toBeNull();
    expect(back.rejected).toEqual([]);
    expect(back.accounts.map((a) => a.code)).toEqual(report.written.map((w: { code: string }) => w.code));
    // Until the accountant imports it, every accounts import says so.
    const next = JSON.parse(accueil('sage', 'import', path.join(GOLDEN, 'clients-sage100-ibm850.txt'), '--json').stdout);
    expect(next.exportsMissing.length).toBe(report.written.length);
  });
});
