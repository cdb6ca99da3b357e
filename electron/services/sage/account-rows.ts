/**
 * One account from the raw text of its fields, whatever the format it came in (a #MPCT block, a
 * Sage 50 row, a mapped CSV row): the checks every account gets, and the rule for codes given
 * twice in one file.
 */
import type { LineProblem, SageAccount, SageAccountKind, SageOpenItem, AccountField, OpenItemField } from './sage-records';
import { checkSiret, normalizedEmail, parseSageAmount, parseSageDate } from './sage-values';

export type AccountText = Partial<Record<AccountField, string>>;

/** Sage's account codes: letters and digits (CT_Num, at most 17), written in upper case by Sage. */
const CODE = /^[A-Z0-9][A-Z0-9._-]{0,16}$/;

const text = (v: string | undefined): string | null => {
  const t = (v ?? '').trim();
  return t === '' ? null : t;
};

const KIND_BY_CODE: Record<string, SageAccountKind> = { '0': 'client', '1': 'fournisseur', '2': 'salarie', '3': 'autre' };
const KIND_BY_LABEL: Record<string, SageAccountKind> = { client: 'client', clients: 'client', fournisseur: 'fournisseur', fournisseurs: 'fournisseur', salarie: 'salarie', autre: 'autre', prospect: 'client' };

export type AccountOutcome = { account: SageAccount; warnings: LineProblem[] } | { rejected: LineProblem } | { ignored: true };

export function accountFromText(fields: AccountText, line: number): AccountOutcome {
  const code = (fields.code ?? '').trim().toUpperCase();
  if (code === '') return { rejected: { line, reason: 'numéro de compte vide' } };
  if (!CODE.test(code)) return { rejected: { line, code, reason: `numéro de compte « ${code} » invalide (lettres et chiffres, 17 au plus)` } };
  const kindText = (fields.kind ?? '').trim().toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  const kind: SageAccountKind | undefined = kindText === '' ? 'client' : (KIND_BY_CODE[kindText] ?? KIND_BY_LABEL[kindText]);
  if (!kind) return { rejected: { line, code, reason: `type de compte « ${fields.kind} » inconnu (0 client, 1 fournisseur, 2 salarié, 3 autre)` } };
  if (kind !== 'client') return { ignored: true };
  const firstName = text(fields.firstName);
  const name = [firstName, text(fields.name)].filter(Boolean).join(' ');
  if (name === '') return { rejected: { line, code, reason: `compte ${code} : intitulé vide` } };

  const warnings: LineProblem[] = [];
  const siretCheck = checkSiret(fields.siret ?? '');
  let siret: string | null = null;
  let siretValid = false;
  if (siretCheck.kind === 'malformed') warnings.push({ line, code, reason: `compte ${code} : ${siretCheck.reason} — ignoré pour le rapprochement` });
  else if (siretCheck.kind !== 'none') {
    siret = siretCheck.digits;
    siretValid = siretCheck.valid;
    if (!siretCheck.valid) warnings.push({ line, code, reason: `compte ${code} : ${siretCheck.reason} — gardé, jamais utilisé pour le rapprochement` });
  }
  const createdOn = parseSageDate(fields.createdOn ?? '');
  if (!createdOn.ok) warnings.push({ line, code, reason: `compte ${code} : date de création — ${createdOn.reason}` });
  const rawEmail = text(fields.email);
  const email = rawEmail ? normalizedEmail(rawEmail) : null;
  if (rawEmail && !email) warnings.push({ line, code, reason: `compte ${code} : e-mail « ${rawEmail} » invalide — ignoré` });
  const complement = [text(fields.complement), text(fields.complement2)].filter(Boolean).join(', ') || null;
  const dormant = ['1', 'oui', 'o', 'vrai', 'x'].includes((fields.dormant ?? '').trim().toLowerCase());

  return {
    account: {
      code,
      name,
      kind,
      collective: text(fields.collective),
      contact: text(fields.contact),
      address: text(fields.address),
      complement,
      postalCode: text(fields.postalCode),
      city: text(fields.city),
      country: text(fields.country),
      vat: text(fields.vat)?.replace(/\s/g, '').toUpperCase() ?? null,
      siret,
      siretValid,
      ape: text(fields.ape),
      createdOn: createdOn.ok ? createdOn.value : null,
      phone: text(fields.phone),
      mobile: text(fields.mobile),
      fax: text(fields.fax),
      email,
      website: text(fields.website),
      dormant,
      line,
    },
    warnings,
  };
}

export type OpenItemText = Partial<Record<OpenItemField, string>>;

/** One open item; a paid (lettered) one is kept, flagged by its lettrage. */
export function openItemFromText(fields: OpenItemText, line: number): { item: SageOpenItem } | { rejected: LineProblem } {
  const account = (fields.account ?? '').trim().toUpperCase();
  if (account === '' || !CODE.test(account)) return { rejected: { line, reason: account === '' ? 'compte vide' : `compte « ${account} » invalide` } };
  const piece = (fields.piece ?? '').trim();
  if (piece === '') return { rejected: { line, code: account, reason: 'numéro de pièce vide' } };
  const due = parseSageDate(fields.dueDate ?? '');
  if (!due.ok) return { rejected: { line, code: account, reason: `échéance : ${due.reason}` } };
  if (due.value === null) return { rejected: { line, code: account, reason: 'échéance vide' } };
  let amountCents: number;
  if (fields.amount !== undefined) {
    const amount = parseSageAmount(fields.amount);
    if (!amount.ok) return { rejected: { line, code: account, reason: amount.reason } };
    amountCents = amount.value;
  } else {
    const debit = (fields.debit ?? '').trim() === '' ? { ok: true as const, value: 0 } : parseSageAmount(fields.debit ?? '');
    const credit = (fields.credit ?? '').trim() === '' ? { ok: true as const, value: 0 } : parseSageAmount(fields.credit ?? '');
    if (!debit.ok) return { rejected: { line, code: account, reason: `débit : ${debit.reason}` } };
    if (!credit.ok) return { rejected: { line, code: account, reason: `crédit : ${credit.reason}` } };
    amountCents = debit.value - credit.value;
  }
  const issued = parseSageDate(fields.issuedOn ?? '');
  return {
    item: {
      account,
      piece,
      dueDate: due.value,
      amountCents,
      label: text(fields.label),
      issuedOn: issued.ok ? issued.value : null,
      lettrage: text(fields.lettrage),
      line,
    },
  };
}

/**
 * A code given twice in one file: which one is right cannot be told from the file, so every
 * occurrence is refused (and named with the others' lines), never the last one silently kept.
 */
export function refuseDuplicates<T extends { line: number }>(records: T[], keyOf: (r: T) => string, describe: (key: string) => string): { kept: T[]; rejected: LineProblem[] } {
  const byKey = new Map<string, T[]>();
  for (const r of records) {
    const key = keyOf(r);
    const list = byKey.get(key);
    if (list) list.push(r);
    else byKey.set(key, [r]);
  }
  const kept: T[] = [];
  const rejected: LineProblem[] = [];
  for (const r of records) {
    const same = byKey.get(keyOf(r))!;
    if (same.length === 1) kept.push(r);
    else {
      const others = same.filter((o) => o !== r).map((o) => o.line);
      rejected.push({ line: r.line, code: keyOf(r).split('\u0000')[0]!, reason: `${describe(keyOf(r))} en double (aussi ligne${others.length > 1 ? 's' : ''} ${others.join(', ')})` });
    }
  }
  return { kept, rejected };
}
