import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSageFile } from './sage-file-reader';
import { decodeBytes, encodeText, looksLikeUtf8WithoutBom, UndecodableByteError } from './code-pages';
import { checkSiret, parseSageAmount, parseSageDate } from './sage-values';
import { readSage100, writeSage100 } from './sage100-format';
import { readDelimited, writeDelimited } from './delimited-export';

const golden = (name: string) => fs.readFileSync(path.resolve(__dirname, '../../../test/fixtures/sage', name));
const brief = (accounts: ReturnType<typeof readSageFile>['accounts']) => accounts.map((a) => [a.code, a.name, a.siret, a.siretValid, a.line]);

describe('code pages', () => {
  it('decodes Windows-1252 by its own table: 0x80 is €, 0x9C is œ (Node 20 decodes them as C1 controls)', () => {
    expect(decodeBytes(Uint8Array.from([0x80, 0x9c, 0x8c, 0xe9, 0x92]), 'windows-1252').text).toBe('€œŒé’');
  });
  it('decodes OEM 850 and 437 accents', () => {
    expect(decodeBytes(Uint8Array.from([0x82, 0x8a, 0x85, 0x87, 0x90]), 'ibm850').text).toBe('éèàçÉ');
    expect(decodeBytes(Uint8Array.from([0x82, 0x8a, 0x85, 0x87, 0x90]), 'ibm437').text).toBe('éèàçÉ');
    expect(decodeBytes(Uint8Array.from([0xd4]), 'ibm850').text).toBe('È');
  });
  it('names the line of a byte the page does not define, instead of patching it', () => {
    expect(() => decodeBytes(Buffer.from('ok\r\nà\r\n\x81', 'latin1'), 'windows-1252')).toThrow(/ligne 3 : l’octet 0x81 n’existe pas en windows-1252/);
    const error = (() => { try { decodeBytes(Buffer.from('ligne un\nligne deux \xe9\n', 'latin1'), 'utf-8'); } catch (e) { return e; } })();
    expect(error).toBeInstanceOf(UndecodableByteError);
    expect((error as UndecodableByteError).line).toBe(2);
  });
  it('reads a UTF-8 file with a byte-order mark as UTF-8 whatever the setting', () => {
    const r = decodeBytes(Uint8Array.from([0xef, 0xbb, 0xbf, 0xc5, 0x93]), 'ibm850');
    expect(r).toEqual({ text: 'œ', page: 'utf-8', bom: true });
  });
  it('tells UTF-8 without a byte-order mark from a legacy page', () => {
    expect(looksLikeUtf8WithoutBom(Buffer.from('Lefèvre', 'utf8'))).toBe(true);
    expect(looksLikeUtf8WithoutBom(Buffer.from('Lefèvre', 'latin1'))).toBe(false);
    expect(looksLikeUtf8WithoutBom(Buffer.from('Lefevre', 'latin1'))).toBe(false);
  });
  it('encodes back, and refuses what the page cannot hold (no « ? »)', () => {
    expect([...encodeText('Œuvre 150 €', 'windows-1252')]).toEqual([0x8c, 0x75, 0x76, 0x72, 0x65, 0x20, 0x31, 0x35, 0x30, 0x20, 0x80]);
    expect(() => encodeText('Cœur', 'ibm850')).toThrow(/« œ » n’existe pas en ibm850/);
  });
});

