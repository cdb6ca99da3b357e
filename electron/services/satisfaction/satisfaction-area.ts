/**
 * Satisfaction as an area: the survey loop (survey-desk.ts) with its durable 'surveys' queue, the
 * figures for the supervisor and the plan's KPI table, the customer's last answer for the pop,
 * and the contact properties it keeps in HubSpot (accueil_derniere_note, accueil_categorie_nps).
 * Surveys go out from the company server only: the links in them need its public address.
 */
import type { AreaModule } from '../area';
import { errorSentence } from '../../contract/error-catalog';
import { ServiceError } from '../../contract/envelope';
import { JobQueue } from '../jobs/job-queue';
import { createLinkSigner } from '../shared/signed-links';
import { npsCategory } from './satisfaction-figures';
import { satisfactionMigrations } from './satisfaction-migrations';
import { SatisfactionSettingsStore } from './satisfaction-settings';
import { SURVEYS_QUEUE, SurveyDesk } from './survey-desk';
import { seedDemoSurveys } from './demo-surveys';

declare module '../area' {
  interface AreaPorts {
    /** The survey loop: the public answer pages and `accueil satisfaction` read it. */
    surveys: SurveyDesk;
  }
}

const PLAN_EVERY_MS = 5_000;

/** A whole number of seconds from the environment (tests and IT shorten the waits). */
function seconds(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const raw = env[name]?.trim();
  return raw && /^\d{1,6}$/.test(raw) ? Number(raw) * 1000 : undefined;
}

export const satisfactionArea: AreaModule = {
  name: 'satisfaction',
  order: 650,
  migrations: satisfactionMigrations,
  create({ workspace, dataDir, env, events, logger, secrets, settings, options, live, port }) {
    const log = logger.child('satisfaction');
    const rules = new SatisfactionSettingsStore(dataDir, env);
    const followUpDelayMs = seconds(env, 'ACCUEIL_SURVEY_FOLLOW_UP_S');
    const clock = options.clock ?? (() => new Date());
    const desk = new SurveyDesk({
      db: workspace.store.database,
      links: createLinkSigner(secrets, { now: clock }),
      clock,
      publicUrl: options.server?.publicUrl ?? null,
      rules: () => rules.rules(),
      mail: () => port('mail'),
      preview: () => port('templatePreview'),
      outbox: () => port('crmOutbox'),
      callbacks: () => port('callbackRequests'),
      events,
      logger: log,
      active: () => settings.workspace() === 'crm',
      // The messaging area comes later in the order: read when a survey leaves.
      messaging: () => port('messaging'),
      ...(followUpDelayMs !== undefined ? { followUpDelayMs } : {}),
    });
    if (settings.workspace() === 'demo') {
      const seeded = seedDemoSurveys(workspace.store.database);
      if (seeded > 0) log.info('demo survey answers seeded', { answers: seeded });
    }

    port('crmContactProperties').register({
      properties: [
        { name: 'accueil_derniere_note', label: 'Dernière note de satisfaction', description: 'Note de 0 à 10 donnée à la dernière enquête Accueil', type: 'number', fieldType: 'number' },
        {
          name: 'accueil_categorie_nps',
          label: 'Catégorie NPS',
          description: 'Promoteur (9–10), passif (7–8) ou détracteur (0–6), d’après la dernière enquête Accueil',
          type: 'enumeration',
          fieldType: 'select',
          options: [
            { label: 'Promoteur', value: 'promoteur' },
            { label: 'Passif', value: 'passif' },
            { label: 'Détracteur', value: 'detracteur' },
          ],
        },
      ],
      valuesFor: (contactId): Record<string, string> => {
        const latest = desk.latest(contactId);
        return latest ? { accueil_derniere_note: String(latest.score), accueil_categorie_nps: npsCategory(latest.score) } : {};
      },
    });

    const queue = new JobQueue({
      queue: SURVEYS_QUEUE,
      jobs: desk.jobs,
      handlers: {
        send: (run) => desk.send(run),
        'follow-up': async (run) => desk.followUp(run),
      },
      classify: (error) => ({ message: error instanceof ServiceError ? error.message : String((error as Error)?.message ?? error), outcomeUnknown: false }),
      resolveInFlight: async (run) => (run.job.kind === 'send' ? desk.resolveCutSend(run) : 'idempotent'),
      loop: { idleDelayMs: PLAN_EVERY_MS },
      clock,
      logger: log.child('queue'),
    });

    let planner: NodeJS.Timeout | null = null;
    const planNow = () => {
      try {
        if (desk.plan() > 0) void queue.pass();
      } catch (error) {
        // The candidates stay: the next round plans them.
        log.error('survey planning failed', { error });
      }
    };
    const settingsView = () => {
      const blocker = desk.sendingBlocker();
      return {
        ...rules.rules(),
        sending: blocker === null,
        sendingBlocker: blocker ? errorSentence(settings.get().locale, blocker) : null,
        sendingBlockerReason: blocker,
        delayFromEnvironment: rules.delayFromEnvironment() !== null,
      };
    };

    // One timeline: a survey answer (its note) says the channel its link went by.
    workspace.directory.addHistoryOrigins((items) => {
      const notes = items.filter((i) => i.kind === 'note').map((i) => i.id);
      if (notes.length === 0) return new Map();
      const answered = workspace.store.database
        .prepare<{ id: string; channel: 'email' | 'sms' | 'whatsapp' }>(`SELECT note_id AS id, channel FROM surveys WHERE note_id IN (SELECT value FROM json_each(?)) AND email IS NOT NULL`)
        .all(JSON.stringify(notes));
      return new Map(answered.map((row) => [`note:${row.id}`, row.channel]));
    });

    return {
      provides: { surveys: desk },
      handlers: {
        'satisfaction.figures': ({ windowDays }) => desk.figures(windowDays),
        'satisfaction.latest': ({ contactId }) => desk.latest(contactId),
        'satisfaction.settings': () => settingsView(),
        'satisfaction.updateSettings': (input) => {
          if (rules.delayFromEnvironment() !== null && input.delayMinutes !== rules.rules().delayMinutes) {
            throw new ServiceError('conflict', { reason: 'satisfaction.delay_from_environment' });
          }
          rules.update(input);
          return settingsView();
        },
      },
      start: () => {
        if (!live) return;
        planNow();
        planner = setInterval(planNow, PLAN_EVERY_MS);
        planner.unref?.();
        queue.start();
      },
      stop: async () => {
        if (planner) clearInterval(planner);
        planner = null;
        await queue.stop();
      },
      purgeDemo: (db) => {
        db.prepare(`DELETE FROM surveys WHERE contact_id IN (SELECT id FROM temp.demo_purge_contacts)`).run();
        db.prepare(`DELETE FROM survey_opt_outs WHERE contact_id IN (SELECT id FROM temp.demo_purge_contacts)`).run();
        db.prepare(`DELETE FROM survey_candidates WHERE planned_at IS NULL`).run();
      },
    };
  },
};
