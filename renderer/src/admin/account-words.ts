/**
 * Accounts and audit entries as the administrator reads them: roles and states in words, each
 * audit action as a sentence with its detail (the role it went from and to, why a login was
 * refused), dates in the interface language and in Paris time. Pure: `t` and the locale are given.
 */
import type { AccountRole, Locale } from '../contract';
import type { Translate } from '../i18n';
import { intlLocale } from '../i18n';
import { TIME_ZONE } from '../format/format';
import type { AccountState, AuditEntry } from './accounts-admin-store';

export function roleText(t: Translate, role: AccountRole): string {
  return t(`admin.role.${role}`);
}

export function stateText(t: Translate, state: AccountState): string {
  return t(`admin.state.${state}`);
}

const AUDIT_ACTIONS = [
  'account.added',
  'account.role_changed',
  'account.sip_user_changed',
  'account.disabled',
  'account.enabled',
  'account.password_reset',
  'account.password_set',
  'login.succeeded',
  'login.failed',
  'login.throttled',
  'logout',
] as const;
type AuditAction = (typeof AUDIT_ACTIONS)[number];

const isAuditAction = (action: string): action is AuditAction => (AUDIT_ACTIONS as readonly string[]).includes(action);
const isRole = (value: unknown): value is AccountRole => value === 'admin' || value === 'supervisor' || value === 'agent' || value === 'technician';
const LOGIN_REFUSALS = ['unknown_login', 'wrong_password', 'disabled'] as const;

function parseDetail(detail: string | null): Record<string, unknown> {
  if (!detail) return {};
  try {
    const value: unknown = JSON.parse(detail);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The action in words; an action this build does not know (a newer server) is named as it came. */
export function auditActionText(t: Translate, action: string): string {
  return isAuditAction(action) ? t(`admin.audit.${action}`) : t('admin.audit.other', { action });
}

/** What the entry's detail adds, in words ("agent → superviseur", "mauvais mot de passe"), or ''. */
export function auditDetailText(t: Translate, entry: Pick<AuditEntry, 'action' | 'detail'>): string {
  const detail = parseDetail(entry.detail);
  const line = (value: unknown) => (typeof value === 'string' && value !== '' ? value : t('admin.noLine'));
  switch (entry.action) {
    case 'account.added':
      return isRole(detail.role) ? t('admin.audit.detail.added', { role: roleText(t, detail.role), line: line(detail.sipUser) }) : '';
    case 'account.role_changed':
      return isRole(detail.from) && isRole(detail.to) ? t('admin.audit.detail.change', { from: roleText(t, detail.from), to: roleText(t, detail.to) }) : '';
    case 'account.sip_user_changed':
      return t('admin.audit.detail.change', { from: line(detail.from), to: line(detail.to) });
    case 'login.failed': {
      const reason = LOGIN_REFUSALS.find((r) => r === detail.reason);
      return reason ? t(`admin.audit.detail.${reason}`) : '';
    }
    case 'login.throttled':
      return typeof detail.waitSeconds === 'number' ? t('admin.audit.detail.wait', { seconds: detail.waitSeconds }) : '';
    default:
      return '';
  }
}

const formats = new Map<Locale, Intl.DateTimeFormat>();

/** "04/03/2025 14:05:09" (French), "04/03/2025, 14:05:09" (English), in Paris time. */
export function auditTime(iso: string, locale: Locale): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  let format = formats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(intlLocale(locale), { timeZone: TIME_ZONE, dateStyle: 'short', timeStyle: 'medium' });
    formats.set(locale, format);
  }
  return format.format(date);
}
