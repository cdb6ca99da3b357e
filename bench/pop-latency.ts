/**
 * Pop latency, end to end: from the INVITE leaving sipp (its own send timestamp, in µs) to the
 * caller's contact name in the page's DOM (a MutationObserver in Chromium, same machine clock),
 * through Kamailio, the SIP line, the journal's SQLite write, the WebSocket and React.
 */
import fs from 'node:fs';
import path from 'node:path';
import { startKamailio } from '../test/support/kamailio.ts';
import { placeCall } from '../test/support/sipp.ts';
import { launchChromium, serve } from '../test/support/web-mode.ts';
import { line, ms, summarize } from './stats';

export async function benchPopLatency(calls = 200) {
  const kamailio = await startKamailio();
  const product = await serve({
    env: { ACCUEIL_SIP_WS_URL: kamailio.wsUrl, ACCUEIL_SIP_URI: 'sip:claire@127.0.0.1', ACCUEIL_SIP_PASSWORD: 'x' },
  });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(product.url);
    await page.locator('[data-testid="status-registration"][data-state="registered"]').waitFor({ timeout: 20_000 });
    // Runs in the page (a string: this file is typechecked for Node, without the DOM library).
    await page.evaluate(`(() => {
      window.__pops = [];
      const seen = new Set();
      new MutationObserver(() => {
        const at = performance.timeOrigin + performance.now();
        for (const pop of document.querySelectorAll('[data-testid="pop"][data-call-id]')) {
          const id = pop.getAttribute('data-call-id');
          if (!seen.has(id) && pop.querySelector('[data-testid="pop-contact-name"]')) {
            seen.add(id);
            window.__pops.push({ id, at });
          }
        }
      }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    })()`);

    const timesFile = path.join(product.dataDir, 'sipp-short.log');
    const result = await placeCall({
      kamailio,
      to: 'claire',
      from: '0612345678',
      scenario: 'ring-then-cancel',
      holdMs: 150,
      repeat: { count: calls, perSecond: 4, concurrent: 1 },
      messageTimesFile: timesFile,
      timeoutMs: calls * 1_000,
    });
    await page.waitForTimeout(500);
    const pops = (await page.evaluate('window.__pops')) as Array<{ id: string; at: number }>;
    // Short log lines: date, time, epoch.µs, S|R, Call-ID, CSeq, first line.
    const sent = fs
      .readFileSync(timesFile, 'utf8')
      .split('\n')
      .map((l) => l.split('\t'))
      .filter((f) => f[3] === 'S' && f[5] === 'CSeq:1 INVITE' && f[6]?.startsWith('INVITE '))
      .map((f) => ({ callId: f[4]!, at: Number(f[2]) * 1000 }));
    // First transmission of each INVITE only (retransmissions carry the same Call-ID).
    const firstSend = [...new Map(sent.reverse().map((s) => [s.callId, s.at])).values()].sort((a, b) => a - b);
    // Calls run one at a time (-l 1), so the n-th INVITE sent is the n-th pop shown.
    const n = Math.min(firstSend.length, pops.length);
    const samples = Array.from({ length: n }, (_, i) => pops[i]!.at - firstSend[i]!);
    const s = summarize(samples);
    return {
      lines: [
        line(`pop latency, sipp INVITE → name in DOM (${s.n}/${calls})`, `p50 ${ms(s.p50)}  p95 ${ms(s.p95)}  p99 ${ms(s.p99)}`, 'p95 < 100 ms'),
        ...(result.code !== 0 || pops.length !== firstSend.length
          ? [line('  (warning)', `sipp exit ${result.code}, ${firstSend.length} INVITEs, ${pops.length} pops`)]
          : []),
      ],
      figures: { pop: s, sippExit: result.code, invites: firstSend.length, pops: pops.length },
    };
  } finally {
    await browser.close();
    await product.stop();
    await kamailio.stop();
    fs.rmSync(product.dataDir, { recursive: true, force: true });
  }
}
