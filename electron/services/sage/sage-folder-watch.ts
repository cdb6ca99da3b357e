/**
 * The daily import from a watched folder: the accountant (or a Sage scheduled export) drops the
 * files in a folder; once a day at the set time (Paris), every file there is imported — accounts
 * before échéanciers, so the open items find their accounts — and moved aside, as Sage itself
 * renames an imported RImport.txt to .BAK:
 *
 *   <dossier>/importés/2024-04-18-clients.txt  (+ .rapport.txt)   imported (lines refused listed)
 *   <dossier>/refusés/2024-04-18-clients.txt   (+ .rapport.txt)   refused whole, nothing imported
 *
 * Each file's source is its name without dates and numbers (« clients-180424.txt » → « clients »),
 * so its code page and columns are those remembered for it. The day's run is recorded in the store:
 * a restart after the hour does not run it twice, a console off at the hour runs it when it starts.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { AccueilStore } from '../store';
import { SyncStateRepository } from '../store/sync-state-repository';
import { localTime } from '../shared/paris-time';
import type { Logger } from '../log';
import type { SageBridge } from './sage-bridge';
import { describeImportReport } from './sage-report-text';
import type { SageImportReport } from './sage-importer';
import { sourceOfFile } from './sage-settings';

const LAST_RUN = 'sage.watch.lastRunDate';

export interface FolderRun {
  date: string;
  files: Array<{ file: string; movedTo: string; report: SageImportReport }>;
}


export class SageFolderWatch {
  private readonly state: SyncStateRepository;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly options: {
      bridge: SageBridge;
      store: AccueilStore;
      clock: () => Date;
      /** The folder and the time, read at each check (settings change without a restart). */
      config: () => { folder: string | null; at: string };
      logger?: Logger;
    },
  ) {
    this.state = new SyncStateRepository(options.store.database);
  }

  /** Whether today's import is due: past the hour (Paris), not yet run today. */
  due(): boolean {
    const { folder, at } = this.options.config();
    if (!folder) return false;
    const now = localTime(this.options.clock());
    const minutes = now.hour * 60 + this.options.clock().getUTCMinutes(); // Paris and UTC share their minutes
    const [h, m] = at.split(':').map(Number) as [number, number];
    return minutes >= h * 60 + m && this.state.get<string>(LAST_RUN) !== now.date;
  }

  /** Imports every file of the folder now (the daily run calls it when due). */
  runNow(): FolderRun {
    const { folder } = this.options.config();
    const date = localTime(this.options.clock()).date;
    const run: FolderRun = { date, files: [] };
    if (!folder) return run;
    const names = fs
      .readdirSync(folder, { withFileTypes: true })
      .filter((e) => e.isFile() && !e.name.startsWith('.') && /\.(txt|csv)$/i.test(e.name) && !/\.rapport\.txt$/i.test(e.name))
      .map((e) => e.name);
    // Accounts first: a dry read tells each file's kind.
    const kinds = new Map(names.map((name) => [name, this.options.bridge.importer.importBytes(fs.readFileSync(path.join(folder, name)), { fileName: name, page: this.options.bridge.settings.source(sourceOfFile(name)).encoding ?? 'windows-1252', dryRun: true }).kind]));
    names.sort((a, b) => Number(kinds.get(a) === 'open-items') - Number(kinds.get(b) === 'open-items') || a.localeCompare(b));
    for (const name of names) {
      const file = path.join(folder, name);
      let report: SageImportReport;
      try {
        report = this.options.bridge.importFile(file, { source: sourceOfFile(name) });
      } catch (error) {
        // A failure of the store (disk full): the file stays for the next run.
        this.options.logger?.error('sage folder import failed', { file: name, error: String(error) });
        continue;
      }
      const dir = path.join(folder, report.fileError ? 'refusés' : 'importés');
      fs.mkdirSync(dir, { recursive: true });
      const movedTo = path.join(dir, `${date}-${name}`);
      fs.renameSync(file, movedTo);
      fs.writeFileSync(`${movedTo}.rapport.txt`, `${describeImportReport(report).join('\r\n')}\r\n`);
      run.files.push({ file: name, movedTo, report });
    }
    this.state.set(LAST_RUN, date);
    this.options.logger?.info('sage folder imported', { folder, files: run.files.length });
    return run;
  }

  start(checkEveryMs = 60_000): void {
    const check = () => {
      try {
        if (this.due()) this.runNow();
      } catch (error) {
        this.options.logger?.error('sage folder check failed', { error: String(error) });
      }
    };
    check();
    this.timer = setInterval(check, checkEveryMs);
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
