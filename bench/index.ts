/**
 * `npm run bench`: the timing goals, printed side by side (never asserted in tests).
 *   ACCUEIL_BENCH=lookup,startup,pop,forecast,hostile,documents,server,surveys,bilan,workflows,routes,assistant,booking,churn,portal,technician,sync,sage   pick some (default: all but sync and sage, which take minutes)
 *   ACCUEIL_BENCH_SAGE_ACCOUNTS=100000 Sage accounts read, matched and stored (three open items each)
 *   ACCUEIL_BENCH_SURVEY_SECONDS=10    how long the survey answer page is loaded at 50 requests/s
 *   ACCUEIL_BENCH_SERVER_CALLS=30      calls per measure of the company server's bench (bench/company-server.ts)
 *   ACCUEIL_BENCH_CONTACTS=100000      size of the lookup and pop caches
 *   ACCUEIL_BENCH_CALLS=200            different callers for the pop (bench/pop.ts, same cache size)
 *   ACCUEIL_BENCH_POP_DIR=dir          keep the pop's generated data dir there and reuse it
 *   ACCUEIL_BENCH_ROUTES_DAYS=20       generated days for the routes (bench/routes.ts)
 *   ACCUEIL_BENCH_VERBOSE=1            the assistant's wrong answers, one per line
 *   ACCUEIL_BENCH_BOOKING_CALLS=200    callers asking for windows (bench/booking.ts)
 *   ACCUEIL_BENCH_CHURN_CUSTOMERS=5000 generated customers for the churn model (bench/churn.ts)
 *   ACCUEIL_BENCH_TECHNICIAN_VISITS=8  visits of the technician's day, each done from his phone (bench/technician.ts)
 * Results also go to bench-results/latest.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import { benchLookup } from './lookup';
import { benchPop } from './pop';
import { benchStartup } from './startup';
import { benchForecast } from './forecast';
import { benchSync } from './sync';
import { benchHostileText } from './hostile-text';
import { benchDocuments } from './documents';
import { benchCompanyServer } from './company-server';
import { benchSatisfaction } from './satisfaction';
import { benchBilan } from './bilan';
import { benchWorkflows } from './workflows';
import { benchRoutes } from './routes';
import { benchSage } from './sage';
import { benchAssistant } from './assistant';
import { benchPortal } from './portal';
import { benchTechnician } from './technician';
import { benchBooking } from './booking';
import { benchChurn } from './churn';

const wanted = new Set((process.env['ACCUEIL_BENCH'] ?? 'lookup,startup,pop,forecast,hostile,documents,server,surveys,bilan,workflows,routes,assistant,booking,churn,portal,technician').split(','));
const results: Record<string, unknown> = { at: new Date().toISOString(), node: process.version, cpus: os.cpus().length };

console.log(`Accueil benchmarks — Node ${process.version}, ${os.cpus().length} cœurs`);
if (wanted.has('lookup')) {
  const r = await benchLookup(Number(process.env['ACCUEIL_BENCH_CONTACTS'] ?? 100_000));
  r.lines.forEach((l) => console.log(l));
  results['lookup'] = r.figures;
}
if (wanted.has('startup')) {
  const r = await benchStartup();
  r.lines.forEach((l) => console.log(l));
  results['startup'] = r.figures;
}
if (wanted.has('pop')) {
  const r = await benchPop(Number(process.env['ACCUEIL_BENCH_CALLS'] ?? 200), Number(process.env['ACCUEIL_BENCH_CONTACTS'] ?? 100_000));
  r.lines.forEach((l) => console.log(l));
  results['pop'] = r.figures;
}
if (wanted.has('server')) {
  const r = await benchCompanyServer();
  r.lines.forEach((l) => console.log(l));
  results['server'] = r.figures;
}
if (wanted.has('forecast')) {
  const r = await benchForecast();
  r.lines.forEach((l) => console.log(l));
  results['forecast'] = r.figures;
}
if (wanted.has('hostile')) {
  const r = await benchHostileText();
  r.lines.forEach((l) => console.log(l));
  results['hostile'] = r.figures;
}
if (wanted.has('documents')) {
  const r = await benchDocuments();
  r.lines.forEach((l) => console.log(l));
  results['documents'] = r.figures;
}
if (wanted.has('surveys')) {
  const r = await benchSatisfaction();
  r.lines.forEach((l) => console.log(l));
  results['surveys'] = r.figures;
}
if (wanted.has('bilan')) {
  const r = await benchBilan();
  r.lines.forEach((l) => console.log(l));
  results['bilan'] = r.figures;
}
if (wanted.has('workflows')) {
  const r = await benchWorkflows();
  r.lines.forEach((l) => console.log(l));
  results['workflows'] = r.figures;
}
if (wanted.has('booking')) {
  const r = await benchBooking();
  r.lines.forEach((l) => console.log(l));
  results['booking'] = r.figures;
}
if (wanted.has('routes')) {
  const r = await benchRoutes();
  r.lines.forEach((l) => console.log(l));
  results['routes'] = r.figures;
}
if (wanted.has('churn')) {
  const r = benchChurn();
  r.lines.forEach((l) => console.log(l));
  results['churn'] = r.figures;
}
if (wanted.has('assistant')) {
  const r = benchAssistant();
  r.lines.forEach((l) => console.log(l));
  results['assistant'] = r.figures;
}
if (wanted.has('portal')) {
  const r = await benchPortal();
  r.lines.forEach((l) => console.log(l));
  results['portal'] = r.figures;
}
if (wanted.has('technician')) {
  const r = await benchTechnician();
  r.lines.forEach((l) => console.log(l));
  results['technician'] = r.figures;
}
if (wanted.has('sage')) {
  const r = await benchSage();
  r.lines.forEach((l) => console.log(l));
  results['sage'] = r.figures;
}
if (wanted.has('sync')) {
  const r = await benchSync(Number(process.env['ACCUEIL_BENCH_SYNC_SCALE'] ?? 0.1), Number(process.env['ACCUEIL_BENCH_SYNC_POLL_MS'] ?? 5_000));
  r.lines.forEach((l) => console.log(l));
  results['sync'] = r.figures;
}
fs.mkdirSync('bench-results', { recursive: true });
fs.writeFileSync('bench-results/latest.json', JSON.stringify(results, null, 2));
