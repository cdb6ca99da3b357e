/**
 * Click-to-call in CTI mode: the console places the call, the desk phone carries the audio.
 *
 * The standard way, "click-to-dial" by third-party call control with REFER (RFC 3515; the flow of
 * RFC 5359 §2.18 / RFC 3725 with a transfer):
 *
 *   console ──INVITE (no SDP)──▶ agent's AOR ──▶ desk phone rings; Claire lifts the handset (200, offer)
 *   console ──ACK (answer: a=inactive, nothing flows)──▶ desk
 *   console ──REFER Refer-To: <sip:0612345678@pbx>──▶ desk ── 202 Accepted
 *   desk ──INVITE──▶ PBX ──▶ customer           (the desk's own call, audio desk ↔ customer)
 *   desk ──NOTIFY sipfrag "SIP/2.0 180 Ringing" / "SIP/2.0 200 OK"──▶ console   (RFC 3515 §2.4.5)
 *   console ──BYE──▶ desk (its leg only: the desk keeps the customer, as after a transfer)
 *
 * The console knows the customer answered from the final sipfrag (200) and reports it; a final
 * >= 300 (486 busy, 480/408 no answer…) is a failed call. The console's INVITE to its own AOR is
 * forked back to the console itself by the registrar: SipLine refuses that branch (482) without a
 * pop, by its Call-ID.
 */
import {
  Inviter,
  SessionState,
  type Core,
  type Notification,
  type SessionDescriptionHandler,
  type URI,
  type UserAgent,
} from 'sip.js';
import type { Logger } from '../log';

export type ClickToDialProgress = { type: 'desk_answered' } | { type: 'answered' } | { type: 'failed'; reason: string };

export interface ClickToDialOptions {
  /** How long the customer may ring before the console gives up on hearing the outcome. */
  outcomeTimeoutMs?: number;
}

/** Reads the status code of a message/sipfrag body ("SIP/2.0 200 OK"). */
export function sipfragStatus(body: string): { code: number; reason: string } | null {
  const match = /^\s*SIP\/2\.0\s+(\d{3})\s*([^\r\n]*)/.exec(body);
  return match ? { code: Number(match[1]), reason: (match[2] ?? '').trim() } : null;
}

/** Plain-French outcome of a failed call (desk leg or customer leg). */
export function failureReason(code: number, leg: 'desk' | 'customer'): string {
  if (leg === 'desk') {
    if (code === 486 || code === 600) return `Votre poste est occupé (${code})`;
    if (code === 480 || code === 408 || code === 487) return `Votre poste n’a pas décroché (${code})`;
    if (code === 404 || code === 482) return `Aucun poste de bureau joignable sur votre ligne (${code})`;
    return `Le standard a refusé l’appel (${code})`;
  }
  if (code === 486 || code === 600) return `Occupé (${code})`;
  if (code === 480 || code === 408 || code === 487) return `Pas de réponse (${code})`;
  if (code === 404 || code === 484 || code === 604) return `Numéro inexistant (${code})`;
  if (code === 603) return `Appel refusé (${code})`;
  return `Échec de l’appel (${code})`;
}

/**
 * Session description for the console's own leg to the desk phone: it answers the desk's offer with
 * the same streams `inactive` (RFC 3264 §5.1, nothing flows, as a call on hold) — the desk is about
 * to be referred elsewhere; the console never sends or receives audio.
 */
export function heldAnswerHandler(): SessionDescriptionHandler {
  let offer: string | null = null;
  return {
    close: () => Promise.resolve(),
    getDescription: () =>
      offer === null
        ? Promise.reject(new Error('Console en mode CTI : pas de média'))
        : Promise.resolve({ contentType: 'application/sdp', body: inactiveAnswer(offer) }),
    hasDescription: (contentType: string) => contentType === 'application/sdp',
    setDescription: (sdp: string) => {
      offer = sdp;
      return Promise.resolve();
    },
    sendDtmf: () => false,
  };
}

