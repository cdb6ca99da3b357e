/**
 * Sage 100's « format Sage » text file (the import/export an accountant runs without an SDK
 * licence), read and written:
 *
 *   #FLG 001            header: flag, version, currency
 *   #VER 14
 *   #DEV EUR
 *   #MPCT               one block per account: ONE FIELD PER LINE, BY POSITION (SAGE100_ACCOUNT_FIELDS);
 *   0041                an empty field is an empty line, never omitted
 *   Boulangerie Léa
 *   …
 *   #MRLT / #MBQT …     other blocks (reminders, bank details): skipped
 *   #FIN                the end; a file without it was cut short and is refused whole
 *
 * Lines end in CRLF; the code page is a setting of the source (OEM 850/437 or Windows-1252).
 */
import type { LineProblem, SageAccount } from './sage-records';
import { accountFromText, refuseDuplicates, type AccountText } from './account-rows';
import { formatSageDate } from './sage-values';

/**
 * The positions of a #MPCT block (F_COMPTET's fields, in the order of the format Sage export we
 * follow — 24eme/giilda's convertExportSociete2SAGE.pl — trimmed to the fields Accueil reads).
 * A newer version with more fields at the end is read; a block with fewer is refused.
 */
export const SAGE100_ACCOUNT_FIELDS = [
  'code', // CT_Num
  'name', // CT_Intitule
  'kind', // CT_Type: 0 client, 1 fournisseur, 2 salarié, 3 autre
  'collective', // compte collectif (41100000)
  'quality', // CT_Qualite
  'short', // CT_Classement (abrégé)
  'contact', // CT_Contact
  'address', // CT_Adresse
  'complement', // CT_Complement
  'postalCode', // CT_CodePostal
  'city', // CT_Ville
  'region', // CT_CodeRegion
  'country', // CT_Pays
  'vat', // CT_Identifiant (n° TVA intracommunautaire)
  'siret', // CT_Siret
  'ape', // CT_Ape
  'createdOn', // CT_DateCreate, JJMMAA
  'phone', // CT_Telephone
  'fax', // CT_Telecopie
  'email', // CT_EMail
  'website', // CT_Site
  'dormant', // CT_Sommeil: 0 / 1
] as const;

export interface Sage100Reading {
  accounts: SageAccount[];
  rejected: LineProblem[];
  warnings: LineProblem[];
  ignored: number;
  fileError: { line: number | null; reason: string } | null;
}

