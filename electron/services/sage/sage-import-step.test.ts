/**
 * Paramètres › Import Sage, services' side, on a real SQLite file: a CSV whose columns Sage's labels
 * do not name is staged, mapped, tried (nothing stored), imported (stored, the mapping remembered
 * for its source), and the next file of the source comes already mapped. A staged file is its
 * sender's only, expires, and bad choices get clear refusals. The clock is injected.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { reasonOf } from '../../../test/support/service-reason';
import { useTempStoreFile } from '../../../test/support/temp-store-file';
import { encodeText } from './code-pages';
import { SageBridge } from './sage-bridge';
import { SageHubSpotPush } from './sage-hubspot-push';
import { SageRepository } from './sage-repository';
import { sageMigrations } from './sage-migrations';
import { MAX_STAGED_PER_CALLER, SageImportStep, STAGED_MINUTES } from './sage-import-step';

const temp = useTempStoreFile('accueil-sage-step-');

function open() {
  let now = new Date('2024-04-18T08:00:00Z').getTime();
  const clock = () => new Date(now);
  const store = temp.open({ clock });
  store.database.migrateArea('sage', sageMigrations);
  const push = new SageHubSpotPush({ store, repo: new SageRepository(store.database, clock), gateway: () => null, clock });
  const bridge = new SageBridge({ store, dataDir: temp.dir(), clock, pushToHubSpot: () => false, push });
  const step = new SageImportStep(bridge, () => now);
  return { store, bridge, step, advance: (ms: number) => (now += ms) };
}

/** An export from another tool: « Réf. tiers » and « Dénomination » are no label Sage writes. */
const CSV = ['Réf. tiers;Dénomination;CP;Localité;Courriel', '0041;Boulangerie Léa;69003;Lyon;lea@exemple.fr', '00107;Chauffage Hervé et Fils;42600;Montbrison;', '0041;Doublon;69003;Lyon;', ''].join('\r\n');

function send(step: SageImportStep, owner: string, name: string, bytes: Uint8Array) {
  const uploadId = step.begin(owner, name, bytes.length);
  // Two parts, as the console sends a large file.
  const half = Math.floor(bytes.length / 2);
  step.part(owner, uploadId, 0, Buffer.from(bytes.subarray(0, half)));
  step.part(owner, uploadId, 1, Buffer.from(bytes.subarray(half)));
  return step.finish(owner, uploadId);
}

