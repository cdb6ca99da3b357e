/**
 * A generated year of quotes, visits and maintenance run hour by hour with a fake clock: exactly the
 * e-mails and callbacks each rule should give — at the expected hour — and none after an exit
 * condition. The expectation is computed from the generated events alone (when each step falls
 * due, the sending hours, when the record left), not from the engine's tables.
 */
import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../demo/seeded-random';
import { createWorkflowHarness, recordingMail } from '../../../test/support/workflow-harness';
import { dueAfter, nextContactTime } from './workflow-calendar';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const START = Date.parse('2026-01-05T00:00:00Z');
const END = Date.parse('2027-02-20T00:00:00Z');

type Event = { at: number; apply: () => void; replyOf?: string };

const pendingChecks: Array<() => void> = [];

/** The first whole hour at or after t: the simulated loop wakes every hour. */
const tickAtOrAfter = (t: number) => Math.ceil(t / HOUR) * HOUR;
/** A random instant at :30 (never on a tick), in Paris office-ish hours. */
const halfPast = (random: SeededRandom, from: number, toDays: number) => {
  const day = Math.floor(from / DAY) * DAY + random.int(1, toDays) * DAY;
  return day + random.int(6, 18) * HOUR + 30 * 60_000;
};

describe('a generated year', () => {
  it('gives exactly the expected e-mails and callbacks per rule, at the expected hour, none after an exit', { timeout: 120_000 }, async () => {
    let now = new Date(START);
    const mail = recordingMail();
    const sentAt: string[] = [];
    const send = mail.send;
    mail.send = async (message) => {
      sentAt.push(now.toISOString());
      return send(message);
    };
    const h = createWorkflowHarness({ clock: () => now, mail });
    const random = new SeededRandom(20261130);
    const events: Event[] = [];
    const expectedMail: string[] = [];
    const expectedCallbacks: string[] = [];
    const expect1 = (rule: string, to: string, subject: string, at: number) => expectedMail.push(`${rule}|${to}|${subject}|${new Date(at).toISOString()}`);

    const customers = Array.from({ length: 120 }, (_, i) => {
      const email = `client${i}@example.fr`;
      const id = h.store.contacts.create({ firstName: 'Client', lastName: `N${i}`, email, companyId: null, phone: `06 12 34 ${String(10 + Math.floor(i / 10)).padStart(2, '0')} ${String(10 + (i % 10)).padStart(2, '0')}` }).id;
      return { id, email };
    });

    // ── quotes: sent, then accepted, refused, answered by e-mail, or silent ──
    for (let q = 0; q < 160; q++) {
      const who = customers[random.int(0, customers.length - 1)]!;
      const number = `DV-2026-${String(q + 1).padStart(5, '0')}`;
      const sent = halfPast(random, START, 330);
      const fate = random.next();
      const decidedAt = sent + random.int(1, 30) * DAY + random.int(0, 10) * HOUR;
      let exitAt = Infinity;
      let accepted: number | null = null;
      let id = '';
      events.push({ at: sent, apply: () => (id = h.store.quotes.insert({ number, title: 'Travaux', amountCents: 100_000, status: 'envoye', contactId: who.id, sentAt: new Date(sent).toISOString() })) });
      if (fate < 0.35) {
        accepted = decidedAt;
        exitAt = decidedAt;
        events.push({ at: decidedAt, apply: () => h.store.database.prepare(`UPDATE quotes SET status = 'accepte', updated_at = ? WHERE id = ?`).run(new Date(decidedAt).toISOString(), id) });
      } else if (fate < 0.55) {
        exitAt = decidedAt;
        events.push({ at: decidedAt, apply: () => h.store.database.prepare(`UPDATE quotes SET status = 'refuse', updated_at = ? WHERE id = ?`).run(new Date(decidedAt).toISOString(), id) });
      } else if (fate < 0.65 || random.chance(0.15)) {
        // The customer writes (about this quote or anything else): every relance of theirs since stops.
        const replyAt = fate < 0.65 ? decidedAt : sent + random.int(2, 20) * DAY + 3 * HOUR;
        events.push({ at: replyAt, replyOf: who.id, apply: () => h.store.history.addEmail({ contactId: who.id, direction: 'in', subject: `Re: ${number}`, sentAt: new Date(replyAt).toISOString() }) });
      }
      const quoteExit = () => Math.min(exitAt, ...events.filter((e) => e.replyOf === who.id && e.at > sent).map((e) => e.at));
      const relances: Array<[number, string]> = [
        [7, `Votre devis ${number} — avez-vous des questions ?`],
        [15, `Devis ${number} : dernière relance`],
      ];
      pendingChecks.push(() => {
        const exit = quoteExit();
        for (const [days, subject] of relances) {
          const sendTick = tickAtOrAfter(nextContactTime(new Date(tickAtOrAfter(dueAfter(new Date(sent), { amount: days, unit: 'calendar_days' }).getTime())), 'office').getTime());
          if (sendTick < exit && sendTick < END) expect1(`relance-devis/j${days}`, who.email, subject, sendTick);
        }
        const callbackTick = tickAtOrAfter(dueAfter(new Date(sent), { amount: 21, unit: 'calendar_days' }).getTime());
        if (callbackTick < exit && callbackTick < END) expectedCallbacks.push(`Relance téléphonique : devis ${number} « Travaux » sans réponse depuis 3 semaines`);
        if (accepted !== null) {
          expectedCallbacks.push(`Chantier à planifier : Devis ${number} — Travaux accepté — proposer une date au client`);
          expect1('devis-accepte/confirmation', who.email, `Merci pour votre confiance — devis ${number}`, tickAtOrAfter(nextContactTime(new Date(tickAtOrAfter(accepted)), 'office').getTime()));
        }
      });
    }

    // ── visits: booked, sometimes moved, sometimes cancelled ──
    for (let v = 0; v < 140; v++) {
      const who = customers[random.int(0, customers.length - 1)]!;
      const booked = halfPast(random, START, 380);
      const first = Math.floor(booked / DAY) * DAY + random.int(1, 20) * DAY + random.int(7, 16) * HOUR;
      const moved = random.chance(0.2) ? { at: booked + random.int(0, Math.max(0, Math.floor((first - booked) / DAY) - 1)) * DAY + HOUR, to: first + random.int(1, 6) * DAY } : null;
      const cancelled = !moved && random.chance(0.12) ? booked + random.int(0, Math.floor((first - booked) / DAY)) * DAY + 2 * HOUR : null;
      let id = '';
      events.push({ at: booked, apply: () => (id = h.store.interventions.insert({ kind: 'Dépannage', scheduledAt: new Date(first).toISOString(), technician: 'Karim Benali', contactId: who.id, companyId: null, status: 'planifiee' })) });
      if (moved) events.push({ at: moved.at, apply: () => h.store.database.prepare(`UPDATE interventions SET scheduled_at = ?, updated_at = ? WHERE id = ?`).run(new Date(moved.to).toISOString(), new Date(moved.at).toISOString(), id) });
      if (cancelled) events.push({ at: cancelled, apply: () => h.store.database.prepare(`UPDATE interventions SET status = 'annulee', updated_at = ? WHERE id = ?`).run(new Date(cancelled).toISOString(), id) });
      const reminder = (visitAt: number, from: number, until: number) => {
        const due = dueAfter(new Date(visitAt), { amount: -1, unit: 'calendar_days', atHour: 10 }).getTime();
        const enrolTick = tickAtOrAfter(from);
        if (due < enrolTick - DAY) return;
        const runTick = Math.max(tickAtOrAfter(due), enrolTick);
        const allowed = nextContactTime(new Date(runTick), 'service').getTime();
        if (allowed >= visitAt) return;
        const sendTick = tickAtOrAfter(allowed);
        if (sendTick < until && sendTick < END) expect1('rappel-rdv/veille', who.email, 'Rappel : notre technicien passe demain', sendTick);
      };
      if (moved) {
        reminder(first, booked, moved.at);
        reminder(moved.to, moved.at, Infinity);
      } else reminder(first, booked, cancelled ?? Infinity);
    }

    // ── maintenance done early in the year: the proposal 11 months later, unless the next one is booked ──
    for (let m = 0; m < 40; m++) {
      const who = customers[m]!;
      const done = Date.parse('2026-01-12T08:00:00Z') + random.int(0, 70) * DAY;
      events.push({ at: done + 2 * HOUR + 30 * 60_000, apply: () => h.store.interventions.insert({ kind: 'Entretien chaudière gaz', scheduledAt: new Date(done).toISOString(), technician: 'Karim Benali', contactId: who.id, companyId: null, status: 'terminee' }) });
      const due = tickAtOrAfter(nextContactTime(dueAfter(new Date(done), { amount: 11, unit: 'months', atHour: 10 }), 'office').getTime());
      if (random.chance(0.3)) {
        const bookedAt = done + random.int(200, 360) * DAY + 30 * 60_000;
        const next = done + 365 * DAY;
        events.push({ at: bookedAt, apply: () => h.store.interventions.insert({ kind: 'Entretien chaudière gaz', scheduledAt: new Date(next).toISOString(), technician: 'Karim Benali', contactId: who.id, companyId: null, status: 'planifiee' }) });
        const reminderDue = dueAfter(new Date(next), { amount: -1, unit: 'calendar_days', atHour: 10 }).getTime();
        const runTick = Math.max(tickAtOrAfter(reminderDue), tickAtOrAfter(bookedAt));
        const allowed = nextContactTime(new Date(runTick), 'service').getTime();
        if (reminderDue >= tickAtOrAfter(bookedAt) - DAY && allowed < next && allowed < END) expect1('rappel-rdv/veille', who.email, 'Rappel : notre technicien passe demain', tickAtOrAfter(allowed));
        if (due < bookedAt && due < END) expect1('entretien-annuel/proposition', who.email, 'Votre entretien annuel approche', due);
      } else if (due < END) expect1('entretien-annuel/proposition', who.email, 'Votre entretien annuel approche', due);
    }
    for (const check of pendingChecks) check();

    events.sort((a, b) => a.at - b.at);
    let next = 0;
    for (let t = START; t <= END; t += HOUR) {
      while (next < events.length && events[next]!.at < t) {
        now = new Date(events[next]!.at);
        events[next]!.apply();
        next++;
      }
      now = new Date(t);
      await h.tick();
    }

    const actualMail = mail.sent.map((m, i) => `${m.headers?.['X-Accueil-Workflow']}|${m.to}|${m.subject}|${sentAt[i]}`).sort();
    expect(actualMail).toEqual(expectedMail.sort());
    const actualCallbacks = h.store.database.prepare<{ reason: string }>(`SELECT request_reason AS reason FROM callbacks WHERE request_reason IS NOT NULL`).all().flatMap((r) => r.reason.split('\n')).sort();
    expect(actualCallbacks).toEqual(expectedCallbacks.sort());
    // Sanity of the generated year: every rule had work, and some steps were stopped by an exit.
    for (const rule of ['relance-devis/j7', 'relance-devis/j15', 'devis-accepte/confirmation', 'rappel-rdv/veille', 'entretien-annuel/proposition']) {
      expect(expectedMail.filter((m) => m.startsWith(rule)).length, rule).toBeGreaterThan(5);
    }
    expect(h.store.database.prepare<{ n: number }>(`SELECT count(*) AS n FROM workflow_steps WHERE state = 'skipped' AND reason IN ('left', 'customer_replied', 'newer_maintenance')`).get()!.n).toBeGreaterThan(50);
    expect(h.store.database.prepare<{ n: number }>(`SELECT count(*) AS n FROM workflow_steps WHERE state IN ('failed', 'running', 'held')`).get()!.n).toBe(0);
  });
});