/** Reads the decoded text of a format Sage file. */
export function readSage100(text: string): Sage100Reading {
  const lines = text.split(/\r?\n/);
  // A final line ending leaves one empty string, not a line.
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const reading: Sage100Reading = { accounts: [], rejected: [], warnings: [], ignored: 0, fileError: null };
  const fail = (line: number | null, reason: string) => ({ ...reading, accounts: [], fileError: { line, reason } });

  let i = 0;
  while (i < lines.length && lines[i]!.trim() === '') i++;
  if (!/^#FLG\b/.test(lines[i] ?? '')) return fail(i + 1, 'pas un fichier au format Sage : « #FLG » attendu en tête');
  i++;
  if (!/^#VER\s+\d+/.test(lines[i] ?? '')) return fail(i + 1, '« #VER » attendu après « #FLG »');
  i++;
  if (/^#DEV\b/.test(lines[i] ?? '')) i++;

  const blocks: Array<{ tag: string; line: number; fields: string[] }> = [];
  let finLine: number | null = null;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith('#')) {
      const tag = line.trim().split(/\s+/)[0]!;
      if (tag === '#FIN') {
        finLine = i + 1;
        break;
      }
      blocks.push({ tag, line: i + 1, fields: [] });
    } else if (blocks.length === 0) {
      if (line.trim() !== '') return fail(i + 1, `ligne hors de tout bloc : « ${line.slice(0, 40)} »`);
    } else blocks[blocks.length - 1]!.fields.push(line);
  }
  if (finLine === null) {
    const last = blocks[blocks.length - 1];
    return fail(
      lines.length,
      `fichier tronqué : « #FIN » manquant${last ? ` (dernier bloc ${last.tag} ligne ${last.line}, ${last.fields.length} champ${last.fields.length > 1 ? 's' : ''} sur ${SAGE100_ACCOUNT_FIELDS.length})` : ''} — rien n’est importé, exportez de nouveau depuis Sage`,
    );
  }
  for (let j = finLine; j < lines.length; j++) {
    if (lines[j]!.trim() !== '') reading.warnings.push({ line: j + 1, reason: 'texte après « #FIN », ignoré' });
  }

  const accounts: SageAccount[] = [];
  for (const block of blocks) {
    if (block.tag !== '#MPCT') continue;
    if (block.fields.length < SAGE100_ACCOUNT_FIELDS.length) {
      reading.rejected.push({ line: block.line, ...(block.fields[0] ? { code: block.fields[0].trim() } : {}), reason: `bloc #MPCT incomplet : ${block.fields.length} champs sur ${SAGE100_ACCOUNT_FIELDS.length}` });
      continue;
    }
    const fields: AccountText = {};
    SAGE100_ACCOUNT_FIELDS.forEach((name, position) => {
      if (name !== 'quality' && name !== 'short' && name !== 'region') fields[name] = block.fields[position]!;
    });
    const outcome = accountFromText(fields, block.line);
    if ('ignored' in outcome) reading.ignored++;
    else if ('rejected' in outcome) reading.rejected.push(outcome.rejected);
    else {
      accounts.push(outcome.account);
      reading.warnings.push(...outcome.warnings);
    }
  }
  const { kept, rejected } = refuseDuplicates(accounts, (a) => a.code, (code) => `compte ${code}`);
  reading.accounts = kept;
  reading.rejected.push(...rejected);
  reading.rejected.sort((a, b) => a.line - b.line);
  return reading;
}

/** What an account becomes in an export (the fields Accueil knows; the others empty). */
export type ExportedAccount = Pick<SageAccount, 'code' | 'name' | 'contact' | 'address' | 'complement' | 'postalCode' | 'city' | 'country' | 'vat' | 'siret' | 'createdOn' | 'phone' | 'fax' | 'email' | 'website'>;

/**
 * The format Sage text of accounts to import (CRLF). A field holding a line break, or starting
 * with « # » on its own line, would shift every following position: the caller checks fields
 * with `fieldProblem` first.
 */
export function writeSage100(accounts: readonly ExportedAccount[], options: { version?: number; collective?: string } = {}): string {
  const out = ['#FLG 001', `#VER ${options.version ?? 18}`, '#DEV EUR'];
  for (const a of accounts) {
    const values: Record<(typeof SAGE100_ACCOUNT_FIELDS)[number], string> = {
      code: a.code,
      name: a.name,
      kind: '0',
      collective: options.collective ?? '41100000',
      quality: '',
      short: a.name.slice(0, 17).toUpperCase(),
      contact: a.contact ?? '',
      address: a.address ?? '',
      complement: a.complement ?? '',
      postalCode: a.postalCode ?? '',
      city: a.city ?? '',
      region: '',
      country: a.country ?? '',
      vat: a.vat ?? '',
      siret: a.siret ?? '',
      ape: '',
      createdOn: formatSageDate(a.createdOn),
      phone: a.phone ?? '',
      fax: a.fax ?? '',
      email: a.email ?? '',
      website: a.website ?? '',
      dormant: '0',
    };
    out.push('#MPCT', ...SAGE100_ACCOUNT_FIELDS.map((f) => values[f]));
  }
  out.push('#FIN');
  return `${out.join('\r\n')}\r\n`;
}

/** Why a value cannot be a positional field (null when it can). */
export function fieldProblem(value: string | null): string | null {
  if (value === null) return null;
  if (/[\r\n]/.test(value)) return 'contient un retour à la ligne';
  if (value.startsWith('#')) return 'commence par « # » (lu comme un bloc par Sage)';
  if (value.includes('\t')) return 'contient une tabulation';
  return null;
}