describe('Sage values', () => {
  it('reads JJMMAA and JJ/MM/AAAA dates, Sage’s empty dates as none, and refuses impossible ones', () => {
    expect(parseSageDate('150319')).toEqual({ ok: true, value: '2019-03-15' });
    expect(parseSageDate('311299')).toEqual({ ok: true, value: '1999-12-31' });
    expect(parseSageDate('02/05/2021')).toEqual({ ok: true, value: '2021-05-02' });
    expect(parseSageDate('010100')).toEqual({ ok: true, value: null });
    expect(parseSageDate('01/01/1900')).toEqual({ ok: true, value: null });
    expect(parseSageDate('31/04/2024')).toEqual({ ok: false, reason: 'date « 31/04/2024 » inexistante' });
    expect(parseSageDate('2024-04-01').ok).toBe(false);
  });
  it('reads amounts with a decimal comma into cents, and refuses a lone decimal point', () => {
    expect(parseSageAmount('3 450,00')).toEqual({ ok: true, value: 345000 });
    expect(parseSageAmount('1.234,5')).toEqual({ ok: true, value: 123450 });
    expect(parseSageAmount('-120,50')).toEqual({ ok: true, value: -12050 });
    expect(parseSageAmount('150,00-')).toEqual({ ok: true, value: -15000 });
    expect(parseSageAmount('4\u00a0500,50')).toEqual({ ok: true, value: 450050 });
    expect(parseSageAmount('12.50').ok).toBe(false);
  });
  it('checks SIRET and SIREN keys (Luhn), with La Poste’s exception', () => {
    expect(checkSiret('732 829 320 00017')).toEqual({ kind: 'siret', digits: '73282932000017', valid: true });
    expect(checkSiret('732829320')).toEqual({ kind: 'siren', digits: '732829320', valid: true });
    expect(checkSiret('73282932000018')).toMatchObject({ kind: 'siret', valid: false });
    expect(checkSiret('35600000000048')).toMatchObject({ valid: true }); // La Poste's head office
    expect(checkSiret('35600000000010')).toMatchObject({ valid: true }); // a La Poste office: digit sum divisible by 5, Luhn fails
    expect(checkSiret('')).toEqual({ kind: 'none' });
    expect(checkSiret('1234')).toMatchObject({ kind: 'malformed' });
  });
});

