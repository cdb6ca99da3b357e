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
import { SageImporter, type SageImportReport } from './sage-importer';
import { SageLedger } from './sage-ledger';
import { SageRepository } from './sage-repository';
import { DEFAULT_CODE_PAGE, SageSettingsStore } from './sage-settings';
import type { ColumnMapping, SageFormat } from './sage-records';
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

  importFile(file: string, options: ImportFileOptions = {}): SageImportReport {
    const sourceName = options.source ?? 'sage';
    const source = this.settings.source(sourceName);
    const page = options.encoding ?? source.encoding ?? DEFAULT_CODE_PAGE;
    const format = options.format ?? source.format;
    const mapping = { ...source.mapping, ...options.mapping };
    const bytes = fs.readFileSync(file);
    const report = this.importer.importBytes(bytes, {
      fileName: path.basename(file),
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
