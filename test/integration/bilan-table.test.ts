/**
 * The Bilan through the contract, from a real SQLite file holding a generated year of calls with
 * known counts (some wrap-ups saved, some callers identified, a few simulated calls that must not
 * count), e-mails sent from templates and survey answers. The calendar is injected: the test never
 * depends on today's date.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BilanSettings, BilanTable } from '../../electron/contract/bilan-calls';
import type { DispatchOptions } from '../../electron/contract/dispatcher';
import { createAccueil, type Accueil } from '../../electron/services/accueil';
import { createMemoryLogger } from '../../electron/services/log';
import { localTime } from '../../electron/services/shared/paris-time';
import { workingDaysIn } from '../../electron/services/bilan/plan-calendar';
import { generateCallHistory } from '../support/call-history';

/** Wednesday 18 March 2026, 11:00 in Paris. */
const NOW = new Date('2026-03-18T10:00:00Z');
const history = generateCallHistory({ until: '2026-03-18', days: 365, seed: 13 });

let dir: string;
let accueil: Accueil;

interface Expected {
  inbound: number;
  identified: number;
  answered: number;
  logged: number;
}
const expected = new Map<string, Expected>();
const monthOf = (iso: string) => localTime(iso).date.slice(0, 7);
/** Survey answers: month → scores. */
const SCORES: Record<string, number[]> = {
  // Answers to surveys of visits done before Accueil took the calls: the « before » months.
  '2025-01': [8],
  '2025-06': [9, 10, 6, 8, 9],
  '2025-09': [10, 10, 9, 7],
  '2026-02': [3, 9, 10, 10, 8, 9],
};
const TEMPLATE_EMAILS: Record<string, number> = { '2025-06': 12, '2026-01': 30 };
const SURVEYS_SENT: Record<string, number> = { '2025-01': 1, '2025-06': 14, '2025-09': 10, '2026-02': 15 };

async function call<T>(name: string, input: unknown, options: DispatchOptions = { access: 'agent' }): Promise<T> {
  const envelope = await accueil.dispatch(name, input, options);
  if (!envelope.ok) throw new Error(`${name}: ${envelope.error.code} ${envelope.error.message}`);
  return envelope.value as T;
}

