/** Web mode start-up: from `node bin/accueil.mjs serve` to the URL printed (the server listening). */
import fs from 'node:fs';
import { serve, tempDataDir } from '../test/support/web-mode.ts';
import { line, ms, summarize } from './stats';

export async function benchStartup(runs = 5) {
  const dir = tempDataDir('accueil-bench-start-');
  try {
    let t = performance.now();
    const first = await serve({ dataDir: dir });
    const coldMs = performance.now() - t;
    await first.stop();
    const warm: number[] = [];
    for (let i = 0; i < runs; i++) {
      t = performance.now();
      const product = await serve({ dataDir: dir });
      warm.push(performance.now() - t);
      await product.stop();
    }
    const w = summarize(warm);
    return {
      lines: [
        line('web mode start-up, first run (creates demo)', ms(coldMs, 0)),
        line(`web mode start-up, existing data (${runs} runs)`, `p50 ${ms(w.p50, 0)}  max ${ms(w.max, 0)}`),
      ],
      figures: { coldMs, warm: w },
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
