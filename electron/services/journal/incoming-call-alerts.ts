/**
 * IncomingCallAlerts: when the desktop shell tells Claire about ringing calls (a native notification,
 * the window brought to the front). One call, one alert, at once. A flood of INVITEs (a mailing that
 * makes everyone call back, a PBX replaying its queue, an attacker) must not bury her under
 * notifications nor steal the focus from what she is typing at every call:
 *
 * ```txt
 *  quiet ──call──▶ alert for that call, window brought to front; a window of `windowMs` opens
 *  window ──calls──▶ held; at the window's end: none → quiet
 *                                              one  → its own alert, no focus; the window goes on
 *                                              more → one summary ("3 appels entrants"), no focus; goes on
 * ```
 * So at most one alert per window, and the focus is taken once per flood, at its start. Host-agnostic:
 * the shell turns alerts into notifications; the timers are injected (tests drive a fake clock).
 */

export interface CallAlert<T> {
  /** The calls this alert is about: one, or the calls held during a window (a summary). */
  calls: T[];
  /** Bring the window to the front: only for the first call after a quiet window. */
  focus: boolean;
}

export interface AlertTimers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Long enough to gather a burst into one alert, short enough that a held call is not news by then. */
export const ALERT_WINDOW_MS = 4_000;

const realTimers: AlertTimers = {
  setTimeout: (run, ms) => {
    const handle = setTimeout(run, ms);
    // Never what keeps a process alive (CLI, tests).
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export class IncomingCallAlerts<T> {
  private held: T[] = [];
  private window: unknown = null;
  private readonly windowMs: number;
  private readonly timers: AlertTimers;

  constructor(
    private readonly show: (alert: CallAlert<T>) => void,
    options: { windowMs?: number; timers?: AlertTimers } = {},
  ) {
    this.windowMs = options.windowMs ?? ALERT_WINDOW_MS;
    this.timers = options.timers ?? realTimers;
  }

  /** A call started ringing. */
  ring(call: T): void {
    if (this.window !== null) {
      this.held.push(call);
      return;
    }
    this.openWindow();
    this.show({ calls: [call], focus: true });
  }

  /** Forget held calls and stop the timer (the shell is quitting). */
  dispose(): void {
    if (this.window !== null) this.timers.clearTimeout(this.window);
    this.window = null;
    this.held = [];
  }

  private openWindow(): void {
    this.window = this.timers.setTimeout(() => this.endWindow(), this.windowMs);
  }

  private endWindow(): void {
    const calls = this.held;
    this.held = [];
    if (calls.length === 0) {
      this.window = null;
      return;
    }
    // The flood goes on: the next window starts with this alert, so there is still one per window.
    this.openWindow();
    this.show({ calls, focus: false });
  }
}