export function inactiveAnswer(offer: string): string {
  const lines = offer.split(/\r?\n/).filter((l) => l.length > 0);
  const out = ['v=0', `o=accueil ${Date.now()} 1 IN IP4 0.0.0.0`, 's=accueil', 'c=IN IP4 0.0.0.0', 't=0 0'];
  for (const line of lines) {
    if (line.startsWith('m=')) {
      // Same media and formats, a placeholder port: nothing is ever sent to it.
      const [media, , proto, ...formats] = line.slice(2).split(' ');
      out.push(`m=${media ?? 'audio'} 9 ${proto ?? 'RTP/AVP'} ${formats.join(' ')}`.trim(), 'a=inactive');
    } else if (line.startsWith('a=rtpmap:')) {
      out.push(line);
    }
  }
  return `${out.join('\r\n')}\r\n`;
}

/**
 * Starts one click-to-dial. Returns the Call-ID of the console's leg at once (before anything is
 * sent) so the caller can journal the call and recognise the INVITE looped back to it.
 */
export function startClickToDial(
  ua: UserAgent,
  desk: URI,
  target: URI,
  log: Logger,
  report: (progress: ClickToDialProgress) => void,
  options: ClickToDialOptions & { onDone?: () => void } = {},
): { callKey: string } {
  const inviter = new Inviter(ua, desk, {
    inviteWithoutSdp: true,
    // What the desk phone shows while it rings: who Claire is about to call.
    params: { fromDisplayName: `Appel vers ${target.user ?? ''}` },
    extraHeaders: ['Subject: Accueil click-to-dial'],
  });
  const callKey = inviter.request.callId;
  let finished = false;
  let timer: NodeJS.Timeout | null = null;
  const finish = (progress: Exclude<ClickToDialProgress, { type: 'desk_answered' }>) => {
    if (finished) return;
    finished = true;
    if (timer) clearTimeout(timer);
    report(progress);
    // Leave the desk phone with the customer: our leg only was a means to send the REFER.
    if (inviter.state === SessionState.Established) inviter.bye().catch((error: unknown) => log.debug('BYE to the desk phone failed', { callKey, error: String(error) }));
    else if (inviter.state === SessionState.Establishing || inviter.state === SessionState.Initial) inviter.cancel().catch(() => {});
    options.onDone?.();
  };

  inviter.stateChange.addListener((state) => {
    if (state === SessionState.Established) {
      report({ type: 'desk_answered' });
      log.info('click-to-dial: desk phone answered, sending REFER', { callKey, target: target.toString() });
      timer = setTimeout(() => finish({ type: 'failed', reason: 'Pas de nouvelle du poste après le transfert' }), options.outcomeTimeoutMs ?? 120_000);
      timer.unref?.();
      inviter
        .refer(target, {
          requestDelegate: {
            onReject: (response: Core.IncomingResponse) => {
              const code = response.message.statusCode ?? 0;
              finish({ type: 'failed', reason: `Votre poste ne sait pas transférer l’appel (REFER refusé, ${code})` });
            },
          },
          onNotify: (notification: Notification) => {
            notification.accept().catch(() => {});
            const status = sipfragStatus(String(notification.request.body ?? ''));
            if (!status || status.code < 200) return;
            if (status.code < 300) finish({ type: 'answered' });
            else finish({ type: 'failed', reason: failureReason(status.code, 'customer') });
          },
        })
        .catch((error: unknown) => finish({ type: 'failed', reason: `Transfert impossible : ${String(error)}` }));
    }
    if (state === SessionState.Terminated && !finished) {
      finish({ type: 'failed', reason: 'Appel interrompu avant que le client ne réponde' });
    }
  });

  inviter
    .invite({
      requestDelegate: {
        onReject: (response: Core.IncomingResponse) => finish({ type: 'failed', reason: failureReason(response.message.statusCode ?? 0, 'desk') }),
      },
    })
    .catch((error: unknown) => finish({ type: 'failed', reason: `Appel impossible : ${String(error)}` }));
  return { callKey };
}