const account = (role: string) => ({ id: `u-${role}`, login: role, name: role, sipUser: null, role });

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-bilan-'));
  accueil = await createAccueil({ dataDir: dir, mode: 'web', version: 'test', logger: createMemoryLogger(), seedDemo: false, startTelephony: false, startSync: false, clock: () => NOW });

  const db = new BetterSqlite3(path.join(dir, 'accueil.db'));
  db.pragma('busy_timeout = 5000');
  const insertCall = db.prepare(
    `INSERT INTO calls (id, sip_call_id, direction, state, from_raw, from_e164, from_display, to_raw, ring_at, answer_at, end_at, contact_id, logged_at, updated_at)
     VALUES (@id, @sip, @direction, @state, @from, @from, @from, 'claire', @ring, @answer, @end, @contact, @logged, @end)`,
  );
  const template = (db.prepare(`SELECT id FROM templates ORDER BY id LIMIT 1`).get() as { id: string }).id;
  const insertEmail = db.prepare(
    `INSERT INTO emails (id, direction, subject, body, template_id, sent_at, updated_at) VALUES (?, 'out', 'Confirmation', '', ?, ?, ?)`,
  );
  const insertSurvey = db.prepare(
    `INSERT INTO surveys (id, source_kind, source_id, state, due_at, sent_at, score, answered_at, created_at, updated_at)
     VALUES (?, 'intervention', ?, 'sent', ?, ?, ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    history.calls.forEach((c, i) => {
      const month = monthOf(c.ringAt);
      const e = expected.get(month) ?? { inbound: 0, identified: 0, answered: 0, logged: 0 };
      expected.set(month, e);
      const answered = c.answerAt !== null;
      // Three wrap-ups saved out of four conversations; one caller in three identified.
      const logged = answered && i % 4 !== 0;
      const identified = i % 3 === 0;
      e.inbound++;
      if (identified) e.identified++;
      if (answered) e.answered++;
      if (logged) e.logged++;
      insertCall.run({ id: `h${i}`, sip: `h${i}@pbx.test`, direction: 'inbound', state: c.state, from: c.number, ring: c.ringAt, answer: c.answerAt, end: c.endAt, contact: identified ? `contact-${i % 50}` : null, logged: logged ? c.endAt : null });
    });
    // Claire's call-backs: outbound conversations count for traceability (both logged), not as inbound calls.
    for (const [n, ring] of ['2026-01-12T09:00:00Z', '2026-01-13T09:00:00Z'].entries()) {
      insertCall.run({ id: `o${n}`, sip: `o${n}@pbx.test`, direction: 'outbound', state: 'ended', from: 'claire', ring, answer: ring, end: ring, contact: null, logged: ring });
      expected.get('2026-01')!.answered++;
      expected.get('2026-01')!.logged++;
    }
    // « Simuler un appel » during a training session: nobody's call, never counted.
    for (let i = 0; i < 5; i++) {
      const ring = `2026-02-1${i}T10:00:00.000Z`;
      insertCall.run({ id: `s${i}`, sip: `s${i}@simulation.accueil.invalid`, direction: 'inbound', state: 'ended', from: '+33612345678', ring, answer: ring, end: ring, contact: 'contact-1', logged: null });
    }
    for (const [month, count] of Object.entries(TEMPLATE_EMAILS)) {
      for (let i = 0; i < count; i++) {
        const at = `${month}-${String(10 + (i % 15)).padStart(2, '0')}T09:00:00.000Z`;
        insertEmail.run(`e-${month}-${i}`, template, at, at);
      }
    }
    for (const [month, count] of Object.entries(SURVEYS_SENT)) {
      const scores = SCORES[month] ?? [];
      for (let i = 0; i < count; i++) {
        const sent = `${month}-${String(5 + i).padStart(2, '0')}T08:00:00.000Z`;
        const answered = i < scores.length ? `${month}-${String(5 + i).padStart(2, '0')}T18:00:00.000Z` : null;
        insertSurvey.run(`sv-${month}-${i}`, `visit-${month}-${i}`, sent, sent, i < scores.length ? scores[i]! : null, answered, sent, sent);
      }
    }
  })();
  db.close();
}, 60_000);

afterAll(async () => {
  await accueil?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the Bilan through the contract', () => {
  it('measures each calendar month from the file, month 0 being the first recorded call', async () => {
    const table = await call<BilanTable>('bilan.table', {});
    expect(table.planStart).toBe(monthOf(history.calls[0]!.ringAt));
    expect(table.planStart).toBe('2025-03');
    expect(table.planStartSource).toBe('first-call');
    // From the first answer (January) to the current month; month 0 is still the first call's.
    expect(table.months.map((m) => m.month)).toEqual([
      '2025-01', '2025-02', '2025-03', '2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03',
    ]);
    const [january, february] = table.months;
    expect(january).toMatchObject({ planMonth: -2, inbound: { calls: 0, perWorkingDay: null }, traceability: { percent: null }, satisfaction: { n: 1, mean: 8 } });
    expect(february).toMatchObject({ planMonth: -1, inbound: { perWorkingDay: null }, satisfaction: { n: 0, mean: null, nps: null }, timeSaved: { hours: null, hoursPerYear: null } });
    for (const month of table.months.slice(2)) {
      const e = expected.get(month.month)!;
      const days = month.partial ? workingDaysIn(month.month, '2026-03-18') : workingDaysIn(month.month);
      expect(month.workingDays, month.month).toBe(days);
      expect(month.inbound.calls, month.month).toBe(e.inbound);
      expect(month.inbound.perWorkingDay, month.month).toBe(Math.round((e.inbound / days) * 10) / 10);
      expect(month.traceability, month.month).toEqual({ answered: e.answered, logged: e.logged, percent: Math.floor((e.logged / e.answered) * 100) });
      expect(month.timeSaved.pops, month.month).toBe(e.identified);
      expect(month.timeSaved.templateEmails, month.month).toBe(TEMPLATE_EMAILS[month.month] ?? 0);
      expect(month.timeSaved.surveys, month.month).toBe(SURVEYS_SENT[month.month] ?? 0);
      expect(month.timeSaved.relances).toBe(0);
    }
    expect(table.months.at(-1)!.partial).toBe(true);
    expect(table.months.map((m) => m.planMonth)).toEqual([-2, -1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it('leaves out simulated calls', async () => {
    const table = await call<BilanTable>('bilan.table', {});
    expect(table.months.find((m) => m.month === '2026-02')!.inbound.calls).toBe(expected.get('2026-02')!.inbound);
  });

  it('reads satisfaction /10 and NPS with n from the surveys, and « — » for months without answers', async () => {
    const table = await call<BilanTable>('bilan.table', {});
    const month = (m: string) => table.months.find((x) => x.month === m)!.satisfaction;
    // 9, 10, 6, 8, 9: mean 8.4; 3 promoters, 1 detractor of 5 → NPS 40.
    expect(month('2025-06')).toEqual({ n: 5, mean: 8.4, nps: 40 });
    expect(month('2025-09')).toEqual({ n: 4, mean: 9, nps: 75 });
    expect(month('2026-02')).toEqual({ n: 6, mean: 8.2, nps: 50 });
    expect(month('2025-07')).toEqual({ n: 0, mean: null, nps: null });
  });

  it('models the time saved from the counts and the parameters, annualised', async () => {
    const table = await call<BilanTable>('bilan.table', {});
    expect(table.parameters).toEqual({ secondsPerPop: 30, secondsPerTemplateEmail: 120, secondsPerSurvey: 60, secondsPerRelance: 90 });
    const june = table.months.find((m) => m.month === '2025-06')!;
    const seconds = june.timeSaved.pops * 30 + 12 * 120 + 14 * 60;
    expect(june.timeSaved.hours).toBe(Math.round((seconds / 3600) * 10) / 10);
    expect(june.timeSaved.hoursPerYear).toBe(Math.round((seconds / 3600) * 12));
  });

  it('places M3, M6, M12 and M18 on calendar months, with the plan’s targets', async () => {
    const table = await call<BilanTable>('bilan.table', {});
    const row = (kpi: string) => table.rows.find((r) => r.kpi === kpi)!;
    expect(row('inboundPerDay').milestones.map((c) => [c.milestone, c.month, c.target])).toEqual([
      ['M3', '2025-06', 50], ['M6', '2025-09', 45], ['M12', '2026-03', 40], ['M18', '2026-09', 30],
    ]);
    expect(row('satisfaction').milestones.map((c) => c.target)).toEqual([6, 7, 7.5, 8]);
    expect(row('nps').milestones.map((c) => c.target)).toEqual([20, 30, 40, 50]);
    expect(row('timeSaved').milestones.map((c) => c.target)).toEqual([150, 400, 800, 1200]);
    expect(row('traceability').milestones.map((c) => c.target)).toEqual([100, 100, 100, 100]);
    expect(row('satisfaction').milestones[0]).toMatchObject({ measured: 8.4, n: 5, status: 'reached' });
    expect(row('nps').milestones[1]).toMatchObject({ measured: 75, n: 4, status: 'reached' });
    // Three wrap-ups of four: the phase-1 promise (100 %) is missed.
    expect(row('traceability').milestones[0]!.status).toBe('missed');
    expect(row('inboundPerDay').milestones[2]!.status).toBe('in_progress');
    expect(row('inboundPerDay').milestones[3]).toMatchObject({ status: 'upcoming', measured: null });
    expect(row('revenue')).toMatchObject({ measuredByAccueil: false });
    expect(row('revenue').milestones.map((c) => c.status)).toEqual(['not_measured', 'not_measured', 'not_measured', 'not_measured']);
  });

  it('takes month 0 and the parameters from the settings, and keeps the months before as « before »', async () => {
    const before = await call<BilanSettings>('bilan.settings', {});
    expect(before).toMatchObject({ planStart: null, firstCallMonth: '2025-03' });
    const saved = await call<BilanSettings>('bilan.updateSettings', { planStart: '2025-06', timeSaved: { ...before.timeSaved, secondsPerPop: 45 } });
    expect(saved).toMatchObject({ planStart: '2025-06', timeSaved: { secondsPerPop: 45 } });
    const table = await call<BilanTable>('bilan.table', {});
    expect(table.planStartSource).toBe('setting');
    expect(table.months.find((m) => m.month === '2025-03')).toMatchObject({ planMonth: -3 });
    expect(table.months[0]).toMatchObject({ month: '2025-01', planMonth: -5 });
    expect(table.rows[0]!.milestones.map((c) => c.month)).toEqual(['2025-09', '2025-12', '2026-06', '2026-12']);
    const june = table.months.find((m) => m.month === '2025-06')!;
    expect(june.timeSaved.hours).toBe(Math.round(((june.timeSaved.pops * 45 + 12 * 120 + 14 * 60) / 3600) * 10) / 10);
    // Kept in the data folder: a restart reads the same.
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'bilan.json'), 'utf8'))).toMatchObject({ planStart: '2025-06' });
  });

  it('is the supervisor’s and the administrator’s on the company server; never the wall screen’s', async () => {
    const refused = async (name: string, input: unknown, options: DispatchOptions) => {
      const envelope = await accueil.dispatch(name, input, options);
      return envelope.ok ? 'allowed' : envelope.error.code;
    };
    expect(await refused('bilan.table', {}, { access: 'read-only' })).toBe('forbidden');
    expect(await refused('bilan.table', {}, { access: 'agent', account: account('agent') })).toBe('forbidden');
    expect(await refused('bilan.table', {}, { access: 'supervisor', account: account('supervisor') })).toBe('allowed');
    expect(await refused('bilan.table', {}, { access: 'admin', account: account('admin') })).toBe('allowed');
    const settings = await call<BilanSettings>('bilan.settings', {});
    const input = { planStart: settings.planStart, timeSaved: settings.timeSaved };
    expect(await refused('bilan.updateSettings', input, { access: 'supervisor', account: account('supervisor') })).toBe('forbidden');
    expect(await refused('bilan.updateSettings', input, { access: 'admin', account: account('admin') })).toBe('allowed');
    expect(await refused('bilan.updateSettings', { ...input, planStart: '2025-13' }, { access: 'agent' })).toBe('bad_request');
  });
});
