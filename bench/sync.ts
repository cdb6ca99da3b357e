/**
 * HubSpot sync against the stand-in at a Free/Starter burst limit (100 requests / 10 s):
 * - initial sync time as a ratio to the floor that limit sets (aim ≤ 1.15×), twice: with a stand-in
 *   that answers at once, and with one that takes 250 ms per answer as real HubSpot does
 *   (ACCUEIL_BENCH_SYNC_LATENCY_MS, default 250; 0 skips the second run);
 * - time from a change on the stand-in to the local cache (aim < poll interval + 2 s);
 * - peak RSS of the syncing process (aim < 300 MB).
 * Full size (100 000 contacts, 20 000 companies, 200 000 engagements: ~320 s of floor) with
 * ACCUEIL_BENCH_SYNC_SCALE=1; default 0.1. ACCUEIL_BENCH_SYNC_POLL_MS (default 5000).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { startHubSpotStandIn } from '../test/support/hubspot-standin';

export async function benchSync(
  scale: number,
  pollMs: number,
  latencyMs = Number(process.env['ACCUEIL_BENCH_SYNC_LATENCY_MS'] ?? 250),
): Promise<{ lines: string[]; figures: Record<string, unknown> }> {
  const immediate = await benchSyncOnce(scale, pollMs, 0, true);
  if (latencyMs <= 0) return immediate;
  const slow = await benchSyncOnce(scale, pollMs, latencyMs, false);
  return { lines: [...immediate.lines, ...slow.lines], figures: { ...immediate.figures, withLatency: slow.figures } };
}

async function benchSyncOnce(scale: number, pollMs: number, latencyMs: number, measurePolls: boolean): Promise<{ lines: string[]; figures: Record<string, number> }> {
  const size = { contacts: Math.round(100_000 * scale), companies: Math.round(20_000 * scale), engagements: Math.round(200_000 * scale), tickets: 0, deals: 0, owners: 3 };
  const max = 100;
  const intervalMs = 10_000;
  const hs = await startHubSpotStandIn({ seed: size, rateLimit: { max, intervalMs, daily: 10_000_000 }, latencyMs });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-bench-sync-'));
  // node --import tsx: the measured (and killed) process is the one running the sync, not a wrapper.
  const child = spawn(process.execPath, ['--import', 'tsx', '--import', './scripts/import-glob.mjs', path.resolve('bench/sync-child.ts')], {
    env: { ...process.env, BENCH_DB: path.join(dir, 'accueil.db'), ACCUEIL_HUBSPOT_BASE_URL: hs.baseUrl, ACCUEIL_HUBSPOT_TOKEN: hs.token, BENCH_POLL_MS: String(pollMs), BENCH_BURST: String(max) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const events: Array<Record<string, unknown>> = [];
  const waiters: Array<() => void> = [];
  readline.createInterface({ input: child.stdout! }).on('line', (l) => {
    try {
      events.push(JSON.parse(l) as Record<string, unknown>);
      waiters.splice(0).forEach((w) => w());
    } catch {
      /* not ours */
    }
  });
  const waitFor = async (pred: (e: Record<string, unknown>) => boolean, timeoutMs: number) => {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const found = events.find(pred);
      if (found) return found;
      if (Date.now() > end) throw new Error('bench sync: timed out');
      await new Promise<void>((r) => {
        waiters.push(r);
        setTimeout(r, 500);
      });
    }
  };
  try {
    const initial = await waitFor((e) => e.event === 'initial', 3_600_000);
    const general = hs.requests.filter((r) => !r.search && r.status === 200).length;
    const throttled = hs.requests.filter((r) => r.status === 429).length;
    const floorMs = (Math.ceil(general / max) - 1) * intervalMs;
    const ratio = Number(initial.ms) / Math.max(1, floorMs);
    const inFlight = hs.maxInFlight;
    const latencies: number[] = [];
    const target = hs.state.liveIds('contacts')[0]!;
    for (let i = 0; i < (measurePolls ? 3 : 0); i++) {
      await new Promise((r) => setTimeout(r, 700 + i * 1_300));
      const name = `Bench-${i}-${Date.now()}`;
      const t0 = Date.now();
      hs.state.update('contacts', target, { firstname: name });
      const seen = await waitFor((e) => e.event === 'seen' && e.name === name, pollMs * 3 + 30_000);
      latencies.push(Number(seen.at) - t0);
    }
    const peakRss = Math.max(Number(initial.peakRss), ...events.filter((e) => e.peakRss).map((e) => Number(e.peakRss)));
    const figures = {
      scale,
      latencyMs,
      maxInFlight: inFlight,
      contacts: size.contacts,
      companies: size.companies,
      engagements: size.engagements,
      initialMs: Math.round(Number(initial.ms)),
      floorMs,
      ratio: Number(ratio.toFixed(3)),
      generalRequests: general,
      throttled429: throttled,
      pollMs,
      changeToCacheMaxMs: latencies.length > 0 ? Math.max(...latencies) : -1,
      peakRssMb: Math.round(peakRss / 1_048_576),
    };
    const answers = latencyMs > 0 ? `réponses en ${latencyMs} ms` : 'réponses immédiates';
    return {
      figures,
      lines: [
        `Sync HubSpot (stand-in, ${max} req / 10 s, ${answers}) — ${size.contacts} contacts, ${size.companies} entreprises, ${size.engagements} engagements (échelle ${scale})`,
        `  copie initiale : ${(figures.initialMs / 1000).toFixed(1)} s pour ${general} requêtes ; plancher ${(floorMs / 1000).toFixed(1)} s → ratio ${figures.ratio}× (objectif ≤ 1,15×), 429 reçus : ${throttled}, jusqu'à ${inFlight} requêtes en vol`,
        ...(measurePolls ? [`  changement → cache : max ${figures.changeToCacheMaxMs} ms sur 3 (intervalle ${pollMs} ms ; objectif < ${pollMs + 2000} ms)`] : []),
        `  RSS max du processus de sync : ${figures.peakRssMb} Mo (objectif < 300 Mo)`,
      ],
    };
  } finally {
    child.kill('SIGKILL');
    await hs.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve('bench/sync.ts')) {
  const r = await benchSync(Number(process.env['ACCUEIL_BENCH_SYNC_SCALE'] ?? 0.1), Number(process.env['ACCUEIL_BENCH_SYNC_POLL_MS'] ?? 5_000));
  r.lines.forEach((l) => console.log(l));
}
