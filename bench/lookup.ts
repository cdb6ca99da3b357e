/**
 * Caller identification on a big cache: 100,000 demo contacts in a real SQLite file, then
 * identify() (the indexed phone lookup the pop starts with) and buildPop() (lookup + full card).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateDemoWorkspace } from '../electron/services/demo';
import { Directory } from '../electron/services/directory';
import { openStore } from '../electron/services/store';
import { line, ms, summarize } from './stats';

export async function benchLookup(contacts = 100_000) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-bench-lookup-'));
  try {
    const store = openStore(path.join(dir, 'accueil.db'));
    const started = performance.now();
    const summary = generateDemoWorkspace(store, { contacts, seed: 7 });
    const generateMs = performance.now() - started;
    const directory = new Directory(store);

    // Known numbers straight from the cache (a bench may read the file), plus unknown ones.
    const known = store.database
      .prepare<{ e164: string }>('SELECT e164 FROM phones WHERE e164 IS NOT NULL ORDER BY rowid LIMIT 200000')
      .all()
      .map((r) => r.e164);
    const formats = (e164: string, i: number) => {
      const national = `0${e164.slice(3)}`;
      switch (i % 4) {
        case 0: return e164;
        case 1: return national.replace(/(\d{2})(?=\d)/g, '$1 ');
        case 2: return `0033${e164.slice(3)}`;
        default: return national.replace(/(\d{2})(?=\d)/g, '$1.');
      }
    };
    const probes: string[] = [];
    for (let i = 0; i < 20_000; i++) probes.push(i % 10 === 9 ? `06${String(10_000_000 + i * 37).slice(-8)}` : formats(known[(i * 7919) % known.length]!, i));

    for (let i = 0; i < 2_000; i++) directory.identify(probes[i]!); // warm the statement cache and pages
    const identify: number[] = [];
    let matched = 0;
    for (const probe of probes) {
      const t = performance.now();
      const result = directory.identify(probe);
      identify.push(performance.now() - t);
      if (result.matches.length > 0) matched++;
    }
    const pop: number[] = [];
    for (const probe of probes.slice(0, 5_000)) {
      const t = performance.now();
      directory.buildPop(probe);
      pop.push(performance.now() - t);
    }
    const queries = ['francois', 'lefèvre', "n'diaye", 'syndic saint', '0612', '+33 6 12 34', 'rennes', 'gauthier hélène', '35000', 'mairie'];
    const search: number[] = [];
    for (let round = 0; round < 20; round++)
      for (const q of queries) {
        const t = performance.now();
        directory.search(q, 12);
        search.push(performance.now() - t);
      }
    const q = summarize(search);
    const i = summarize(identify);
    const p = summarize(pop);
    const dbBytes = fs.statSync(path.join(dir, 'accueil.db')).size;
    store.close();
    return {
      lines: [
        line(`demo generation (${summary.contacts.toLocaleString('fr-FR')} contacts)`, `${(generateMs / 1000).toFixed(1)} s, base ${(dbBytes / 1e6).toFixed(0)} Mo`),
        line(`identify() over ${i.n} numbers (${matched} matched)`, `p50 ${ms(i.p50, 3)}  p99 ${ms(i.p99, 3)}`, 'p99 < 1 ms'),
        line(`buildPop() with card, ${p.n} numbers`, `p50 ${ms(p.p50, 3)}  p99 ${ms(p.p99, 3)}`),
        line(`search() type-ahead, ${q.n} queries`, `p50 ${ms(q.p50, 2)}  p99 ${ms(q.p99, 2)}`),
      ],
      figures: { generateMs, identify: i, buildPop: p, search: q, dbBytes },
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
