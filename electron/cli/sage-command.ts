/**
 * `accueil sage …`: Sage's files from the command line (the accountant's daily export, a script).
 *
 *   accueil sage import FICHIER [--format sage100|sage50|csv] [--encoding windows-1252|ibm850|ibm437|utf-8]
 *                               [--source NOM] [--kind accounts|open-items] [--map champ=Colonne]… [--dry-run] [--json]
 *   accueil sage export --out FICHIER [--format …] [--encoding …] [--dry-run] [--json]
 *   accueil sage reviews [--json]
 *
 * Exit codes: 0 imported (its report lists any refused line), 1 the file was refused whole (cut
 * short, wrong separator, wrong code page) or the command failed, 2 bad usage.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createAccueil } from '../services/accueil';
import type { Logger } from '../services/log';
import { codePageNamed, CODE_PAGES, type CodePage } from '../services/sage/code-pages';
import { ACCOUNT_FIELDS, OPEN_ITEM_FIELDS, SAGE_FORMATS, type ColumnMapping, type SageFormat } from '../services/sage/sage-records';
import { describeImportReport, FORMAT_LABEL } from '../services/sage/sage-report-text';

export class SageUsageError extends Error {}

export interface SageCommandOptions {
  dataDir: string;
  version: string;
  logger: Logger;
  args: string[];
  values: { format?: string | undefined; encoding?: string | undefined; source?: string | undefined; kind?: string | undefined; map?: string[] | undefined; 'dry-run'?: boolean | undefined; json?: boolean | undefined; out?: string | undefined; progress?: boolean | undefined };
  /** Where the progress bar is drawn (stderr), and whether it is a terminal. */
  progressOut?: { write(text: string): unknown; isTTY?: boolean };
  print: (text: string) => void;
}


function format(value: string | undefined): SageFormat | undefined {
  if (value === undefined) return undefined;
  if (!(SAGE_FORMATS as readonly string[]).includes(value)) throw new SageUsageError(`--format : sage100, sage50 ou csv (reçu « ${value} »)`);
  return value as SageFormat;
}

function encoding(value: string | undefined): CodePage | undefined {
  if (value === undefined) return undefined;
  const page = codePageNamed(value);
  if (!page) throw new SageUsageError(`--encoding : ${CODE_PAGES.join(', ')} (ou cp1252, ansi, cp850, cp437, utf8) — reçu « ${value} »`);
  return page;
}

function mapping(values: string[] | undefined): ColumnMapping | undefined {
  if (!values?.length) return undefined;
  const fields = new Set<string>([...ACCOUNT_FIELDS, ...OPEN_ITEM_FIELDS]);
  const out: ColumnMapping = {};
  for (const item of values) {
    const at = item.indexOf('=');
    const field = at < 0 ? '' : item.slice(0, at).trim();
    if (!fields.has(field)) throw new SageUsageError(`--map champ=Colonne : champ parmi ${[...fields].join(', ')} (reçu « ${item} »)`);
    out[field as keyof ColumnMapping] = item.slice(at + 1).trim();
  }
  return out;
}


