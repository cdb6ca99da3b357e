/**
 * The demo's year of survey answers, so Gaëtan's figures and the « Bilan » are not empty in the
 * embedded demo: one survey per past visit done, about 40 % answered, scores that improve over the
 * year (as the plan hopes), a few comments. Deterministic (a fixed seed): the same demo every run.
 * Real data never goes through here (the area calls it on a demo workspace only).
 */
import type { AccueilDatabase } from '../store/database';

const COMMENTS_LOW = ['Technicien arrivé avec deux heures de retard', 'Personne ne m’a prévenu du report', 'La fuite est revenue le lendemain', 'Facture plus chère que le devis'];
const COMMENTS_MID = ['Correct, mais difficile à joindre par téléphone', 'Travail propre, un peu long'];
const COMMENTS_HIGH = ['Très professionnel, merci !', 'Rapide et soigné', 'Technicien aimable et de bon conseil', 'Parfait, comme d’habitude'];

/** A small seeded generator (mulberry32): the demo needs repeatable, not secure, numbers. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Returns how many answers were seeded (0 when the demo already has surveys). */
export function seedDemoSurveys(db: AccueilDatabase, now: Date = new Date(), seed = 13): number {
  if (db.prepare<{ n: number }>('SELECT count(*) AS n FROM surveys').get()!.n > 0) return 0;
  const random = seeded(seed);
  const yearAgo = new Date(now.getTime() - 365 * 86_400_000).toISOString();
  const visits = db
    .prepare<{ id: string; kind: string; technician: string | null; scheduled_at: string; contact_id: string | null; company_id: string | null; email: string | null }>(
      `SELECT i.id, i.kind, i.technician, i.scheduled_at, i.contact_id, i.company_id, c.email FROM interventions i JOIN contacts c ON c.id = i.contact_id
       WHERE i.status = 'terminee' AND i.scheduled_at >= ? AND i.scheduled_at < ? ORDER BY i.scheduled_at`,
    )
    .all(yearAgo, new Date(now.getTime() - 86_400_000).toISOString());
  let answered = 0;
  const insert = db.prepare(
    `INSERT OR IGNORE INTO surveys (id, source_kind, source_id, contact_id, company_id, email, technician, intervention_kind, state, due_at, sent_at, expires_at,
       score, comment, answered_at, created_at, updated_at)
     VALUES (@id, 'intervention', @source, @contact, @company, @email, @technician, @kind, 'sent', @sent, @sent, @expires, @score, @comment, @answered, @sent, @sent)`,
  );
  const candidate = db.prepare(`INSERT INTO survey_candidates (source_kind, source_id, observed_at, planned_at) VALUES ('intervention', ?, ?, ?)
     ON CONFLICT (source_kind, source_id) DO UPDATE SET planned_at = excluded.planned_at`);
  db.transaction(() => {
    for (const visit of visits) {
      const sent = new Date(Date.parse(visit.scheduled_at) + 3 * 3_600_000);
      const progress = (sent.getTime() - Date.parse(yearAgo)) / (365 * 86_400_000);
      const answers = random() < 0.4;
      // From about 6.5/10 a year ago to about 8/10 now.
      const score = answers ? Math.max(0, Math.min(10, Math.round(5.2 + 2.2 * progress + random() * 4.2 - (random() < 0.12 ? 4 : 0)))) : null;
      const comment =
        score === null || random() < 0.6 ? null : score <= 6 ? COMMENTS_LOW[Math.floor(random() * COMMENTS_LOW.length)]! : score <= 8 ? COMMENTS_MID[Math.floor(random() * COMMENTS_MID.length)]! : COMMENTS_HIGH[Math.floor(random() * COMMENTS_HIGH.length)]!;
      insert.run({
        id: `demo-survey-${visit.id}`,
        source: visit.id,
        contact: visit.contact_id,
        company: visit.company_id,
        email: visit.email,
        technician: visit.technician,
        kind: visit.kind,
        sent: sent.toISOString(),
        expires: new Date(sent.getTime() + 30 * 86_400_000).toISOString(),
        score,
        comment,
        answered: score === null ? null : new Date(sent.getTime() + (1 + random() * 30) * 3_600_000).toISOString(),
      });
      candidate.run(visit.id, sent.toISOString(), sent.toISOString());
      if (score !== null) answered++;
    }
  });
  return answered;
}
