/**
 * Paramètres › Import Sage, on the services' side: a file sent from the console in parts, kept
 * staged while the person looks at how it would be read (source, page, kind, columns), tries it
 * (dry run: nothing stored) and imports it. A staged file belongs to whoever sent it (the account
 * on the company server), is forgotten STAGED_MINUTES after it arrived or once imported, and a
 * caller keeps at most MAX_STAGED_PER_CALLER of them: the bytes live in memory only.
 */
import { randomUUID } from 'node:crypto';
import { ServiceError } from '../../contract/envelope';
import { SAGE_REPORT_LINES, type SageFileAnalysis, type SageImportSummary } from '../../contract/sage-calls';
import { UploadSessions } from '../shared/upload-sessions';
import type { CodePage } from './code-pages';
import type { SageBridge } from './sage-bridge';
import type { SageImportReport } from './sage-importer';
import { sourceOfFile } from './sage-settings';
import { ACCOUNT_FIELDS, OPEN_ITEM_FIELDS, type ColumnMapping, type SageFormat } from './sage-records';

export const STAGED_MINUTES = 30;
export const MAX_STAGED_PER_CALLER = 2;
/** A Sage export of 100 000 accounts is about 25 MB. */
export const MAX_SAGE_FILE_BYTES = 100 * 1024 * 1024;

export interface ReadChoice {
  source?: string | undefined;
  format?: SageFormat | undefined;
  encoding?: CodePage | undefined;
  kind?: 'accounts' | 'open-items' | undefined;
  mapping?: Record<string, string> | undefined;
}

interface Staged {
  owner: string;
  name: string;
  bytes: Buffer;
  stagedAt: number;
}

const MAPPED_FIELDS = new Set<string>([...ACCOUNT_FIELDS, ...OPEN_ITEM_FIELDS]);

function mappingOf(mapping: Record<string, string> | undefined): ColumnMapping | undefined {
  if (!mapping) return undefined;
  for (const field of Object.keys(mapping)) {
    if (!MAPPED_FIELDS.has(field)) throw new ServiceError('bad_request', { reason: 'sage.mapping_field_unknown', params: { field } });
  }
  return mapping as ColumnMapping;
}

function options(choice: ReadChoice) {
  const mapping = mappingOf(choice.mapping);
  return {
    ...(choice.source ? { source: choice.source } : {}),
    ...(choice.format ? { format: choice.format } : {}),
    ...(choice.encoding ? { encoding: choice.encoding } : {}),
    ...(choice.kind ? { kind: choice.kind } : {}),
    ...(mapping ? { mapping } : {}),
  };
}

/** The report as it crosses: whole counts, the first SAGE_REPORT_LINES refused lines and notes. */
export function importSummary(report: SageImportReport): SageImportSummary {
  return {
    fileName: report.fileName,
    format: report.format,
    encoding: report.page,
    kind: report.kind,
    dryRun: report.dryRun,
    fileError: report.fileError,
    accounts: report.accounts,
    openItems: report.openItems,
    rejected: report.rejected.slice(0, SAGE_REPORT_LINES),
    rejectedCount: report.rejected.length,
    warnings: report.warnings.slice(0, SAGE_REPORT_LINES),
    warningsCount: report.warnings.length,
    conflicts: report.conflicts.length,
    reviews: report.reviews.length,
    exportsMissing: report.exportsMissing.length,
    exportsArrived: report.exportsArrived,
  };
}

export class SageImportStep {
  private readonly uploads: UploadSessions<{ name: string }>;
  private readonly staged = new Map<string, Staged>();

  constructor(
    private readonly bridge: SageBridge,
    private readonly now: () => number,
  ) {
    this.uploads = new UploadSessions(now, () => MAX_SAGE_FILE_BYTES);
  }

  begin(owner: string, name: string, size: number): string {
    return this.uploads.begin(owner, size, { name });
  }

  part(owner: string, uploadId: string, index: number, data: Buffer): number {
    return this.uploads.part(owner, uploadId, index, data);
  }

  /** The last part is in: the file is staged and analysed with its source's remembered settings. */
  finish(owner: string, uploadId: string): SageFileAnalysis {
    const { bytes, meta } = this.uploads.finish(owner, uploadId);
    this.expire();
    const mine = [...this.staged.entries()].filter(([, s]) => s.owner === owner).sort((a, b) => a[1].stagedAt - b[1].stagedAt);
    // The oldest goes: a person who picks a third file has moved on from the first.
    while (mine.length >= MAX_STAGED_PER_CALLER) this.staged.delete(mine.shift()![0]);
    const fileId = randomUUID();
    this.staged.set(fileId, { owner, name: meta.name, bytes, stagedAt: this.now() });
    return this.analyse(owner, fileId, {});
  }

  analyse(owner: string, fileId: string, choice: ReadChoice): SageFileAnalysis {
    const file = this.find(owner, fileId);
    return { fileId, ...this.bridge.analyse(file.bytes, file.name, options(choice)) };
  }

  /** A dry run keeps the file staged; an import that read the file (even with lines refused) forgets it. */
  import(owner: string, fileId: string, choice: ReadChoice & { dryRun: boolean }): SageImportSummary {
    const file = this.find(owner, fileId);
    const chosen = options(choice);
    const report = this.bridge.importBytes(file.bytes, file.name, { ...chosen, source: chosen.source ?? sourceOfFile(file.name), dryRun: choice.dryRun });
    if (!choice.dryRun && !report.fileError) this.staged.delete(fileId);
    return importSummary(report);
  }

  discard(owner: string, fileId: string): boolean {
    const file = this.staged.get(fileId);
    if (!file || file.owner !== owner) return false;
    return this.staged.delete(fileId);
  }

  private find(owner: string, fileId: string): Staged {
    this.expire();
    const file = this.staged.get(fileId);
    if (!file || file.owner !== owner) throw new ServiceError('not_found', { reason: 'sage.file_unknown', params: { minutes: STAGED_MINUTES } });
    return file;
  }

  private expire(): void {
    const limit = this.now() - STAGED_MINUTES * 60_000;
    for (const [id, file] of this.staged) if (file.stagedAt < limit) this.staged.delete(id);
  }
}
