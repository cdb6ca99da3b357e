/**
 * The bridge to Sage through the files Sage reads and writes: `import` a file (its source's format,
 * code page and column mapping, remembered from the first successful import), `export` the
 * customers Sage does not know, and the HubSpot push that follows an import. The CLI
 * (`accueil sage …`), the watched folder and the console's calls all go through here.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { AccueilStore } from '../store';
import type { EventBus } from '../event-bus';
import type { Logger } from '../log';
import type { CodePage } from './code-pages';
import { decodeSageFile } from './sage-file-reader';
import { describeDelimited, REQUIRED_FIELDS } from './delimited-export';
import { readSage100 } from './sage100-format';
import { SageImporter, type SageImportReport } from './sage-importer';
import { SageLedger } from './sage-ledger';
import { SageRepository } from './sage-repository';
import { DEFAULT_CODE_PAGE, SageSettingsStore, sourceOfFile } from './sage-settings';
import { ACCOUNT_FIELDS, OPEN_ITEM_FIELDS, type ColumnMapping, type SageFormat } from './sage-records';
import { exportUnknownCustomers, type SageExportReport } from './sage-exporter';
import type { SageHubSpotPush } from './sage-hubspot-push';

export interface ImportFileOptions {
  /** The source whose settings apply and are remembered (default « sage »). */
  source?: string;
  format?: SageFormat;
  encoding?: CodePage;
  mapping?: ColumnMapping;
  kind?: 'accounts' | 'open-items';
  dryRun?: boolean;
  onProgress?: (done: number, total: number) => void;
}

/**
 * What the console's import step shows before anything is stored: how the file will be read (the
 * source's remembered settings, else what the file says), which column each field reads, the first
 * rows, and a refusal already visible (wrong page, wrong separator).
 */
export interface SageFileAnalysis {
  fileName: string;
  size: number;
  /** The source whose settings apply (given, else the file's name without dates: « clients »). */
  source: string;
  /** The source was imported before: its format, page and columns are remembered. */
  knownSource: boolean;
  format: SageFormat;
  /** The page read with ('utf-8' when the file carries a BOM, whatever was asked). */
  encoding: CodePage;
  bom: boolean;
  kind: 'accounts' | 'open-items';
  /** A delimited file's header row; null for Sage 100 (one field per line, by position). */
  headers: string[] | null;
  /** Field → header label it reads (delimited files). */
  mapping: ColumnMapping;
  /** Every field a column may be mapped to, for this kind. */
  fields: string[];
  /** The fields the kind cannot do without, and those no column reads yet. */
  required: string[];
  missing: string[];
  /** The first rows: a delimited file's cells by header; a Sage 100 file's code, name, postal code, city. */
  sample: string[][];
  fileError: { line: number | null; reason: string } | null;
}

export interface SageBridgeOptions {
  store: AccueilStore;
  dataDir: string;
  clock: () => Date;
  events?: EventBus;
  logger?: Logger;
  /** A CRM workspace: accounts go to HubSpot (never from the demo). */
  pushToHubSpot: () => boolean;
  push: SageHubSpotPush;
}

export class SageBridge {
  readonly repo: SageRepository;
  readonly importer: SageImporter;
  readonly ledger: SageLedger;
  readonly settings: SageSettingsStore;

  constructor(private readonly options: SageBridgeOptions) {
    this.repo = new SageRepository(options.store.database, options.clock);
    this.importer = new SageImporter({ store: options.store, repo: this.repo, pushToHubSpot: options.pushToHubSpot, clock: options.clock });
    this.ledger = new SageLedger({ repo: this.repo, importer: this.importer, clock: options.clock, pushToHubSpot: options.pushToHubSpot });
    this.settings = new SageSettingsStore(options.dataDir);
  }

  get push(): SageHubSpotPush {
    return this.options.push;
  }

  /** How a source's file is read: what the person chose, else what the source remembers, else the defaults. */
  private readingOf(sourceName: string, options: Pick<ImportFileOptions, 'encoding' | 'format' | 'mapping'>): { page: CodePage; format: SageFormat | undefined; mapping: ColumnMapping } {
    const source = this.settings.source(sourceName);
    return { page: options.encoding ?? source.encoding ?? DEFAULT_CODE_PAGE, format: options.format ?? source.format, mapping: { ...source.mapping, ...options.mapping } };
  }

  importFile(file: string, options: ImportFileOptions = {}): SageImportReport {
    return this.importBytes(fs.readFileSync(file), path.basename(file), options);
  }

