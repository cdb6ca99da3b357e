/**
 * Settings: a JSON file in the data directory for plain values, the SecretStore for passwords, and
 * ACCUEIL_* environment variables that override both (IT can deploy a workstation by script).
 *
 * A stored password belongs to the account it was typed for (SMTP: host, port and user; SIP:
 * WebSocket address and user), recorded in `passwordOwners`. It is only ever handed to that account:
 * change the server and keep the password field empty, and the save is refused until the password of
 * the new account is typed — the old one never reaches a server it was not meant for.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { Locale, type Settings } from '../../contract/model';
import { ServiceError } from '../../contract/envelope';
import { errorCode, readFileIfPresent, writeFileAtomic } from '../shared/atomic-file';
import type { SecretStore } from './secret-store';

const StoredSettings = z.object({
  locale: Locale.default('fr'),
  /** 'demo' while the embedded demo workspace is in use; 'crm' once a CRM feeds the cache. */
  workspace: z.enum(['demo', 'crm']).default('crm'),
  sip: z
    .object({
      wsUrl: z.string().default(''),
      uri: z.string().default(''),
      user: z.string().default(''),
      displayName: z.string().default(''),
    })
    .default({ wsUrl: '', uri: '', user: '', displayName: '' }),
  /** SMTP and the sender's signature (templates area); the password is in the SecretStore (smtp.password). */
  mail: z
    .object({
      host: z.string().default(''),
      port: z.number().int().min(1).max(65_535).default(587),
      security: z.enum(['starttls', 'tls', 'none']).default('starttls'),
      user: z.string().default(''),
      fromAddress: z.string().default(''),
      fromName: z.string().default(''),
      companyName: z.string().default(''),
      companyPhone: z.string().default(''),
      reviewUrl: z.string().default(''),
    })
    .prefault({}),
  /** Callback list (work area): how soon a missed call should be called back, in minutes (default 2 h). */
  callbacks: z.object({ targetMinutes: z.number().int().min(5).max(10_080).default(120) }).prefault({}),
  /**
   * The account each stored password was typed for; null: none stored. Absent (files written before
   * owners were recorded): the account saved with it.
   */
  passwordOwners: z
    .object({
      smtp: z.object({ host: z.string(), port: z.number(), user: z.string() }).nullable().optional(),
      sip: z.object({ wsUrl: z.string(), user: z.string() }).nullable().optional(),
    })
    .prefault({}),
});
type StoredSettings = z.infer<typeof StoredSettings>;
export type StoredMailSettings = StoredSettings['mail'];

/** The SMTP account as the sender uses it. */
export interface SmtpConfig extends StoredMailSettings {
  password: string;
  /** PEM file of a private CA that signed the server's certificate (ACCUEIL_SMTP_CA_FILE). */
  caFile: string | null;
}

/** The SMTP account as configured, without its password (what the signature and the screen need). */
export type SmtpAccountSettings = Omit<SmtpConfig, 'password'>;

/** Who a stored password belongs to. */
type SmtpOwner = { host: string; port: number; user: string };
type SipOwner = { wsUrl: string; user: string };

const smtpOwnerOf = (mail: { host: string; port: number; user: string }): SmtpOwner => ({ host: mail.host.trim().toLowerCase(), port: mail.port, user: mail.user });
const sameSmtpOwner = (a: SmtpOwner, b: SmtpOwner) => a.host.trim().toLowerCase() === b.host.trim().toLowerCase() && a.port === b.port && a.user === b.user;

/** ws://PBX:8089/ws and WS://pbx:8089/ws are one address; a typo is another. */
function normalisedWsUrl(wsUrl: string): string {
  try {
    return new URL(wsUrl.trim()).href;
  } catch {
    return wsUrl.trim();
  }
}
const sipUserOf = (sip: { uri: string; user: string }) => sip.user || (sip.uri.replace(/^sips?:/i, '').split('@')[0] ?? '');
const sipOwnerOf = (sip: { wsUrl: string; uri: string; user: string }): SipOwner => ({ wsUrl: normalisedWsUrl(sip.wsUrl), user: sipUserOf(sip) });
const sameSipOwner = (a: SipOwner, b: SipOwner) => normalisedWsUrl(a.wsUrl) === normalisedWsUrl(b.wsUrl) && a.user === b.user;

/** ACCUEIL_SMTP_* override the screen one by one (IT deploys a workstation by script). */
const SMTP_ENV = {
  host: 'ACCUEIL_SMTP_HOST',
  port: 'ACCUEIL_SMTP_PORT',
  security: 'ACCUEIL_SMTP_SECURITY',
  user: 'ACCUEIL_SMTP_USER',
  password: 'ACCUEIL_SMTP_PASSWORD',
  fromAddress: 'ACCUEIL_SMTP_FROM',
  fromName: 'ACCUEIL_SMTP_FROM_NAME',
  caFile: 'ACCUEIL_SMTP_CA_FILE',
} as const;

export interface SipConfig {
  wsUrl: string;
  uri: string;
  user: string;
  password: string;
  displayName: string;
}