describe('golden files', () => {
  it('reads a Sage 100 file in OEM 850: accents, leading zeros, a bad SIRET key, a duplicated code, an incomplete block', () => {
    const r = readSageFile(golden('clients-sage100-ibm850.txt'), { page: 'ibm850' });
    expect(r.fileError).toBeNull();
    expect(r.format).toBe('sage100');
    expect(brief(r.accounts)).toEqual([
      ['0041', 'Boulangerie Léa Frères', '73282932000017', true, 4],
      ['00107', 'Chauffage Hervé & Fils', '41234567000018', false, 27],
      ['C0200', 'Mme Françoise Lefèvre', null, false, 50],
      ['0520', 'Électricité Dépannage Étienne', '52012345600037', true, 174],
    ]);
    expect(r.accounts[0]).toMatchObject({ contact: 'Léa Garçon', complement: 'Bâtiment à droite', createdOn: '2019-03-15', vat: 'FR32732829320', postalCode: '69003', email: 'compta@boulangerie-lea.fr' });
    expect(r.accounts[1]!.createdOn).toBeNull(); // 010100: Sage's empty date
    expect(r.rejected).toEqual([
      { line: 100, code: '0300', reason: 'compte 0300 en double (aussi ligne 151)' },
      { line: 123, code: 'AB CD', reason: 'numéro de compte « AB CD » invalide (lettres et chiffres, 17 au plus)' },
      { line: 146, code: '0410', reason: 'bloc #MPCT incomplet : 4 champs sur 22' },
      { line: 151, code: '0300', reason: 'compte 0300 en double (aussi ligne 100)' },
    ]);
    expect(r.warnings).toEqual([{ line: 27, code: '00107', reason: 'compte 00107 : SIRET 41234567000018 : clé de contrôle (Luhn) invalide — gardé, jamais utilisé pour le rapprochement' }]);
    expect(r.ignored).toBe(1); // the fournisseur
  });

  it('refuses the OEM file read as Windows-1252, naming the first byte that page lacks', () => {
    const r = readSageFile(golden('clients-sage100-ibm850.txt'), { page: 'windows-1252' });
    expect(r.accounts).toEqual([]);
    expect(r.fileError).toEqual({ line: 176, reason: 'ligne 176 : l’octet 0x90 n’existe pas en windows-1252 — le fichier n’est pas dans ce code page' });
  });

  it('refuses an OEM file read as Windows-1252 even when every byte decodes (é read as ‚)', () => {
    const r = readSageFile(golden('clients-sage100-tronque.txt'), { page: 'windows-1252' });
    expect(r.fileError).toEqual({ line: 6, reason: '« L‚a » : ce fichier semble écrit en OEM 850/437 (é, à, ç y sont les octets que Windows-1252 lit ‚ … ‡) — relancez avec --encoding ibm850 (ou ibm437)' });
  });

  it('reads a Sage 100 file in Windows-1252 with œ and €', () => {
    const r = readSageFile(golden('clients-sage100-windows1252.txt'), { page: 'windows-1252' });
    expect(r.fileError).toBeNull();
    expect(r.accounts[1]).toMatchObject({ code: '0612', name: 'Œuvres Sociales du Bâtiment', contact: 'Cœur Dubœuf', complement: 'Dépôt de garantie 150 € versé', createdOn: '2021-05-02' });
  });

  it('refuses a file cut short (no #FIN, last block truncated) whole', () => {
    const r = readSageFile(golden('clients-sage100-tronque.txt'), { page: 'ibm850' });
    expect(r.accounts).toEqual([]);
    expect(r.fileError).toEqual({ line: 35, reason: 'fichier tronqué : « #FIN » manquant (dernier bloc #MPCT ligne 27, 8 champs sur 22) — rien n’est importé, exportez de nouveau depuis Sage' });
  });

  it('reads a Sage 50 tab export: Société or Prénom + Nom, a short row and a duplicated code refused', () => {
    const r = readSageFile(golden('clients-sage50.txt'), { page: 'windows-1252', format: 'sage50' });
    expect(r.fileError).toBeNull();
    expect(brief(r.accounts)).toEqual([
      ['0041', 'Boulangerie Léa Frères', '73282932000017', true, 2],
      ['000815', 'Aimé Bœuf', null, false, 3],
      ['0612', 'Œuvres Sociales du Bâtiment', '38891234700043', true, 4],
      ['0900', 'SARL Martin Rénovation', '73282932000018', false, 5],
    ]);
    expect(r.accounts[0]).toMatchObject({ contact: 'Léa Garçon', phone: '04 78 12 34 56', vat: 'FR32732829320' });
    expect(r.accounts[1]).toMatchObject({ mobile: '06 98 76 54 32', contact: null });
    expect(r.rejected).toEqual([
      { line: 6, reason: '10 colonnes au lieu de 15' },
      { line: 7, code: '0815', reason: 'compte 0815 en double (aussi ligne 8)' },
      { line: 8, code: '0815', reason: 'compte 0815 en double (aussi ligne 7)' },
    ]);
    expect(r.warnings.map((w) => w.reason)).toEqual([
      'compte 0900 : SIRET 73282932000018 : clé de contrôle (Luhn) invalide — gardé, jamais utilisé pour le rapprochement',
      'compte 0900 : e-mail « contact@martin-renov » invalide — ignoré',
    ]);
  });

  it('refuses a Sage 50 export saved with semicolons whole (wrong separator)', () => {
    const r = readSageFile(golden('clients-sage50-point-virgule.txt'), { page: 'windows-1252', format: 'sage50' });
    expect(r.accounts).toEqual([]);
    expect(r.fileError).toEqual({ line: 1, reason: 'séparateur : la ligne d’en-tête est séparée par des points-virgules ; ce format attend des tabulations — rien n’est importé' });
  });

  it('reads a UTF-8 CSV with a byte-order mark once its columns are mapped, quoted « ; » included', () => {
    const unmapped = readSageFile(golden('clients-utf8-bom.csv'), { page: 'windows-1252', format: 'csv' });
    expect(unmapped.page).toBe('utf-8');
    expect(unmapped.fileError).toEqual({ line: 1, reason: 'colonnes à associer : code, name (en-tête : Réf. tiers | Dénomination | Rue | CP | Commune | Tél. | Courriel | Siret)' });
    const mapping = { code: 'Réf. tiers', name: 'Dénomination', address: 'Rue', postalCode: 'CP', city: 'Commune', phone: 'Tél.', email: 'Courriel' };
    const r = readSageFile(golden('clients-utf8-bom.csv'), { page: 'windows-1252', format: 'csv', mapping });
    expect(r.fileError).toBeNull();
    expect(brief(r.accounts)).toEqual([
      ['0041', 'Boulangerie Léa Frères', '73282932000017', true, 2],
      ['01200', 'Façades & Cie; Ravalement', '52012345600037', true, 3],
      ['01300', 'Maçonnerie Noël', null, false, 4],
    ]);
    expect(r.accounts[1]).toMatchObject({ address: '9 rue Œillet', phone: '04 72 33 44 55', email: 'facades@exemple.fr' });
  });

  it('refuses a UTF-8 file without a byte-order mark read as a legacy page, and says which setting to use', () => {
    const bytes = Buffer.from('Code\tSociété\r\n0041\tBoulangerie Léa\r\n', 'utf8');
    const r = readSageFile(bytes, { page: 'windows-1252' });
    expect(r.fileError?.reason).toBe('le fichier est en UTF-8 (sans BOM), pas en windows-1252 : relancez avec --encoding utf-8 (ou changez le code page de cette source)');
  });

  it('reads open items (échéances): debit − credit in cents, lettrage kept, bad dates and amounts refused by line', () => {
    const r = readSageFile(golden('echeances-windows1252.txt'), { page: 'windows-1252' });
    expect(r.fileError).toBeNull();
    expect(r.kind).toBe('open-items');
    expect(r.openItems.map((i) => [i.account, i.piece, i.dueDate, i.amountCents, i.lettrage, i.line])).toEqual([
      ['0041', 'FA2024-0107', '2024-03-02', 120000, null, 2],
      ['0041', 'FA2024-0131', '2024-03-16', 225000, null, 3],
      ['0041', 'FA2024-0090', '2024-02-09', 98000, 'AB', 4],
      ['0612', 'FA2024-0150', '2024-04-19', 450050, null, 5],
      ['0612', 'AV2024-0004', '2024-03-22', -15000, null, 6],
    ]);
    expect(r.openItems[1]!.label).toBe('Remplacement brûleur — pièces & main-d’œuvre');
    expect(r.rejected).toEqual([
      { line: 7, code: 'C0200', reason: 'échéance : date « 31/04/2024 » inexistante' },
      { line: 8, code: 'C0200', reason: 'débit : montant « 12.50 » illisible (attendu 3450,00 ou 3 450,00)' },
    ]);
  });
});

describe('writing back', () => {
  const account = { code: '00990', name: 'Cœur de Ville SCI', contact: 'Zoé Leroy', address: '1 place Carnot', complement: null, postalCode: '69002', city: 'Lyon', country: 'France', vat: null, siret: '52012345600037', createdOn: '2024-05-06', phone: '04 78 00 00 02', fax: null, email: 'sci@exemple.fr', website: null };
  it('writes a format Sage file that reads back to the same accounts (CRLF, #FIN)', () => {
    const text = writeSage100([account]);
    expect(text.startsWith('#FLG 001\r\n#VER 18\r\n#DEV EUR\r\n#MPCT\r\n00990\r\n')).toBe(true);
    expect(text.endsWith('#FIN\r\n')).toBe(true);
    const back = readSage100(text);
    expect(back.rejected).toEqual([]);
    expect(back.accounts[0]).toMatchObject({ ...account, siretValid: true });
  });
  it('writes a Sage 50 tab export that reads back', () => {
    const back = readDelimited(writeDelimited([account], '\t'), { separator: '\t' });
    expect(back.accounts[0]).toMatchObject({ code: '00990', name: 'Cœur de Ville SCI', contact: 'Zoé Leroy', siret: '52012345600037' });
  });
});
