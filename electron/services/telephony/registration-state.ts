/**
 * Where the agent's line stands with the PBX: the `RegistrationState` of the contract, with the
 * moves that are allowed between them. SipLine drives it; the status bar reads it.
 *
 * ```txt
 *  unconfigured ──start()──▶ connecting ──200 OK──▶ registered
 *        │                    ▲  │  │                 │   │
 *        │         retry timer│  │  │ 401/403,        │   │ refresh failed,
 *        │       or reconnect()  │  │ bad config      │   │ transport lost
 *        │                    │  ▼  ▼                 │   ▼
 *        │                 unregistered    failed ◀───┘ unregistered
 *        │                    (nextRetryAt)   │   (credentials refused on a refresh)
 *        └──bad config──▶ failed ──reconnect()──▶ connecting
 *
 *  registered ──reconnect()──▶ connecting
 *  any state but unconfigured ──stop()──▶ unregistered (even from unregistered: drops nextRetryAt)
 * ```
 * `failed` waits for a person (wrong password, wrong address): no automatic retry, which would only
 * lock the account. `unregistered` with a `nextRetryAt` is the normal "the PBX went away" state.
 */
import type { RegistrationState, TelephonyStatus } from '../../contract/model';
import { StateMachine } from '../state-machine';

export type { RegistrationState };

export const REGISTRATION_STATES = new StateMachine<RegistrationState>({
  unconfigured: ['connecting', 'failed'],
  connecting: ['registered', 'unregistered', 'failed'],
  registered: ['unregistered', 'connecting', 'failed'],
  // unregistered → unregistered: stop() while a retry is pending drops the retry.
  unregistered: ['connecting', 'unregistered'],
  failed: ['connecting', 'unregistered'],
});

export function canTransition(from: RegistrationState, to: RegistrationState): boolean {
  return REGISTRATION_STATES.can(from, to);
}

export interface RegistrationChange {
  detail?: string | null;
  nextRetryAt?: Date | null;
}

/** The line's registration state, its reason and next retry; every change is reported once. */
export class Registration {
  private _state: RegistrationState = 'unconfigured';
  private detail: string | null = null;
  private nextRetryAt: Date | null = null;
  private since: Date;

  constructor(
    private readonly where: { aor: string | null; server: string | null },
    private readonly onChange: (status: TelephonyStatus) => void,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.since = now();
  }

  get state(): RegistrationState {
    return this._state;
  }

  /** Move to `to`; throws "Invalid state transition from X to Y" on a move the diagram does not have. */
  transition(to: RegistrationState, change: RegistrationChange = {}): void {
    this._state = REGISTRATION_STATES.transition(this._state, to);
    this.detail = change.detail ?? null;
    this.nextRetryAt = change.nextRetryAt ?? null;
    this.since = this.now();
    this.onChange(this.status());
  }

  status(): TelephonyStatus {
    return {
      state: this._state,
      aor: this.where.aor,
      server: this.where.server,
      detail: this.detail,
      nextRetryAt: this.nextRetryAt ? this.nextRetryAt.toISOString() : null,
      since: this.since.toISOString(),
    };
  }
}
