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
import { openStore } from '../store';
import { FileSecretStore } from '../settings/secret-store';
import { HubSpotError, HubSpotGateway, hubSpotBaseUrl, hubSpotToken, ENV_BURST } from './hubspot-client';
import { SyncEngine, type SyncProgress } from './sync-engine';
import { Outbox, OutboxPusher } from './outbox';
import { PHASE_LABEL } from './sync-service';

export interface SyncCommandOptions {
  dataDir: string;
  mode: 'once' | 'full' | 'watch';
  out: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  err?: NodeJS.WritableStream;
  env?: NodeJS.ProcessEnv;
  /** Stop signal for watch mode (tests). */
  signal?: AbortSignal;
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
  const store = openStore(path.join(options.dataDir, 'accueil.db'));
  const burst = Number(env[ENV_BURST]);
  const gateway = new HubSpotGateway({ token, baseUrl: hubSpotBaseUrl(env), ...(Number.isFinite(burst) && burst > 0 ? { burstPerTenSeconds: burst } : {}) });
  const started = Date.now();
  let lastPlain = -1;
  let lastType: string | null = null;
  const progress = (p: SyncProgress) => {
    const label = PHASE_LABEL[p.type ?? 'reference'] ?? p.type ?? '';
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
  const engine = new SyncEngine({ gateway, store, onProgress: progress });
  const pusher = new OutboxPusher({ gateway, store, outbox: new Outbox(store) });
  const pull = async (full: boolean) => {
    if (!engine.initialDone() || full) {
      await engine.initialSync({ full });
      if (tty) options.out.write('\n');
      line(`Copie initiale terminée en ${duration(Date.now() - started)} (${gateway.sent} requêtes HubSpot).`);
    } else {
      const { changed, deleted } = await engine.pollOnce();
      line(`Mise à jour : ${changed} modifié(s), ${deleted} supprimé(s).`);
    }
    const unreadable = engine.unreadable.count();
    if (unreadable > 0) line(`${unreadable} fiche(s) HubSpot illisible(s) ignorée(s) (détails dans le journal) ; les autres sont à jour.`);
  };
  // The push runs even when the pull fails: what was recorded locally never waits on a pull.
  const pass = async (full: boolean) => {
    const pulled = await pull(full).then(
      () => null,
      (error: unknown) => error,
    );
    const pushed = await pusher.flush();
    if (pushed.sent > 0 || pushed.remaining > 0) line(`Envoi vers HubSpot : ${pushed.sent} envoyé(s), ${pushed.remaining} en attente.`);
    if (pusher.lastError) line(`Dernière erreur d’envoi : ${pusher.lastError}`);
    if (pulled !== null) throw pulled;
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
    store.close();
  }
}
