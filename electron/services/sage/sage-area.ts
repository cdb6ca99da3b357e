/**
 * Sage as an area: the accounts and open items read from Sage's files, their links to local
 * customers (and the review of doubtful ones), the unpaid invoices the pop shows, and the push of
 * Sage's companies to HubSpot by `code_client_sage` (its own durable queue, on the CRM area's
 * gateway so both share HubSpot's rate limits). Imports run from `accueil sage import`; the push
 * runs in the process that owns the timers (the console, `accueil serve`), or right after a CLI
 * import when HubSpot is configured.
 */
import type { AreaModule } from '../area';
import { SageBridge } from './sage-bridge';
import { SageHubSpotPush } from './sage-hubspot-push';
import { SageRepository } from './sage-repository';
import { sageMigrations } from './sage-migrations';
import { SageFolderWatch } from './sage-folder-watch';
import { SageImportStep } from './sage-import-step';
import { SAGE_PART_BYTES } from '../../contract/sage-calls';

declare module '../area' {
  interface AreaPorts {
    /** Imports, exports, the unpaid invoices (the workflows' relance rule reads them too). */
    sage: SageBridge;
  }
}

export const sageArea: AreaModule = {
  name: 'sage',
  // After the CRM (its gateway) and the journal; before workflows (670), which read unpaid invoices.
  order: 630,
  migrations: sageMigrations,
  create({ workspace, dataDir, env, events, logger, settings, options, live, port }) {
    const log = logger.child('sage');
    const clock = options.clock ?? (() => new Date());
    const sync = port('sync');
    const pushToHubSpot = () => settings.workspace() === 'crm';
    const push = new SageHubSpotPush({
      store: workspace.store,
      repo: new SageRepository(workspace.store.database, clock),
      gateway: () => (pushToHubSpot() ? sync.currentGateway() : null),
      clock,
      logger: log.child('hubspot'),
      loop: { idleDelayMs: 60_000 },
    });
    const bridge = new SageBridge({ store: workspace.store, dataDir, clock, events, logger: log, pushToHubSpot, push });
    // ACCUEIL_SAGE_FOLDER / ACCUEIL_SAGE_AT, when set, take the place of sage.json's watch settings.
    const folderWatch = new SageFolderWatch({
      bridge,
      store: workspace.store,
      clock,
      logger: log.child('folder'),
      config: () => {
        const watch = bridge.settings.get().watch;
        const at = env['ACCUEIL_SAGE_AT']?.trim();
        return { folder: env['ACCUEIL_SAGE_FOLDER']?.trim() || watch.folder, at: at && /^\d{2}:\d{2}$/.test(at) ? at : watch.at };
      },
    });

    const importStep = new SageImportStep(bridge, () => clock().getTime());
    const ownerOf = (ctx: { account?: { id: string } } | undefined) => ctx?.account?.id ?? 'console';

    return {
      provides: { sage: bridge },
      handlers: {
        'sage.unpaid': ({ companyId, contactId }) => bridge.ledger.unpaid({ companyId, contactId }),
        'sage.reviews': () => bridge.ledger.reviews(),
        'sage.conflicts': () => bridge.ledger.conflicts(),
        'sage.resolveConflict': (input, ctx) => {
          const resolved = bridge.ledger.resolveConflict(input, ctx?.account?.name ?? null);
          events.emit('directory.changed', { contactIds: [], companyIds: [resolved.companyId] });
          events.emit('sage.changed', { companyIds: [resolved.companyId] });
          if (live) void push.queue.pass();
          return resolved;
        },
        'sage.decideReview': (input) => {
          const decided = bridge.ledger.decide(input);
          if (decided.companyId) {
            events.emit('directory.changed', { contactIds: [], companyIds: [decided.companyId] });
            events.emit('sage.changed', { companyIds: [decided.companyId] });
          }
          if (live) void push.queue.pass();
          return decided;
        },
        'sage.beginUpload': ({ name, size }, ctx) => ({ uploadId: importStep.begin(ownerOf(ctx), name, size), partBytes: SAGE_PART_BYTES }),
        'sage.uploadPart': ({ uploadId, index, data }, ctx) => ({ received: importStep.part(ownerOf(ctx), uploadId, index, Buffer.from(data, 'base64')) }),
        'sage.finishUpload': ({ uploadId }, ctx) => importStep.finish(ownerOf(ctx), uploadId),
        'sage.analyseFile': ({ fileId, ...choice }, ctx) => importStep.analyse(ownerOf(ctx), fileId, choice),
        'sage.importFile': ({ fileId, ...choice }, ctx) => {
          const summary = importStep.import(ownerOf(ctx), fileId, choice);
          // Accounts linked or created go to HubSpot now, as after the watched folder's import.
          if (live && !summary.dryRun && !summary.fileError) void push.queue.pass();
          return summary;
        },
        'sage.discardFile': ({ fileId }, ctx) => ({ discarded: importStep.discard(ownerOf(ctx), fileId) }),
      },
      start: () => {
        if (!live) return;
        push.queue.start();
        folderWatch.start();
      },
      stop: async () => {
        folderWatch.stop();
        await push.queue.stop();
      },
      purgeDemo: (db) => {
        // The demo's companies go: their accounts are read again (and matched anew) at the next import.
        db.prepare(
          `UPDATE sage_accounts SET company_id = NULL, contact_id = NULL, match_rule = NULL, hubspot_sent = NULL, fingerprint = ''
           WHERE company_id IN (SELECT id FROM temp.demo_purge_companies) OR contact_id IN (SELECT id FROM temp.demo_purge_contacts)`,
        ).run();
        db.prepare(`DELETE FROM sage_conflicts WHERE company_id IN (SELECT id FROM temp.demo_purge_companies)`).run();
        db.prepare(`DELETE FROM sage_exports WHERE company_id IN (SELECT id FROM temp.demo_purge_companies)`).run();
      },
    };
  },
};