export async function runSageCommand(options: SageCommandOptions): Promise<number> {
  const [action, file] = options.args;
  const { values, print } = options;
  if (action !== 'import' && action !== 'export' && action !== 'reviews') throw new SageUsageError('sage import FICHIER | sage export --out FICHIER | sage reviews');
  if (action === 'import' && !file) throw new SageUsageError('sage import attend un fichier : accueil sage import clients.txt [--encoding ibm850]');
  if (action === 'export' && !values.out) throw new SageUsageError('sage export attend --out FICHIER : accueil sage export --out pour-sage.txt');
  if (values.kind !== undefined && values.kind !== 'accounts' && values.kind !== 'open-items') throw new SageUsageError('--kind : accounts ou open-items');
  const parsedFormat = format(values.format);
  const parsedEncoding = encoding(values.encoding);
  const parsedMapping = mapping(values.map);
  if (action === 'import' && !fs.existsSync(file!)) throw new Error(`fichier introuvable : ${file}`);

  const accueil = await createAccueil({ dataDir: options.dataDir, mode: 'web', version: options.version, logger: options.logger, startTelephony: false, startSync: false, seedDemo: false });
  try {
    const sage = accueil.port('sage');
    if (action === 'reviews') {
      const reviews = sage.ledger.reviews();
      if (values.json) print(JSON.stringify(reviews, null, 2));
      else if (reviews.length === 0) print('Aucun rapprochement à vérifier.');
      else for (const v of reviews) print(`${v.code} ${v.name} : ${v.reason} → ${v.candidates.map((c) => c.label).join(' ; ')}`);
      return 0;
    }
    if (action === 'export') {
      const report = sage.exportFile(path.resolve(values.out!), { ...(parsedFormat ? { format: parsedFormat } : {}), ...(parsedEncoding ? { encoding: parsedEncoding } : {}), dryRun: values['dry-run'] === true });
      if (values.json) print(JSON.stringify(report, null, 2));
      else {
        print(`${values['dry-run'] ? 'Essai à blanc — ' : ''}${report.written.length} client(s) inconnu(s) de Sage écrit(s) dans ${values.out} (${FORMAT_LABEL[report.format]}, ${report.page})`);
        for (const w of report.written) print(`  ${w.code} ${w.name}`);
        for (const s of report.spelledOut) print(`  ${s.code} : « ${s.from} » écrit « ${s.to} » (${report.page} n’a pas tous ces caractères)`);
        for (const r of report.refused) print(`  refusé : ${r.name} — ${r.reason}`);
      }
      return 0;
    }
    // A bar on a terminal (or with --progress), never in --json output: « [######······] 52 % — 52 000 / 100 000 ».
    const out = options.progressOut;
    const bar = out && (values.progress || (out.isTTY && !values.json)) ? progressBar(out) : null;
    const report = sage.importFile(path.resolve(file!), {
      ...(values.source ? { source: values.source } : {}),
      ...(parsedFormat ? { format: parsedFormat } : {}),
      ...(parsedEncoding ? { encoding: parsedEncoding } : {}),
      ...(parsedMapping ? { mapping: parsedMapping } : {}),
      ...(values.kind ? { kind: values.kind as 'accounts' | 'open-items' } : {}),
      dryRun: values['dry-run'] === true,
      ...(bar ? { onProgress: bar } : {}),
    });
    if (bar) options.progressOut!.write('\n');
    // HubSpot gets Sage's companies now when it is configured (the console's loop would, later).
    let pushed: string | null = null;
    if (!report.dryRun && !report.fileError && report.kind === 'accounts' && accueil.info().workspace === 'crm') {
      const pass = await sage.push.queue.runDue();
      pushed = pass.failed > 0 || sage.push.queue.lastFailure ? `HubSpot : envoi en attente — ${sage.push.queue.lastFailure?.message ?? 'nouvel essai plus tard'}` : pass.done > 0 ? 'HubSpot : entreprises envoyées (code_client_sage).' : null;
    }
    if (values.json) print(JSON.stringify({ ...report, hubspot: pushed }, null, 2));
    else {
      for (const line of describeImportReport(report)) print(line);
      if (pushed) print(pushed);
    }
    return report.fileError ? 1 : 0;
  } finally {
    await accueil.close();
  }
}

/** Draws the import's progress on one line, redrawn in place (at most once per whole percent). */
function progressBar(out: { write(text: string): unknown }): (done: number, total: number) => void {
  let last = -1;
  return (done, total) => {
    const percent = total === 0 ? 100 : Math.floor((100 * done) / total);
    if (percent === last) return;
    last = percent;
    const filled = Math.round(percent / 5);
    out.write(`\r[${'#'.repeat(filled)}${'·'.repeat(20 - filled)}] ${String(percent).padStart(3)} % — ${done.toLocaleString('fr-FR')} / ${total.toLocaleString('fr-FR')}`);
  };
}
