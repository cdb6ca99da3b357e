/**
 * `accueil sync`: the sync from the command line (IT, scripts, first load of a big account).
 * A progress bar with an ETA when stdout is a terminal, plain lines when it is piped; a clear
 * message and exit code 1 when HubSpot refuses the token or cannot be reached.
 *
 *   --once  one pass (initial sync if needed, else one poll) and the outbox, then exit
 *   --full  copy everything again from scratch (upserts: nothing duplicated), then exit
 *   (none)  initial sync if needed, then poll every ACCUEIL_HUBSPOT_POLL_MS until Ctrl-C
 */
import path from 'node:path';
import { FileSecretStore } from '../services/settings/secret-store';
import { createFileLogger, type Logger } from '../services/log';
import { createAccueil } from '../services/accueil';
import { HubSpotError, hubSpotToken } from '../services/crm/hubspot-client';
import type { SyncProgress } from '../services/crm/sync-engine';
import { PHASE_LABEL } from '../services/crm/sync-service';

export interface SyncCommandOptions {
  dataDir: string;
  mode: 'once' | 'full' | 'watch';
  out: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  err?: NodeJS.WritableStream;
  env?: NodeJS.ProcessEnv;
  /** Stop signal for watch mode (tests). */
  signal?: AbortSignal;
  /** Where the product logs (default the data folder's log file). */
  logger?: Logger;
}


function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

export async function runSyncCommand(options: SyncCommandOptions): Promise<number> {
  const env = options.env ?? process.env;
  const err = options.err ?? process.stderr;
  const tty = Boolean(options.out.isTTY);
  const line = (text: string) => options.out.write(`${text}\n`);
  const token = hubSpotToken(new FileSecretStore(options.dataDir), env);
  if (!token) {
    err.write('accueil : aucun jeton HubSpot. Collez-le dans Paramètres › HubSpot, ou définissez ACCUEIL_HUBSPOT_TOKEN.\n');
    return 1;
  }
  // Through the product's own composition, as `accueil serve` runs it: leaving the demo workspace,
  // marking the workspace 'crm' (so later local writes queue for HubSpot) and the outbox's rules are
  // the same as in the console. No line, no background loops: this command drives the passes.
  const accueil = await createAccueil({
    dataDir: options.dataDir,
    mode: 'web',
    version: 'cli',
    env,
    logger: options.logger ?? createFileLogger({ file: path.join(options.dataDir, 'logs', 'accueil.log') }),
    startTelephony: false,
    startSync: false,
    seedDemo: false,
  });
  const sync = accueil.port('sync');
  const started = Date.now();
  let lastPlain = -1;
  let lastType: string | null = null;
  const progress = (p: SyncProgress) => {
    const label = PHASE_LABEL[p.type ?? 'reference'];
    if (p.total && p.total > 0) {
      const ratio = Math.min(1, p.done / p.total);
      const elapsed = Date.now() - started;
      const eta = ratio > 0 ? (elapsed / ratio) * (1 - ratio) : 0;
      if (tty) {
        const width = 30;
        const bar = '#'.repeat(Math.round(ratio * width)).padEnd(width, '.');
        options.out.write(`\r[${bar}] ${String(Math.floor(ratio * 100)).padStart(3)} % ${label.padEnd(14)} ${p.done}/${p.total} — reste ~${duration(eta)}   `);
        return;
      }
      const step = Math.floor(ratio * 20);
      if (step !== lastPlain || label !== lastType) {
        lastPlain = step;
        lastType = label;
        line(`${Math.floor(ratio * 100)} % ${label} ${p.done}/${p.total} (reste ~${duration(eta)})`);
      }
    } else if (label !== lastType) {
      lastType = label;
      line(`${label}…`);
    }
  };
  const offProgress = sync.onProgress(progress);
  const pass = async (full: boolean) => {
    const report = await sync.passOnce({ full });
    if (report.pull?.kind === 'initial') {
      if (tty) options.out.write('\n');
      line(`Copie initiale terminée en ${duration(Date.now() - started)} (${report.requests} requêtes HubSpot).`);
    } else if (report.pull?.kind === 'poll') {
      line(`Mise à jour : ${report.pull.changed} modifié(s), ${report.pull.deleted} supprimé(s).`);
    }
    if (report.pull && report.unreadable > 0) line(`${report.unreadable} fiche(s) HubSpot illisible(s) ignorée(s) (détails dans le journal) ; les autres sont à jour.`);
    const pushed = report.pushed;
    if (pushed.sent > 0 || pushed.remaining > 0) line(`Envoi vers HubSpot : ${pushed.sent} envoyé(s), ${pushed.remaining} en attente.`);
    if (report.pushError) line(`Dernière erreur d’envoi : ${report.pushError}`);
    if (report.pullError !== null) throw report.pullError;
  };
  try {
    await pass(options.mode === 'full');
    if (options.mode === 'watch') {
      const interval = Number(env.ACCUEIL_HUBSPOT_POLL_MS) >= 1000 ? Number(env.ACCUEIL_HUBSPOT_POLL_MS) : 15_000;
      while (!options.signal?.aborted) {
        await new Promise((r) => setTimeout(r, interval));
        if (options.signal?.aborted) break;
        try {
          await pass(false);
        } catch (error) {
          if (error instanceof HubSpotError && error.kind === 'auth') throw error;
          err.write(`accueil : ${(error as Error).message}\n`);
        }
      }
    }
    return 0;
  } catch (error) {
    if (tty) options.out.write('\n');
    const message = error instanceof HubSpotError ? error.message : (error as Error).message;
    err.write(`accueil : ${message}\n`);
    return 1;
  } finally {
    offProgress();
    await accueil.close();
  }
}
