import { describe, expect, it } from 'vitest';
import { chooseServiceChannel, textable, type ServiceChannelFacts } from './service-channel';

/** A customer with everything: address, mobile, SMS and WhatsApp configured, window closed, no template. */
const base: ServiceChannelFacts = {
  preferred: 'email',
  email: true,
  emailOptedOut: false,
  mobile: true,
  stopped: false,
  smsText: true,
  smsAvailable: true,
  whatsappAvailable: true,
  whatsappWindowOpen: false,
  whatsappTemplate: false,
};
const choose = (change: Partial<ServiceChannelFacts>) => chooseServiceChannel({ ...base, ...change });

describe('chooseServiceChannel', () => {
  it('keeps e-mail by default, and SMS only for a customer without an address', () => {
    expect(choose({})).toEqual({ channel: 'email', whatsappAs: null, fallback: null });
    expect(choose({ email: false })).toEqual({ channel: 'sms', whatsappAs: null, fallback: { from: 'email', why: 'no_email' } });
    expect(choose({ email: false, smsText: false })).toMatchObject({ channel: null, why: 'no_email' });
    expect(choose({ email: false, mobile: false })).toMatchObject({ channel: null, why: 'no_email' });
    // An address that said « ne plus recevoir » gets no SMS instead.
    expect(choose({ emailOptedOut: true })).toMatchObject({ channel: null, why: 'opted_out' });
  });

  it('sends by SMS to a customer preferring SMS, and by e-mail when SMS cannot go', () => {
    expect(choose({ preferred: 'sms' })).toEqual({ channel: 'sms', whatsappAs: null, fallback: null });
    expect(choose({ preferred: 'sms', mobile: false })).toEqual({ channel: 'email', whatsappAs: null, fallback: { from: 'sms', why: 'no_mobile' } });
    expect(choose({ preferred: 'sms', smsAvailable: false })).toMatchObject({ channel: 'email', fallback: { why: 'sms_unavailable' } });
    expect(choose({ preferred: 'sms', smsText: false })).toMatchObject({ channel: 'email', fallback: { why: 'no_sms_text' } });
  });

  it('never writes to a number that said STOP: e-mail instead, or nothing', () => {
    expect(choose({ preferred: 'sms', stopped: true })).toMatchObject({ channel: 'email', fallback: { from: 'sms', why: 'stopped' } });
    expect(choose({ preferred: 'whatsapp', stopped: true, whatsappWindowOpen: true, whatsappTemplate: true })).toMatchObject({ channel: 'email', fallback: { from: 'whatsapp', why: 'stopped' } });
    expect(choose({ preferred: 'sms', stopped: true, email: false })).toMatchObject({ channel: null, why: 'opted_out' });
    expect(choose({ preferred: 'email', stopped: true, email: false })).toMatchObject({ channel: null, why: 'opted_out' });
  });

  it('sends WhatsApp free text inside the 24-hour window, the bound template outside it', () => {
    expect(choose({ preferred: 'whatsapp', whatsappWindowOpen: true })).toEqual({ channel: 'whatsapp', whatsappAs: 'text', fallback: null });
    expect(choose({ preferred: 'whatsapp', whatsappTemplate: true })).toEqual({ channel: 'whatsapp', whatsappAs: 'template', fallback: null });
    // Inside the window but no text for it: the template still does.
    expect(choose({ preferred: 'whatsapp', whatsappWindowOpen: true, smsText: false, whatsappTemplate: true })).toMatchObject({ channel: 'whatsapp', whatsappAs: 'template' });
  });

  it('falls back from WhatsApp to e-mail, then SMS, when the window is closed and no template is bound', () => {
    expect(choose({ preferred: 'whatsapp' })).toEqual({ channel: 'email', whatsappAs: null, fallback: { from: 'whatsapp', why: 'whatsapp_window' } });
    expect(choose({ preferred: 'whatsapp', email: false })).toEqual({ channel: 'sms', whatsappAs: null, fallback: { from: 'whatsapp', why: 'whatsapp_window' } });
    expect(choose({ preferred: 'whatsapp', whatsappAvailable: false })).toMatchObject({ channel: 'email', fallback: { why: 'whatsapp_unavailable' } });
    expect(choose({ preferred: 'whatsapp', email: false, smsAvailable: false })).toMatchObject({ channel: null, why: 'no_email', refusals: { whatsapp: 'whatsapp_window', email: 'no_email', sms: 'sms_unavailable' } });
  });

  it('chooses over every combination without ever picking a STOPped number or a closed window without template', () => {
    const flags = ['email', 'emailOptedOut', 'mobile', 'stopped', 'smsText', 'smsAvailable', 'whatsappAvailable', 'whatsappWindowOpen', 'whatsappTemplate'] as const;
    for (const preferred of ['email', 'sms', 'whatsapp'] as const) {
      for (let mask = 0; mask < 1 << flags.length; mask++) {
        const facts = { ...base, preferred } as ServiceChannelFacts;
        flags.forEach((flag, i) => ((facts as unknown as Record<string, boolean>)[flag] = (mask & (1 << i)) !== 0));
        const choice = chooseServiceChannel(facts);
        if (choice.channel === 'sms' || choice.channel === 'whatsapp') expect(facts.mobile && !facts.stopped).toBe(true);
        if (choice.channel === 'whatsapp' && choice.whatsappAs === 'template') expect(facts.whatsappTemplate).toBe(true);
        if (choice.channel === 'whatsapp' && choice.whatsappAs === 'text') expect(facts.whatsappWindowOpen && facts.smsText).toBe(true);
        if (choice.channel === 'email') expect(facts.email && !facts.emailOptedOut).toBe(true);
        if (choice.channel === preferred) expect(choice.fallback).toBeNull();
      }
    }
  });

  it('texts French mobiles and foreign numbers, never a French landline', () => {
    expect(textable('+33612345678')).toBe(true);
    expect(textable('+33712345678')).toBe(true);
    expect(textable('+32470123456')).toBe(true);
    expect(textable('+33299001122')).toBe(false);
    expect(textable('+33899001122')).toBe(false);
    expect(textable(null)).toBe(false);
  });
});
