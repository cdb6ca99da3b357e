import { describe, expect, it } from 'vitest';
import { IncomingCallAlerts, type AlertTimers, type CallAlert } from './incoming-call-alerts';

/** Timers on a clock the test moves by hand. */
class FakeClock implements AlertTimers {
  now = 0;
  private tasks: Array<{ at: number; run: () => void; id: number }> = [];
  private nextId = 1;

  setTimeout(run: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.tasks.push({ at: this.now + ms, run, id });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.tasks = this.tasks.filter((task) => task.id !== handle);
  }

  advance(ms: number): void {
    const until = this.now + ms;
    for (;;) {
      const due = this.tasks.filter((task) => task.at <= until).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.tasks = this.tasks.filter((task) => task !== due);
      this.now = due.at;
      due.run();
    }
    this.now = until;
  }

  pending(): number {
    return this.tasks.length;
  }
}

function setup(windowMs = 4_000) {
  const clock = new FakeClock();
  const shown: Array<CallAlert<string> & { at: number }> = [];
  const alerts = new IncomingCallAlerts<string>((alert) => shown.push({ ...alert, at: clock.now }), { windowMs, timers: clock });
  return { clock, shown, alerts };
}

describe('IncomingCallAlerts', () => {
  it('alerts about a lone call at once, bringing the window to the front', () => {
    const { shown, alerts, clock } = setup();
    alerts.ring('Dupont');
    expect(shown).toEqual([{ calls: ['Dupont'], focus: true, at: 0 }]);
    clock.advance(10_000);
    expect(shown).toHaveLength(1);
    expect(clock.pending()).toBe(0);
  });

  it('turns a burst of INVITEs into the first call plus one summary at the end of the window, taking the focus once', () => {
    const { shown, alerts, clock } = setup();
    alerts.ring('Dupont');
    for (const caller of ['Martin', 'Nouvel appelant', 'Lefèvre']) {
      clock.advance(500);
      alerts.ring(caller);
    }
    expect(shown).toHaveLength(1);
    clock.advance(2_500);
    expect(shown).toEqual([
      { calls: ['Dupont'], focus: true, at: 0 },
      { calls: ['Martin', 'Nouvel appelant', 'Lefèvre'], focus: false, at: 4_000 },
    ]);
  });

  it('keeps to one alert per window while a flood lasts, and focuses again only after a quiet window', () => {
    const { shown, alerts, clock } = setup();
    // 100 calls, one every 200 ms: 20 s of flood.
    for (let n = 0; n < 100; n++) {
      alerts.ring(`appel ${n}`);
      clock.advance(200);
    }
    clock.advance(20_000);
    expect(shown.map((a) => a.at)).toEqual([0, 4_000, 8_000, 12_000, 16_000, 20_000]);
    expect(shown.filter((a) => a.focus)).toHaveLength(1);
    expect(shown.flatMap((a) => a.calls)).toHaveLength(100);
    expect(shown.slice(1).map((a) => a.calls.length)).toEqual([19, 20, 20, 20, 20]);

    // The flood is over (a window went by without a call): the next call is news again.
    alerts.ring('Gauthier');
    expect(shown.at(-1)).toEqual({ calls: ['Gauthier'], focus: true, at: clock.now });
  });

  it('alerts about a single held call on its own, without the focus', () => {
    const { shown, alerts, clock } = setup();
    alerts.ring('Dupont');
    clock.advance(1_000);
    alerts.ring('Martin');
    clock.advance(3_000);
    expect(shown.at(-1)).toEqual({ calls: ['Martin'], focus: false, at: 4_000 });
  });

  it('forgets held calls and its timer when disposed', () => {
    const { shown, alerts, clock } = setup();
    alerts.ring('Dupont');
    alerts.ring('Martin');
    alerts.dispose();
    expect(clock.pending()).toBe(0);
    clock.advance(10_000);
    expect(shown).toHaveLength(1);
  });
});
