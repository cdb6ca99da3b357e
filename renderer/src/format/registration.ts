/**
 * The status bar's sentence for the PBX registration, from `telephony.status`. The countdown is
 * recomputed from `nextRetryAt` at each tick, so it stays right without new events.
 */
import type { TelephonyStatus } from '../contract';
import type { MessageKey, MessageParams } from '../i18n';
import { secondsUntil } from './format';

export type Tone = 'ok' | 'busy' | 'error' | 'idle';

export interface StatusText {
  key: MessageKey;
  params?: MessageParams;
  tone: Tone;
}

export function registrationText(status: TelephonyStatus | null, now: number): StatusText {
  if (!status) return { key: 'registration.unknown', tone: 'idle' };
  switch (status.state) {
    case 'registered':
      return { key: 'registration.registered', tone: 'ok' };
    case 'connecting':
      return { key: 'registration.connecting', tone: 'busy' };
    case 'unconfigured':
      return { key: 'registration.unconfigured', tone: 'idle' };
    case 'failed':
    case 'unregistered': {
      const seconds = secondsUntil(status.nextRetryAt, now);
      if (seconds !== null && seconds > 0) return { key: 'registration.retryIn', params: { seconds }, tone: 'error' };
      if (seconds === 0) return { key: 'registration.retrying', tone: 'error' };
      return { key: status.state === 'failed' ? 'registration.failed' : 'registration.unregistered', tone: 'error' };
    }
  }
}