export interface SettingsUpdate {
  locale?: Locale;
  sip?: { wsUrl: string; uri: string; user: string; displayName: string; password?: string };
}

const ENV = {
  wsUrl: 'ACCUEIL_SIP_WS_URL',
  uri: 'ACCUEIL_SIP_URI',
  user: 'ACCUEIL_SIP_USER',
  password: 'ACCUEIL_SIP_PASSWORD',
  displayName: 'ACCUEIL_SIP_DISPLAY_NAME',
} as const;

/** A SIP WebSocket URL must be ws:// or wss://; anything else is a typo IT should see at once. */
export function checkSipSettings(sip: { wsUrl: string; uri: string }): void {
  if (sip.wsUrl === '' && sip.uri === '') return;
  let url: URL;
  try {
    url = new URL(sip.wsUrl);
  } catch {
    throw new ServiceError('bad_request', { reason: 'sip.ws_url_invalid', params: { url: sip.wsUrl.slice(0, 80) } });
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') {
    throw new ServiceError('bad_request', { reason: 'sip.ws_url_scheme', params: { protocol: url.protocol } });
  }
  if (!/^sips?:[^@\s]+@[^@\s]+$/i.test(sip.uri)) {
    throw new ServiceError('bad_request', { reason: 'sip.uri_invalid', params: { uri: sip.uri.slice(0, 80) } });
  }
}

export class SettingsService {
  private readonly file: string;
  private stored: StoredSettings;

  constructor(
    dataDir: string,
    private readonly secrets: SecretStore,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    this.file = path.join(dataDir, 'settings.json');
    this.stored = this.load();
  }

  private load(): StoredSettings {
    let text: string | null;
    try {
      text = readFileIfPresent(this.file);
    } catch (error) {
      // Starting from defaults here would overwrite the real file at the next save.
      const code = errorCode(error);
      throw new ServiceError(
        'unavailable',
        code !== null ? { reason: 'settings.file_unreadable', params: { code, file: this.file } } : { reason: 'settings.file_unreadable_uncoded', params: { file: this.file } },
      );
    }
    if (text === null) return StoredSettings.parse({});
    try {
      return StoredSettings.parse(JSON.parse(text));
    } catch {
      // A hand-edited file that no longer parses: keep it for IT, start from defaults.
      fs.copyFileSync(this.file, `${this.file}.invalid-${Date.now()}`);
      return StoredSettings.parse({});
    }
  }

  private fromEnvironment(): boolean {
    return Boolean(this.env[ENV.wsUrl] && this.env[ENV.uri]);
  }

  /** The PBX account to use, or null when none is configured (then the console runs without a line). */
  sipConfig(): SipConfig | null {
    if (this.fromEnvironment()) {
      const uri = this.env[ENV.uri] ?? '';
      return {
        wsUrl: this.env[ENV.wsUrl] ?? '',
        uri,
        user: this.env[ENV.user] ?? (uri.replace(/^sips?:/i, '').split('@')[0] ?? ''),
        password: this.env[ENV.password] ?? '',
        displayName: this.env[ENV.displayName] ?? '',
      };
    }
    const sip = this.stored.sip;
    if (!sip.wsUrl || !sip.uri) return null;
    const owner = this.sipPasswordOwner();
    return {
      ...sip,
      user: sipUserOf(sip),
      password: owner && sameSipOwner(owner, sipOwnerOf(sip)) ? (this.secrets.get('sip.password') ?? '') : '',
    };
  }

  /** The name shown for the agent, without reading any secret. */
  sipDisplayName(): string {
    return this.fromEnvironment() ? (this.env[ENV.displayName] ?? '') : this.stored.sip.displayName;
  }

  private sipPasswordOwner(): SipOwner | null {
    const recorded = this.stored.passwordOwners.sip;
    return recorded === undefined ? sipOwnerOf(this.stored.sip) : recorded;
  }

  private smtpPasswordOwner(): SmtpOwner | null {
    const recorded = this.stored.passwordOwners.smtp;
    return recorded === undefined ? smtpOwnerOf(this.smtpAccount()) : recorded;
  }

  get(): Settings {
    const env = this.fromEnvironment();
    const sip = this.sipConfig();
    return {
      locale: this.stored.locale,
      sip: {
        wsUrl: sip?.wsUrl ?? this.stored.sip.wsUrl,
        uri: sip?.uri ?? this.stored.sip.uri,
        user: sip?.user ?? this.stored.sip.user,
        displayName: sip?.displayName ?? this.stored.sip.displayName,
        hasPassword: Boolean(sip?.password),
      },
      sipFromEnvironment: env,
    };
  }

  workspace(): 'demo' | 'crm' {
    return this.stored.workspace;
  }

  setWorkspace(workspace: 'demo' | 'crm'): void {
    if (this.stored.workspace === workspace) return;
    this.stored = { ...this.stored, workspace };
    writeFileAtomic(this.file, JSON.stringify(this.stored, null, 2), 0o600);
  }

  /** True when ACCUEIL_SMTP_HOST is set: the SMTP section of the screen is read-only. */
  smtpFromEnvironment(): boolean {
    return Boolean(this.env[SMTP_ENV.host]);
  }

