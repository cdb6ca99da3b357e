/**
 * Paramètres › Import Sage through the contract, as the console and the company server call it:
 * on the server only a supervisor or an administrator imports; a staged file is its sender's;
 * the answers pass the contract's schemas; an import tells the console (`sage.changed`).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccueil, type Accueil } from '../../electron/services/accueil';
import { createMemoryLogger } from '../../electron/services/log';
import { encodeText } from '../../electron/services/sage/code-pages';
import { MemorySecrets } from '../support/memory-secrets';
import type { SageFileAnalysis } from '../../electron/contract/sage-calls';

type Begun = { uploadId: string; partBytes: number };

const NOW = new Date('2024-04-18T08:00:00Z');
let dataDir: string;
let accueil: Accueil;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-sage-calls-'));
  accueil = await createAccueil({ dataDir, mode: 'web', version: 'test', logger: createMemoryLogger(), secrets: new MemorySecrets(), env: {}, demoContacts: 20, clock: () => NOW });
}, 60_000);

afterAll(async () => {
  await accueil?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const person = (login: string) => ({ id: `u-${login}`, login, name: login, sipUser: null });
const CSV = encodeText(['Réf. tiers;Dénomination;Localité', 'T0001;Plâtrerie Gaëlle Cœur;Rennes', 'T0002;Énergies de l’Ouest;Vitré', ''].join('\r\n'), 'windows-1252');

async function upload(ctx: Parameters<Accueil['dispatch']>[2]) {
  const begun = await accueil.dispatch('sage.beginUpload', { name: 'tiers.csv', size: CSV.length }, ctx);
  if (!begun.ok) return begun;
  const { uploadId } = begun.value as Begun;
  const half = Math.floor(CSV.length / 2);
  for (const [index, part] of [CSV.subarray(0, half), CSV.subarray(half)].entries()) {
    const sent = await accueil.dispatch('sage.uploadPart', { uploadId, index, data: Buffer.from(part).toString('base64') }, ctx);
    if (!sent.ok) return sent;
  }
  const finished = await accueil.dispatch('sage.finishUpload', { uploadId }, ctx);
  return finished.ok ? { ok: true as const, value: finished.value as SageFileAnalysis } : finished;
}

describe('the Sage import calls', () => {
  it('lets a supervisor import on the company server, not an agent, and keeps a staged file to its sender', async () => {
    const asAgent = await upload({ access: 'agent', account: person('claire') });
    expect(asAgent).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const gaetan = { access: 'supervisor' as const, account: person('gaetan') };
    const staged = await upload(gaetan);
    if (!staged.ok) throw new Error(staged.error.message);
    expect(staged.value).toMatchObject({ source: 'tiers', format: 'csv', missing: ['code', 'name'], headers: ['Réf. tiers', 'Dénomination', 'Localité'] });
    expect(staged.value.fields).toContain('siret');

    const admin = { access: 'admin' as const, account: person('it') };
    expect(await accueil.dispatch('sage.analyseFile', { fileId: staged.value.fileId }, admin)).toMatchObject({ ok: false, error: { code: 'not_found', reason: 'sage.file_unknown' } });

    const mapping = { code: 'Réf. tiers', name: 'Dénomination', city: 'Localité' };
    const changed: string[][] = [];
    const off = accueil.events.on('sage.changed', ({ companyIds }) => changed.push(companyIds));
    try {
      const done = await accueil.dispatch('sage.importFile', { fileId: staged.value.fileId, mapping, dryRun: false }, gaetan);
      expect(done).toMatchObject({ ok: true, value: { dryRun: false, fileError: null, accounts: { read: 2, created: 2 }, rejectedCount: 0 } });
    } finally {
      off();
    }
    expect(changed).toHaveLength(1);
    expect(changed[0]).toHaveLength(2);
    expect(accueil.port('sage').repo.account('T0002')).toMatchObject({ name: 'Énergies de l’Ouest', city: 'Vitré' });
  });

  it('refuses a part out of order, a mapping to an unknown field, and a forged file id', async () => {
    const desk = { access: 'agent' as const };
    const begun = await accueil.dispatch('sage.beginUpload', { name: 'tiers.csv', size: CSV.length }, desk);
    if (!begun.ok) throw new Error(begun.error.message);
    expect(await accueil.dispatch('sage.uploadPart', { uploadId: (begun.value as Begun).uploadId, index: 1, data: Buffer.from(CSV).toString('base64') }, desk)).toMatchObject({ ok: false, error: { reason: 'documents.upload_incomplete' } });
    const staged = await upload(desk);
    if (!staged.ok) throw new Error(staged.error.message);
    expect(await accueil.dispatch('sage.analyseFile', { fileId: staged.value.fileId, mapping: { password: 'Réf. tiers' } }, desk)).toMatchObject({ ok: false, error: { reason: 'sage.mapping_field_unknown' } });
    expect(await accueil.dispatch('sage.importFile', { fileId: 'forged', dryRun: true }, desk)).toMatchObject({ ok: false, error: { reason: 'sage.file_unknown' } });
    expect(await accueil.dispatch('sage.discardFile', { fileId: staged.value.fileId }, desk)).toEqual({ ok: true, value: { discarded: true } });
  });
});
