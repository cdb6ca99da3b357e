import { describe, expect, it } from 'vitest';
import { answeredIds, bareMessageId, messageIdsIn, replyReferences, replySubject, ticketReferenceIn } from './mail-threading';

describe('mail threading', () => {
  it('reads Message-IDs with or without brackets', () => {
    expect(bareMessageId(' <abc@example.test> ')).toBe('abc@example.test');
    expect(bareMessageId('abc@example.test')).toBe('abc@example.test');
    expect(bareMessageId('')).toBeNull();
    expect(messageIdsIn('<a@x> <b@x>\r\n <c@x>')).toEqual(['a@x', 'b@x', 'c@x']);
    expect(messageIdsIn('a@x b@x')).toEqual(['a@x', 'b@x']);
  });

  it('tries In-Reply-To first, then References from the newest', () => {
    expect(answeredIds('<c@x>', '<a@x> <b@x> <c@x>')).toEqual(['c@x', 'b@x', 'a@x']);
    expect(answeredIds(null, ['<a@x>', '<b@x>'])).toEqual(['b@x', 'a@x']);
  });

  it('finds a ticket reference in a subject, as a whole word', () => {
    expect(ticketReferenceIn('Re: Fuite [T-4F2A9C01]')).toBe('4f2a9c01');
    expect(ticketReferenceIn('Au sujet du ticket t-4f2a9c01 svp')).toBe('4f2a9c01');
    expect(ticketReferenceIn('DT-4F2A9C01')).toBeNull();
    expect(ticketReferenceIn('T-4F2A9C01X')).toBeNull();
    expect(ticketReferenceIn('Fuite')).toBeNull();
  });

  it('writes one « Re: » and the reference once', () => {
    expect(replySubject('RE : Re: Fuite', 'T-4F2A9C01')).toBe('Re: Fuite [T-4F2A9C01]');
    expect(replySubject('Re: Fuite [T-4F2A9C01]', 'T-4F2A9C01')).toBe('Re: Fuite [T-4F2A9C01]');
    expect(replySubject('', 'T-4F2A9C01')).toBe('Re: Votre message [T-4F2A9C01]');
  });

  it('keeps the thread root and the newest references when the chain is long', () => {
    expect(replyReferences(['a', 'b'], 'c')).toEqual(['a', 'b', 'c']);
    const long = Array.from({ length: 30 }, (_, i) => `m${i}`);
    const refs = replyReferences(long, 'last', 5);
    expect(refs).toEqual(['m0', 'm27', 'm28', 'm29', 'last']);
  });
});