  /** The SMTP account and signature, environment first, without the password (no secret read). */
  smtpAccount(): SmtpAccountSettings {
    return this.withSmtpEnvironment(this.stored.mail);
  }

  /** `stored` as the sender would use it: each ACCUEIL_SMTP_* variable present wins. */
  private withSmtpEnvironment(stored: StoredMailSettings): SmtpAccountSettings {
    const env = (name: keyof typeof SMTP_ENV) => this.env[SMTP_ENV[name]];
    const port = Number(env('port'));
    const security = env('security');
    return {
      ...stored,
      host: env('host') ?? stored.host,
      port: Number.isInteger(port) && port > 0 && port < 65_536 ? port : stored.port,
      security: security === 'starttls' || security === 'tls' || security === 'none' ? security : stored.security,
      user: env('user') ?? stored.user,
      fromAddress: env('fromAddress') ?? stored.fromAddress,
      fromName: env('fromName') ?? stored.fromName,
      caFile: env('caFile') ?? null,
    };
  }

  /**
   * The account with its password: ACCUEIL_SMTP_PASSWORD, or the stored one when it was typed for
   * this very host, port and user (else '': a password is never offered to another server).
   */
  smtpConfig(): SmtpConfig {
    const account = this.smtpAccount();
    const fromEnv = this.env[SMTP_ENV.password];
    if (fromEnv !== undefined) return { ...account, password: fromEnv };
    const owner = this.smtpPasswordOwner();
    const password = owner && sameSmtpOwner(owner, smtpOwnerOf(account)) ? (this.secrets.get('smtp.password') ?? '') : '';
    return { ...account, password };
  }

  /**
   * Saves the SMTP section; `password` undefined keeps the stored one, '' removes it. Keeping it is
   * refused when the host, port or user changed (and a user is set, so the password would be sent):
   * the password of the new account must be typed. The account is the one the sender will reach,
   * ACCUEIL_SMTP_* included: a password typed on the screen of a workstation deployed by script
   * belongs to the server of the script.
   */
  updateMail(mail: StoredMailSettings & { password?: string | undefined }): void {
    const { password, ...plain } = mail;
    const effective = this.withSmtpEnvironment(plain);
    const account = smtpOwnerOf(effective);
    let owner = this.smtpPasswordOwner();
    if (password !== undefined) {
      owner = password === '' ? null : account;
    } else if (owner && !sameSmtpOwner(owner, account) && effective.user !== '' && this.secrets.get('smtp.password') !== null) {
      throw new ServiceError('bad_request', {
        reason: 'smtp.password_owner_changed',
        params: { host: effective.host, port: effective.port, user: effective.user, ownerHost: owner.host, ownerPort: owner.port },
      });
    }
    const next: StoredSettings = { ...this.stored, mail: plain, passwordOwners: { ...this.stored.passwordOwners, smtp: owner } };
    if (password !== undefined) this.secrets.set('smtp.password', password === '' ? null : password);
    writeFileAtomic(this.file, JSON.stringify(next, null, 2), 0o600);
    this.stored = next;
  }

  /** Target delay for calling back a missed call, in minutes. */
  callbackTargetMinutes(): number {
    return this.stored.callbacks.targetMinutes;
  }

  setCallbackTargetMinutes(targetMinutes: number): void {
    const next: StoredSettings = { ...this.stored, callbacks: { targetMinutes } };
    writeFileAtomic(this.file, JSON.stringify(next, null, 2), 0o600);
    this.stored = next;
  }

  /**
   * Saves the language and the PBX account. As for SMTP, keeping the stored SIP password is refused
   * when the WebSocket address or the user changed: the new account's password must be typed (or
   * the stored one removed).
   */
  update(update: SettingsUpdate): { settings: Settings; sipChanged: boolean } {
    const next: StoredSettings = { ...this.stored, sip: { ...this.stored.sip } };
    let sipChanged = false;
    if (update.locale) next.locale = update.locale;
    if (update.sip) {
      const { password, ...plain } = update.sip;
      checkSipSettings(plain);
      const account = sipOwnerOf(plain);
      let owner = this.sipPasswordOwner();
      if (password !== undefined) {
        owner = password === '' ? null : account;
      } else if (plain.wsUrl !== '' && owner && !sameSipOwner(owner, account) && this.secrets.get('sip.password') !== null) {
        throw new ServiceError('bad_request', {
          reason: 'sip.password_owner_changed',
          params: { wsUrl: plain.wsUrl.slice(0, 80), user: account.user.slice(0, 40), ownerWsUrl: owner.wsUrl.slice(0, 80) },
        });
      }
      sipChanged = JSON.stringify(plain) !== JSON.stringify(this.stored.sip) || password !== undefined;
      next.sip = plain;
      next.passwordOwners = { ...next.passwordOwners, sip: owner };
      if (password !== undefined) this.secrets.set('sip.password', password === '' ? null : password);
    }
    writeFileAtomic(this.file, JSON.stringify(next, null, 2), 0o600);
    this.stored = next;
    return { settings: this.get(), sipChanged };
  }
}
