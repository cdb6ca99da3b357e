/**
 * Workflows as an area: the engine (workflow-engine.ts) with its loop, the « Automatisations »
 * calls and the port the CLI reads (`accueil workflows dry-run|history`).
 *
 * It runs where the data lives: the company server, or a desktop working alone — never in a
 * console connected to a server (that console has no store of its own), never in a one-shot
 * command, and it sends nothing from the demo workspace (the screen shows what it would do).
 */
import type { AreaModule } from '../area';
import { errorSentence } from '../../contract/error-catalog';
import type { CallContext } from '../../contract/call-spec';
import { historyEmail, WorkflowEngine } from './workflow-engine';
import { workflowMigrations } from './workflow-migrations';
import { WorkflowsRepository } from './workflows-repository';

declare module '../area' {
  interface AreaPorts {
    /** The automations: `accueil workflows` reads it. */
    workflows: WorkflowEngine;
  }
}

/** How often the signals are read when nothing falls due sooner. */
const TICK_MS = 5_000;

/** Whom a change is attributed to in the history. */
const who = (ctx: CallContext | undefined) => ctx?.account?.name ?? (ctx?.role === 'supervisor' ? 'la superviseuse' : 'Claire');

export const workflowsArea: AreaModule = {
  name: 'workflows',
  order: 670,
  migrations: workflowMigrations,
  create({ workspace, events, logger, settings, options, live, port }) {
    const log = logger.child('workflows');
    const store = workspace.store;
    const clock = options.clock ?? (() => new Date());
    const locale = () => settings.get().locale;
    const engine = new WorkflowEngine({
      repository: new WorkflowsRepository(store.database),
      clock,
      locale,
      mail: () => port('mail'),
      preview: () => port('templatePreview'),
      templateName: (id) => store.templates.get(id)?.name ?? null,
      callbacks: () => port('callbackRequests'),
      tickets: () => port('ticketOpening'),
      recordEmail: (email) => {
        const id = store.history.addEmail(historyEmail(email));
        port('crmOutbox').enqueue({ kind: 'email', localId: id, op: 'create' });
        return id;
      },
      optedOut: (email) => port('surveys').optedOut(email),
      // The one opt-out ledger (messaging area, later in the order: read when a step runs).
      mayMarketByEmail: (contactId, email) => port('marketingConsent').mayMarket({ contactId, email }, 'email').allowed,
      // The messaging area comes later in the order: read when a step runs (the customer's preferred
      // channel, SMS and WhatsApp when configured).
      messaging: () => port('messaging'),
      canAct: () => live && settings.workspace() === 'crm',
      notActingReason: () => (!live ? errorSentence(locale(), 'workflows.not_live') : settings.workspace() !== 'crm' ? errorSentence(locale(), 'workflows.demo') : null),
      changed: (contactIds) => events.emit('workflows.changed', { contactIds }),
      logger: log,
    });

    let timer: NodeJS.Timeout | null = null;
    let stopped = true;
    let tick: Promise<void> | null = null;
    const schedule = () => {
      if (stopped) return;
      const next = engine.nextDueAt();
      const wait = next ? Math.max(250, Math.min(TICK_MS, next.getTime() - clock().getTime())) : TICK_MS;
      timer = setTimeout(() => void runTick(), wait);
      timer.unref?.();
    };
    const runTick = (): Promise<void> => {
      if (!tick) {
        tick = (async () => {
          try {
            engine.enrolPending();
            await engine.runDue();
          } catch (error) {
            // A fault of SQLite or a bug: logged, and the next tick tries again (nothing is lost: every step is a row).
            log.error('workflow tick failed', { error });
          }
        })().finally(() => {
          tick = null;
          schedule();
        });
      }
      return tick;
    };

    return {
      provides: { workflows: engine },
      handlers: {
        'workflows.overview': () => engine.overview(),
        'workflows.updateRule': ({ ruleId, ...change }, ctx) => engine.updateRule(ruleId, change, who(ctx)),
        'workflows.setPaused': ({ paused }, ctx) => {
          const overview = engine.setPaused(paused, who(ctx));
          if (!paused) void runTick();
          return overview;
        },
        'workflows.upcoming': ({ days, ruleId }) => engine.upcoming(days, ruleId),
        'workflows.history': ({ limit, ruleId, contactId }) => engine.history(limit, { ruleId, contactId }),
        'workflows.dryRun': ({ days }) => engine.dryRun(days),
        'workflows.attention': () => engine.attention(),
        'workflows.decide': ({ stepId, decision }, ctx) => {
          const item = engine.decide(stepId, decision, who(ctx));
          void runTick();
          return item;
        },
        'workflows.dismissCatchUp': () => engine.dismissCatchUp(),
        'workflows.forRecord': ({ contactId, companyId }) => engine.forRecord(contactId, companyId),
      },
      start: () => {
        if (!live) return;
        stopped = false;
        try {
          engine.enrolPending();
          if (settings.workspace() === 'crm') engine.recover();
        } catch (error) {
          log.error('workflow start failed', { error });
        }
        void runTick();
      },
      stop: async () => {
        stopped = true;
        if (timer) clearTimeout(timer);
        timer = null;
        await tick;
      },
      purgeDemo: (db) => {
        db.prepare(`DELETE FROM workflow_enrolments WHERE contact_id IN (SELECT id FROM temp.demo_purge_contacts)`).run();
        db.prepare(`DELETE FROM workflow_signals`).run();
      },
    };
  },
};
