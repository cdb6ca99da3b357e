/**
 * Tab- or semicolon-separated exports with one header row: Sage 50 (ex-Ciel) parametrable exports
 * (tab, « Windows ANSI », French labels: Code, Nom, Société, Adresse 1…3, Code Postal, Ville, Pays,
 * Téléphone, Portable, E-mail, SIRET, N° TVA intracom…), échéanciers (Compte, N° pièce, Échéance,
 * Montant or Débit/Crédit, Lettrage), and any other CSV once its columns are mapped (the mapping
 * is saved per source, see SageMappings).
 *
 * The separator is read from the header row and must be the one the format uses: a Sage 50 file
 * saved with « ; », or a CSV with « , », is refused whole with that reason — read with the wrong
 * one, every row would be one column.
 */
import type { AccountField, ColumnMapping, OpenItemField, SageAccount, SageOpenItem, SageReading } from './sage-records';
import { accountFromText, openItemFromText, refuseDuplicates, type AccountText, type OpenItemText } from './account-rows';

/** A header label as compared: no accents, case, punctuation (« N° TVA intracom. » → « n tva intracom »). */
export function headerKey(label: string): string {
  return label
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/°/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The labels Sage 50 and Sage 100 exports use, for each field (compared by headerKey). */
const ACCOUNT_LABELS: Record<AccountField, readonly string[]> = {
  code: ['code', 'code client', 'n compte', 'numero de compte', 'compte', 'numero', 'code tiers', 'n client', 'ct num'],
  name: ['societe', 'raison sociale', 'intitule', 'nom', 'nom societe', 'ct intitule'],
  firstName: ['prenom'],
  contact: ['contact', 'interlocuteur'],
  address: ['adresse 1', 'adresse', 'ct adresse'],
  complement: ['adresse 2', 'complement', 'complement d adresse', 'ct complement'],
  complement2: ['adresse 3'],
  postalCode: ['code postal', 'cp', 'ct codepostal'],
  city: ['ville', 'ct ville'],
  country: ['pays', 'ct pays'],
  phone: ['telephone', 'tel', 'telephone fixe', 'ct telephone'],
  mobile: ['portable', 'mobile', 'telephone portable'],
  fax: ['fax', 'telecopie', 'ct telecopie'],
  email: ['e mail', 'email', 'courriel', 'adresse e mail', 'ct email'],
  website: ['site web', 'site internet', 'site', 'ct site'],
  siret: ['siret', 'n siret', 'ct siret'],
  vat: ['n tva intracom', 'n tva intracommunautaire', 'tva intracommunautaire', 'numero de tva', 'n tva', 'ct identifiant'],
  ape: ['code ape', 'ape', 'code naf', 'naf'],
  createdOn: ['date de creation', 'cree le', 'ct datecreate'],
  dormant: ['en sommeil', 'mis en sommeil', 'sommeil', 'ct sommeil'],
  kind: ['type', 'type de tiers', 'ct type'],
  collective: ['compte collectif', 'collectif'],
};
const OPEN_ITEM_LABELS: Record<OpenItemField, readonly string[]> = {
  account: ['compte', 'code client', 'n compte', 'compte tiers', 'numero de compte', 'code tiers', 'ct num', 'code'],
  piece: ['n piece', 'piece', 'numero de piece', 'n facture', 'facture', 'ec piece', 'reference'],
  dueDate: ['echeance', 'date d echeance', 'date echeance', 'ec echeance'],
  amount: ['montant', 'montant ttc', 'reste du', 'solde', 'montant du'],
  debit: ['debit', 'ec montant debit'],
  credit: ['credit', 'ec montant credit'],
  lettrage: ['lettrage', 'let', 'ec lettrage'],
  label: ['libelle', 'intitule', 'ec intitule'],
  issuedOn: ['date', 'date piece', 'date de facture', 'date facture', 'ec date'],
};

export type Separator = '\t' | ';';

export interface DelimitedReading extends SageReading {
  /** The header row, as the mapping step shows it. */
  headers: string[];
}

/** Splits one row; a quoted value may hold the separator ("" is a quote). Null: a quote left open. */
export function splitRow(line: string, separator: Separator): string[] | null {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        if (i >= line.length) return null;
        if (line[i] === '"') {
          if (line[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += line[i++];
      }
      // Text after a closing quote belongs to the same value (as spreadsheets read it).
      const end = line.indexOf(separator, i);
      value += end < 0 ? line.slice(i) : line.slice(i, end);
      out.push(value);
      if (end < 0) return out;
      i = end + 1;
    } else {
      const end = line.indexOf(separator, i);
      if (end < 0) {
        out.push(line.slice(i));
        return out;
      }
      out.push(line.slice(i, end));
      i = end + 1;
    }
  }
}

/** Which column each field reads: the saved mapping first, then the labels Sage writes. */
function resolveColumns<F extends string>(headers: string[], labels: Record<F, readonly string[]>, mapping: ColumnMapping): { columns: Partial<Record<F, number>>; unknownMapped: string[] } {
  const keys = headers.map(headerKey);
  const columns: Partial<Record<F, number>> = {};
  const taken = new Set<number>();
  const unknownMapped: string[] = [];
  for (const [field, label] of Object.entries(mapping) as Array<[string, string]>) {
    if (!(field in labels)) continue;
    const index = keys.indexOf(headerKey(label));
    if (index < 0) unknownMapped.push(`${field} → « ${label} »`);
    else {
      columns[field as F] = index;
      taken.add(index);
    }
  }
  // Most specific labels first: « Code postal » must not be read as « code ».
  for (const field of Object.keys(labels) as F[]) {
    if (columns[field] !== undefined) continue;
    for (const label of labels[field]) {
      const index = keys.indexOf(label);
      if (index >= 0 && !taken.has(index)) {
        columns[field] = index;
        taken.add(index);
        break;
      }
    }
  }
  return { columns, unknownMapped };
}

export interface DelimitedOptions {
  /** The separator the format requires (Sage 50: tab); absent: tab or « ; », read from the header. */
  separator?: Separator;
  mapping?: ColumnMapping;
  /** Force what the file holds; absent: open items when it has a due date and a piece column. */
  kind?: 'accounts' | 'open-items';
}

/** The header row of a delimited file: where it is, its separator and its labels; or why the file is refused. */
function readHeader(text: string, required?: Separator): { lines: string[]; index: number; separator: Separator; headers: string[] } | { error: { line: number | null; reason: string } } {
  const lines = text.split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  let h = 0;
  while (h < lines.length && lines[h]!.trim() === '') h++;
  const headerLine = lines[h];
  if (headerLine === undefined) return { error: { line: null, reason: 'fichier vide' } };
  const found: Separator | null = headerLine.includes('\t') ? '\t' : headerLine.includes(';') ? ';' : null;
  const separator = required ?? found;
  const named = (s: string) => (s === '\t' ? 'tabulations' : s === ';' ? 'points-virgules' : s === ',' ? 'virgules' : `« ${s} »`);
  if (!found || (required && !headerLine.includes(required))) {
    const seen = [',', ';', '\t', '|'].find((s) => headerLine.includes(s));
    return { error: { line: h + 1, reason: `séparateur : la ligne d’en-tête ${seen ? `est séparée par des ${named(seen)}` : 'n’a qu’une colonne'} ; ${required ? `ce format attend des ${named(required)}` : 'attendu : tabulation ou point-virgule'} — rien n’est importé` } };
  }
  const headers = splitRow(headerLine, separator!);
  if (!headers) return { error: { line: h + 1, reason: 'en-tête : guillemet non fermé' } };
  return { lines, index: h, separator: separator!, headers: headers.map((x) => x.trim()) };
}

/** The fields a file of each kind cannot do without (open items: a due amount, as Montant or Débit). */
export const REQUIRED_FIELDS = { accounts: ['code', 'name'], 'open-items': ['account', 'piece', 'dueDate', 'amount'] } as const;

export interface DelimitedColumns {
  separator: Separator;
  headers: string[];
  kind: 'accounts' | 'open-items';
  /** The header label each field reads: the mapping given first, then the labels Sage writes. */
  columns: Partial<Record<AccountField | OpenItemField, string>>;
  /** The first rows, split as the import splits them. */
  sample: string[][];
}

/**
 * What the mapping step shows before anything is read for good: the header row, which column each
 * field would read (the saved mapping, then the labels Sage writes), what the file holds, and its
 * first rows. A mapped label absent from the header is dropped here (the person maps it again).
 */
export function describeDelimited(text: string, options: DelimitedOptions & { sampleRows?: number } = {}): DelimitedColumns | { error: { line: number | null; reason: string } } {
  const header = readHeader(text, options.separator);
  if ('error' in header) return header;
  const mapping = options.mapping ?? {};
  const items = resolveColumns<OpenItemField>(header.headers, OPEN_ITEM_LABELS, mapping);
  const kind = options.kind ?? (items.columns.dueDate !== undefined && items.columns.piece !== undefined ? 'open-items' : 'accounts');
  const { columns } = kind === 'open-items' ? items : resolveColumns<AccountField>(header.headers, ACCOUNT_LABELS, mapping);
  const named: DelimitedColumns['columns'] = {};
  for (const [field, index] of Object.entries(columns) as Array<[AccountField | OpenItemField, number]>) named[field] = header.headers[index]!;
  const sample: string[][] = [];
  for (let i = header.index + 1; i < header.lines.length && sample.length < (options.sampleRows ?? 5); i++) {
    if (header.lines[i]!.trim() === '') continue;
    sample.push(splitRow(header.lines[i]!, header.separator) ?? [header.lines[i]!]);
  }
  return { separator: header.separator, headers: header.headers, kind, columns: named, sample };
}

export function readDelimited(text: string, options: DelimitedOptions = {}): DelimitedReading {
  const reading: DelimitedReading = { kind: 'accounts', accounts: [], openItems: [], rejected: [], warnings: [], ignored: 0, fileError: null, headers: [] };
  const fail = (line: number | null, reason: string): DelimitedReading => ({ ...reading, accounts: [], openItems: [], fileError: { line, reason } });

  const header = readHeader(text, options.separator);
  if ('error' in header) return fail(header.error.line, header.error.reason);
  const { lines, index: h, separator } = header;
  reading.headers = header.headers;

  const mapping = options.mapping ?? {};
  const items = resolveColumns<OpenItemField>(reading.headers, OPEN_ITEM_LABELS, mapping);
  const kind = options.kind ?? (items.columns.dueDate !== undefined && items.columns.piece !== undefined ? 'open-items' : 'accounts');
  reading.kind = kind;

  if (kind === 'open-items') {
    const { columns, unknownMapped } = items;
    if (unknownMapped.length) return fail(h + 1, `colonnes de l’association introuvables dans l’en-tête : ${unknownMapped.join(', ')}`);
    const missing = (['account', 'piece', 'dueDate'] as const).filter((f) => columns[f] === undefined);
    if (columns.amount === undefined && columns.debit === undefined) missing.push('amount' as never);
    if (missing.length) return fail(h + 1, `colonnes à associer : ${missing.join(', ')} (en-tête : ${reading.headers.join(' | ')})`);
    const rows: SageOpenItem[] = [];
    eachRow(lines, h, separator!, reading, (values, line) => {
      const fields: OpenItemText = {};
      for (const [f, index] of Object.entries(columns) as Array<[OpenItemField, number]>) fields[f] = values[index];
      const outcome = openItemFromText(fields, line);
      if ('rejected' in outcome) reading.rejected.push(outcome.rejected);
      else rows.push(outcome.item);
    });
    const { kept, rejected } = refuseDuplicates(rows, (r) => `${r.account}\u0000${r.piece}\u0000${r.dueDate}`, (key) => {
      const [account, piece, due] = key.split('\u0000');
      return `échéance ${piece} du ${due} (compte ${account})`;
    });
    reading.openItems = kept;
    reading.rejected.push(...rejected);
  } else {
    const { columns, unknownMapped } = resolveColumns<AccountField>(reading.headers, ACCOUNT_LABELS, mapping);
    if (unknownMapped.length) return fail(h + 1, `colonnes de l’association introuvables dans l’en-tête : ${unknownMapped.join(', ')}`);
    const missing = (['code', 'name'] as const).filter((f) => columns[f] === undefined);
    if (missing.length) return fail(h + 1, `colonnes à associer : ${missing.join(', ')} (en-tête : ${reading.headers.join(' | ')})`);
    // Sage 50 writes the company in « Société » and the person in « Nom »: a row without a company is a person.
    const personColumn = columns.name !== undefined && headerKey(reading.headers[columns.name]!) === 'societe' ? reading.headers.findIndex((x) => headerKey(x) === 'nom') : -1;
    const rows: SageAccount[] = [];
    eachRow(lines, h, separator!, reading, (values, line) => {
      const fields: AccountText = {};
      for (const [f, index] of Object.entries(columns) as Array<[AccountField, number]>) fields[f] = values[index];
      if (personColumn >= 0) {
        const person = [fields.firstName, values[personColumn]].map((v) => v?.trim()).filter(Boolean).join(' ');
        delete fields.firstName;
        if ((fields.name ?? '').trim() === '') fields.name = person;
        else if (!fields.contact?.trim() && person) fields.contact = person;
      }
      const outcome = accountFromText(fields, line);
      if ('ignored' in outcome) reading.ignored++;
      else if ('rejected' in outcome) reading.rejected.push(outcome.rejected);
      else {
        rows.push(outcome.account);
        reading.warnings.push(...outcome.warnings);
      }
    });
    const { kept, rejected } = refuseDuplicates(rows, (a) => a.code, (code) => `compte ${code}`);
    reading.accounts = kept;
    reading.rejected.push(...rejected);
  }
  reading.rejected.sort((a, b) => a.line - b.line);
  return reading;
}

function eachRow(lines: string[], headerIndex: number, separator: Separator, reading: DelimitedReading, handle: (values: string[], line: number) => void): void {
  const width = reading.headers.length;
  for (let i = headerIndex + 1; i < lines.length; i++) {
    const raw = lines[i]!;
    if (raw.trim() === '') continue;
    const values = splitRow(raw, separator);
    if (!values) {
      reading.rejected.push({ line: i + 1, reason: 'guillemet non fermé' });
      continue;
    }
    if (values.length !== width) {
      const other = separator === '\t' ? ';' : '\t';
      const hint = values.length === 1 && raw.includes(other) ? ` — séparée par des ${other === '\t' ? 'tabulations' : 'points-virgules'}` : '';
      reading.rejected.push({ line: i + 1, reason: `${values.length} colonne${values.length > 1 ? 's' : ''} au lieu de ${width}${hint}` });
      continue;
    }
    handle(values, i + 1);
  }
}

/** The header row and rows of an accounts export in Sage 50's labels (the `accueil sage export` for sage50/csv). */
export const SAGE50_EXPORT_COLUMNS: ReadonlyArray<{ label: string; field: keyof SageAccount }> = [
  { label: 'Code', field: 'code' },
  { label: 'Société', field: 'name' },
  { label: 'Contact', field: 'contact' },
  { label: 'Adresse 1', field: 'address' },
  { label: 'Adresse 2', field: 'complement' },
  { label: 'Code Postal', field: 'postalCode' },
  { label: 'Ville', field: 'city' },
  { label: 'Pays', field: 'country' },
  { label: 'Téléphone', field: 'phone' },
  { label: 'Portable', field: 'mobile' },
  { label: 'E-mail', field: 'email' },
  { label: 'SIRET', field: 'siret' },
  { label: 'N° TVA intracom', field: 'vat' },
];

export function writeDelimited(accounts: ReadonlyArray<Partial<SageAccount>>, separator: Separator): string {
  const cell = (v: unknown) => {
    const t = v === null || v === undefined ? '' : String(v);
    return t.includes(separator) || t.includes('"') ? `"${t.replace(/"/g, '""')}"` : t;
  };
  const rows = [SAGE50_EXPORT_COLUMNS.map((c) => c.label).join(separator)];
  for (const a of accounts) rows.push(SAGE50_EXPORT_COLUMNS.map((c) => cell(a[c.field])).join(separator));
  return `${rows.join('\r\n')}\r\n`;
}