describe('the console’s import step', () => {
  it('maps unknown columns, tries the file, imports it, and remembers the mapping for its source', () => {
    const { store, bridge, step } = open();
    const first = send(step, 'gaetan', 'tiers-180424.csv', encodeText(CSV, 'windows-1252'));
    expect(first).toMatchObject({ source: 'tiers', knownSource: false, format: 'csv', encoding: 'windows-1252', kind: 'accounts', fileError: null });
    expect(first.headers).toEqual(['Réf. tiers', 'Dénomination', 'CP', 'Localité', 'Courriel']);
    // « CP » and « Courriel » are labels Sage writes; the code and the name are not.
    expect(first.mapping).toEqual({ postalCode: 'CP', email: 'Courriel' });
    expect(first.missing).toEqual(['code', 'name']);
    expect(first.sample[0]).toEqual(['0041', 'Boulangerie Léa', '69003', 'Lyon', 'lea@exemple.fr']);

    const mapping = { ...first.mapping, code: 'Réf. tiers', name: 'Dénomination', city: 'Localité' };
    const mapped = step.analyse('gaetan', first.fileId, { mapping });
    expect(mapped.missing).toEqual([]);
    expect(mapped.mapping).toMatchObject({ code: 'Réf. tiers', name: 'Dénomination', city: 'Localité' });

    const before = store.database.prepare('SELECT COUNT(*) AS n FROM sage_accounts').get() as { n: number };
    const tried = step.import('gaetan', first.fileId, { mapping, dryRun: true });
    expect(tried).toMatchObject({ dryRun: true, fileError: null, rejectedCount: 2 });
    expect(tried.accounts).toMatchObject({ read: 1, created: 1 });
    expect(tried.rejected.map((r) => r.line)).toEqual([2, 4]);
    expect(store.database.prepare('SELECT COUNT(*) AS n FROM sage_accounts').get()).toEqual(before);
    expect(fs.existsSync(path.join(temp.dir(), 'sage.json'))).toBe(false);

    const done = step.import('gaetan', first.fileId, { mapping, dryRun: false });
    expect(done).toMatchObject({ dryRun: false, fileError: null });
    expect(bridge.repo.account('00107')).toMatchObject({ name: 'Chauffage Hervé et Fils', city: 'Montbrison', postal_code: '42600' });
    // Imported: the staged file is gone.
    expect(reasonOf(() => step.import('gaetan', first.fileId, { mapping, dryRun: false }))).toBe('sage.file_unknown');
    const saved = JSON.parse(fs.readFileSync(path.join(temp.dir(), 'sage.json'), 'utf8'));
    expect(saved.sources.tiers).toMatchObject({ format: 'csv', encoding: 'windows-1252', mapping: { code: 'Réf. tiers', name: 'Dénomination', city: 'Localité' } });

    // The next day's file of the same source comes mapped, and changes nothing.
    const next = send(step, 'gaetan', 'tiers-190424.csv', encodeText(CSV, 'windows-1252'));
    expect(next).toMatchObject({ source: 'tiers', knownSource: true, missing: [] });
    expect(next.mapping).toMatchObject({ code: 'Réf. tiers', name: 'Dénomination' });
    const again = step.import('gaetan', next.fileId, { dryRun: false });
    expect(again.accounts).toMatchObject({ read: 1, created: 0, unchanged: 1 });
  });

  it('shows a wrong code page before anything is tried, and reads the file once told', () => {
    const { step } = open();
    const oem = send(step, 'gaetan', 'clients.csv', encodeText('Code;Nom;Ville\r\n0041;Société Générale de Chauffage;Orléans\r\n', 'ibm850'));
    expect(oem.fileError?.reason).toMatch(/OEM 850/);
    const told = step.analyse('gaetan', oem.fileId, { encoding: 'ibm850' });
    expect(told).toMatchObject({ fileError: null, encoding: 'ibm850', missing: [] });
    expect(told.sample[0]).toEqual(['0041', 'Société Générale de Chauffage', 'Orléans']);
  });

  it('keeps a staged file to its sender, forgets it after a while, and refuses unknown fields', () => {
    const { step, advance } = open();
    const staged = send(step, 'gaetan', 'tiers.csv', encodeText(CSV, 'windows-1252'));
    expect(reasonOf(() => step.analyse('claire', staged.fileId, {}))).toBe('sage.file_unknown');
    expect(step.discard('claire', staged.fileId)).toBe(false);
    expect(reasonOf(() => step.analyse('gaetan', staged.fileId, { mapping: { motDePasse: 'Réf. tiers' } }))).toBe('sage.mapping_field_unknown');
    advance(STAGED_MINUTES * 60_000 + 1);
    expect(reasonOf(() => step.analyse('gaetan', staged.fileId, {}))).toBe('sage.file_unknown');
    // A caller keeps a bounded number of files: the oldest goes first.
    const ids = Array.from({ length: MAX_STAGED_PER_CALLER + 1 }, () => send(step, 'gaetan', 'tiers.csv', encodeText(CSV, 'windows-1252')).fileId);
    expect(reasonOf(() => step.analyse('gaetan', ids[0]!, {}))).toBe('sage.file_unknown');
    expect(step.analyse('gaetan', ids.at(-1)!, {}).fileName).toBe('tiers.csv');
    expect(step.discard('gaetan', ids.at(-1)!)).toBe(true);
  });
});