  /**
   * Imports a file's bytes (the console's upload, a file read from disk): the source's settings
   * apply, what is given overrides them, and what worked is remembered for the source.
   */
  importBytes(bytes: Uint8Array, fileName: string, options: ImportFileOptions = {}): SageImportReport {
    const sourceName = options.source ?? 'sage';
    const { page, format, mapping } = this.readingOf(sourceName, options);
    const report = this.importer.importBytes(bytes, {
      fileName,
      page,
      ...(format ? { format } : {}),
      ...(Object.keys(mapping).length ? { mapping } : {}),
      ...(options.kind ? { kind: options.kind } : {}),
      dryRun: options.dryRun === true,
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    if (report.dryRun || report.fileError) return report;
    // What worked is how this source is read from now on (the daily import needs no flags).
    this.settings.saveSource(sourceName, { format: report.format, encoding: page, ...(Object.keys(mapping).length ? { mapping } : {}) });
    this.options.logger?.info('sage import', { file: report.fileName, kind: report.kind, accounts: report.accounts, openItems: report.openItems, rejected: report.rejected.length, conflicts: report.conflicts.length });
    if (report.changedCompanyIds.length) this.options.events?.emit('directory.changed', { contactIds: [], companyIds: report.changedCompanyIds });
    this.options.events?.emit('sage.changed', { companyIds: report.changedCompanyIds });
    return report;
  }

  /**
   * How a file would be read, for the mapping step: the source's remembered settings (the source
   * named, else the file's name without dates), overridden by what the person chose.
   */
  analyse(bytes: Uint8Array, fileName: string, options: Omit<ImportFileOptions, 'dryRun' | 'onProgress'> = {}): SageFileAnalysis {
    const sourceName = options.source ?? sourceOfFile(fileName);
    const knownSource = sourceName in this.settings.get().sources;
    const { page, format, mapping } = this.readingOf(sourceName, options);
    const decoded = decodeSageFile(bytes, { page, ...(format ? { format } : {}) });
    const base = { fileName, size: bytes.length, source: sourceName, knownSource, format: decoded.format, encoding: decoded.page };
    if ('fileError' in decoded) {
      const kind = options.kind ?? 'accounts';
      return { ...base, bom: false, kind, headers: null, mapping: {}, fields: [], required: [...REQUIRED_FIELDS[kind]], missing: [], sample: [], fileError: decoded.fileError };
    }
    if (decoded.format === 'sage100') {
      const read = readSage100(decoded.text);
      const sample = read.accounts.slice(0, 5).map((a) => [a.code, a.name, a.postalCode ?? '', a.city ?? '']);
      return { ...base, bom: decoded.bom, kind: 'accounts', headers: null, mapping: {}, fields: [], required: [], missing: [], sample, fileError: read.fileError };
    }
    const described = describeDelimited(decoded.text, {
      ...(decoded.format === 'sage50' ? { separator: '\t' as const } : {}),
      mapping,
      ...(options.kind ? { kind: options.kind } : {}),
    });
    if ('error' in described) {
      const kind = options.kind ?? 'accounts';
      return { ...base, bom: decoded.bom, kind, headers: null, mapping: {}, fields: [], required: [...REQUIRED_FIELDS[kind]], missing: [], sample: [], fileError: described.error };
    }
    const required: string[] = [...REQUIRED_FIELDS[described.kind]];
    // A due amount is read from « Montant », or from « Débit » (less « Crédit »).
    const missing = required.filter((field) => !described.columns[field as keyof ColumnMapping] && !(field === 'amount' && described.columns.debit));
    return { ...base, bom: decoded.bom, kind: described.kind, headers: described.headers, mapping: described.columns, fields: [...(described.kind === 'accounts' ? ACCOUNT_FIELDS : OPEN_ITEM_FIELDS)], required, missing, sample: described.sample, fileError: null };
  }

  /** Writes the customers Sage does not know to `out`, in the export's (else the accounts source's) format and page. */
  exportFile(out: string, options: { source?: string; format?: SageFormat; encoding?: CodePage; dryRun?: boolean } = {}): SageExportReport {
    const settings = this.settings.get();
    const source = this.settings.source(options.source ?? 'sage');
    const format = options.format ?? settings.export.format ?? source.format ?? 'sage100';
    const page = options.encoding ?? settings.export.encoding ?? source.encoding ?? DEFAULT_CODE_PAGE;
    const { bytes, report } = exportUnknownCustomers(this.repo, (id) => this.options.store.phones.forCompany(id).map((p) => ({ raw: p.raw, kind: p.kind })), {
      format,
      page,
      codePrefix: settings.export.codePrefix,
      codeDigits: settings.export.codeDigits,
      fileName: path.basename(out),
      record: options.dryRun !== true,
    });
    if (options.dryRun !== true) fs.writeFileSync(out, bytes);
    return report;
  }
}
