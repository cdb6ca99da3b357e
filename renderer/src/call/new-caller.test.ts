import { describe, expect, it } from 'vitest';
import { validateNewContact } from './new-caller';

const form = (email: string) => ({ firstName: '', lastName: 'Durand', email, city: '', companyId: null });
/** The e-mail pattern before it was made linear, to check the answers did not change. */
const BACKTRACKING_EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

describe('validateNewContact e-mail on hostile text', () => {
  it('accepts and refuses exactly what the former pattern did, on every short mix of a, @ and .', () => {
    const texts = [''];
    for (let length = 1; length <= 8; length++) {
      for (const text of texts.filter((t) => t.length === length - 1)) for (const c of ['a', '@', '.']) texts.push(text + c);
    }
    for (const text of [...texts, 'claire@pbx.example.fr', 'x@.fr', 'x@fr.', 'x@a..b']) {
      expect(validateNewContact(form(text)).email === undefined, JSON.stringify(text)).toBe(text === '' || BACKTRACKING_EMAIL.test(text));
    }
  });

  it('checks 1 MB of pasted dots without freezing the form', () => {
    for (const text of [`a@${'.'.repeat(1 << 20)}@`, `a@b${'.'.repeat(1 << 20)} x`, `${'a'.repeat(1 << 20)}@`]) {
      expect(validateNewContact(form(text)).email).toBe('newCaller.emailInvalid');
    }
  }, 30_000);
});
