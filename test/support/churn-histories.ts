/**
 * Generated customer histories for the churn model's tests and bench: a heating company's customers
 * over eight years, month by month. Most have an annual maintenance visit (some twice a year, some
 * only breakdowns); they call, get quotes, answer surveys, sometimes complain. Each month a customer
 * may leave — more likely after a complaint, a bad survey answer or a refused quote, less after
 * years of loyalty — and from then on nothing more happens. Seeded: the same seed, the same company.
 */
import type { CustomerHistory } from '../../electron/services/churn/customer-history';
import { SeededRandom } from '../../electron/services/demo/seeded-random';

const DAY = 86_400_000;
const MONTH = 30.44 * DAY;

export function generateHistories(options: { customers: number; now: number; seed: number }): CustomerHistory[] {
  const random = new SeededRandom(options.seed);
  const start = options.now - 8 * 365 * DAY;
  const out: CustomerHistory[] = [];
  for (let i = 0; i < options.customers; i++) {
    const h: CustomerHistory = { key: `k${i}`, companyId: `co${i}`, contactId: null, label: `Client ${i}`, visits: [], contacts: [], complaints: [], answers: [], lostQuotes: [], wonQuotes: [], inboundCalls: [] };
    const kind = random.next();
    const intervalMonths = kind < 0.7 ? 12 : kind < 0.8 ? 6 : 0; // 0: breakdowns only
    let t = start + random.next() * 6 * 365 * DAY;
    let nextMaintenance = t;
    let lastComplaint = -Infinity;
    let lastDetractor = -Infinity;
    let lastLost = -Infinity;
    let visits = 0;
    const contact = (at: number) => h.contacts.push(at);
    for (; t < options.now; t += MONTH) {
      // Leaving: a base 0.5 % a month, raised by a bad experience, lowered by loyalty.
      let hazard = 0.005;
      if (t - lastComplaint < 6 * MONTH) hazard *= 5;
      if (t - lastDetractor < 12 * MONTH) hazard *= 4;
      if (t - lastLost < 12 * MONTH) hazard *= 2;
      if (visits >= 4) hazard *= 0.6;
      if (random.next() < hazard) break;
      if (intervalMonths > 0 && t >= nextMaintenance) {
        // Done a little late or early, as people book it.
        const at = t + (random.next() - 0.3) * 20 * DAY;
        h.visits.push({ at, maintenance: true });
        contact(at);
        visits += 1;
        nextMaintenance = at + intervalMonths * MONTH;
        if (random.next() < 0.45) {
          const score = random.next() < 0.12 ? random.int(0, 6) : random.int(7, 10);
          const answered = at + 3 * DAY;
          h.answers.push({ at: answered, score });
          contact(answered);
          if (score <= 6) lastDetractor = answered;
        }
      }
      if (random.next() < (intervalMonths === 0 ? 0.05 : 0.02)) {
        const at = t + random.next() * MONTH * 0.9;
        h.visits.push({ at, maintenance: false });
        h.inboundCalls.push(at - DAY);
        contact(at - DAY);
        contact(at);
        visits += 1;
      }
      if (random.next() < 0.15) {
        const at = t + random.next() * MONTH * 0.9;
        h.inboundCalls.push(at);
        contact(at);
      }
      if (random.next() < 0.006) {
        const at = t + random.next() * MONTH * 0.9;
        h.complaints.push(at);
        contact(at);
        lastComplaint = at;
      }
      if (random.next() < 0.01) {
        const at = t + random.next() * MONTH * 0.9;
        contact(at);
        if (random.next() < 0.5) {
          h.lostQuotes.push(at + 20 * DAY);
          lastLost = at + 20 * DAY;
        } else h.wonQuotes.push(at + 10 * DAY);
      }
    }
    for (const list of [h.contacts, h.complaints, h.lostQuotes, h.wonQuotes, h.inboundCalls]) list.sort((a, b) => a - b);
    h.visits.sort((a, b) => a.at - b.at);
    h.answers.sort((a, b) => a.at - b.at);
    out.push(h);
  }
  return out;
}
