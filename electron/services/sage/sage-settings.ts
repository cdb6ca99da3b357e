/**
 * The Sage area's settings, in `sage.json` beside settings.json (the area's own file):
 * - per source (one accountant's export: « sage », « echeances »…): its format, its code page and
 *   its column mapping — saved by the first successful import, so the daily watched-folder import
 *   and the next `accueil sage import` read it the same way without being told again;
 * - the export: how new account codes are made (prefix and digits: C00001…), its format and page
 *   (default: those of the accounts source — « the same format and code page »);
 * - the watched folder and the time of the daily import.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../shared/atomic-file';
import { CODE_PAGES, type CodePage } from './code-pages';
import { ACCOUNT_FIELDS, OPEN_ITEM_FIELDS, SAGE_FORMATS, type ColumnMapping, type SageFormat } from './sage-records';

const Source = z.object({
  format: z.enum(SAGE_FORMATS).optional(),
  encoding: z.enum(CODE_PAGES).optional(),
  mapping: z.partialRecord(z.enum([...ACCOUNT_FIELDS, ...OPEN_ITEM_FIELDS]), z.string()).optional(),
});
export type SageSource = z.infer<typeof Source>;

const Stored = z.object({
  sources: z.record(z.string(), Source).default({}),
  export: z
    .object({
      codePrefix: z.string().regex(/^[A-Z0-9]{0,8}$/).default('C'),
      codeDigits: z.number().int().min(1).max(12).default(5),
      format: z.enum(SAGE_FORMATS).optional(),
      encoding: z.enum(CODE_PAGES).optional(),
    })
    .default({ codePrefix: 'C', codeDigits: 5 }),
  watch: z
    .object({
      /** A folder where the accountant drops Sage's exports; null: no daily import. */
      folder: z.string().nullable().default(null),
      /** HH:MM, Paris time. */
      at: z.string().regex(/^\d{2}:\d{2}$/).default('06:30'),
    })
    .default({ folder: null, at: '06:30' }),
});
export type SageSettings = z.infer<typeof Stored>;

/** The source a dropped file belongs to: its name without extension, dates and numbers. */
export function sourceOfFile(name: string): string {
  const base = path.basename(name, path.extname(name)).toLowerCase();
  const words = base.split(/[^a-z\u00e0-\u00ff]+/).filter((w) => w.length > 1);
  return words.join('-') || 'sage';
}

/** Windows ANSI: Sage 50's « Windows ANSI » and recent Sage 100; an OEM source says so once. */
export const DEFAULT_CODE_PAGE: CodePage = 'windows-1252';

export class SageSettingsStore {
  private readonly file: string;
  private stored: SageSettings;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'sage.json');
    this.stored = this.load();
  }

  private load(): SageSettings {
    try {
      return Stored.parse(JSON.parse(fs.readFileSync(this.file, 'utf8')));
    } catch {
      return Stored.parse({});
    }
  }

  get(): SageSettings {
    return this.stored;
  }

  source(name: string): SageSource {
    return this.stored.sources[name] ?? {};
  }

  saveSource(name: string, source: { format: SageFormat; encoding: CodePage; mapping?: ColumnMapping }): void {
    this.stored = Stored.parse({ ...this.stored, sources: { ...this.stored.sources, [name]: { ...this.stored.sources[name], ...source } } });
    writeFileAtomic(this.file, `${JSON.stringify(this.stored, null, 2)}\n`);
  }

  update(change: Partial<SageSettings>): SageSettings {
    this.stored = Stored.parse({ ...this.stored, ...change });
    writeFileAtomic(this.file, `${JSON.stringify(this.stored, null, 2)}\n`);
    return this.stored;
  }
}
