import { describe, expect, it } from 'vitest';
import { CallLife, isFinal, readCancelReason } from './call-state';

describe('CallLife', () => {
  it('goes from ringing to one final state', () => {
    for (const end of ['missed', 'answered_elsewhere', 'failed'] as const) {
      const call = new CallLife('abc');
      call.transition(end);
      expect(call.state).toBe(end);
      expect(isFinal(end)).toBe(true);
      expect(() => call.transition('ended')).toThrow(`Invalid state transition from ${end} to ended`);
    }
  });

  it('ends an answered call, and never answers it twice', () => {
    const call = new CallLife('abc');
    call.transition('answered');
    expect(() => call.transition('missed')).toThrow('Invalid state transition from answered to missed');
    call.transition('ended');
    expect(call.state).toBe('ended');
  });

  it('cannot end a call that was never answered', () => {
    expect(() => new CallLife('x').transition('ended')).toThrow('Invalid state transition from ringing to ended');
  });
});

describe('readCancelReason', () => {
  it('reads "Call completed elsewhere" (SIP cause 200) as answered elsewhere', () => {
    expect(readCancelReason(['SIP;cause=200;text="Call completed elsewhere"'])).toEqual({
      answeredElsewhere: true,
      text: 'Call completed elsewhere',
    });
  });

  it('reads Q.850 cause 26 (non-selected user clearing) as answered elsewhere', () => {
    expect(readCancelReason(['Q.850;cause=26']).answeredElsewhere).toBe(true);
  });

  it('reads a CANCEL without Reason, or with another cause, as the caller hanging up', () => {
    expect(readCancelReason([])).toEqual({ answeredElsewhere: false, text: null });
    expect(readCancelReason(['Q.850;cause=16;text="Normal call clearing"'])).toEqual({
      answeredElsewhere: false,
      text: 'Normal call clearing',
    });
    expect(readCancelReason(['SIP;cause=487'])).toEqual({ answeredElsewhere: false, text: 'SIP cause 487' });
  });

  it('finds cause 200 among several reasons in one header or several', () => {
    expect(readCancelReason(['Q.850;cause=16, SIP;cause=200;text="Call completed elsewhere"']).answeredElsewhere).toBe(true);
    expect(readCancelReason(['Q.850;cause=16', 'SIP;cause=200']).answeredElsewhere).toBe(true);
  });

  it('survives garbage', () => {
    expect(readCancelReason([';;;', '"', 'x'.repeat(100_000), 'SIP;cause=abc;text="unterminated'])).toMatchObject({ answeredElsewhere: false });
  });
});
