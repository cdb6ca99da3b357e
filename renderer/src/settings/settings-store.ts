/**
 * Settings and the interface language. The locale is known before the settings arrive
 * (`app.info.locale`), and follows `settings.changed` from any window.
 */
import { create } from 'zustand';
import type { CallInput, Locale, Settings } from '../contract';
import { api } from '../transport/contract-client';
import { toUiError, type UiError } from '../ui/ui-error';
import type { LoadStatus } from '../call/call-store';

export interface SipDraft {
  wsUrl: string;
  uri: string;
  user: string;
  displayName: string;
  /** Empty: keep the stored password (unless `removePassword`). */
  password: string;
  removePassword: boolean;
}

export type SipField = 'wsUrl' | 'uri';
export type SipFieldError = 'settings.wsUrlInvalid' | 'settings.uriInvalid';

/** Light checks before sending; the service validates again and has the last word. */
export function validateSipDraft(draft: SipDraft): Partial<Record<SipField, SipFieldError>> {
  const errors: Partial<Record<SipField, SipFieldError>> = {};
  const wsUrl = draft.wsUrl.trim();
  const uri = draft.uri.trim();
  if (wsUrl !== '' && !/^wss?:\/\/\S+$/i.test(wsUrl)) errors.wsUrl = 'settings.wsUrlInvalid';
  if (uri !== '' && !/^sips?:\S+$/i.test(uri)) errors.uri = 'settings.uriInvalid';
  return errors;
}

/** The `settings.update` input for a draft: the password is only sent when it changes. */
export function sipUpdateInput(draft: SipDraft): NonNullable<CallInput<'settings.update'>['sip']> {
  const sip: NonNullable<CallInput<'settings.update'>['sip']> = {
    wsUrl: draft.wsUrl.trim(),
    uri: draft.uri.trim(),
    user: draft.user.trim(),
    displayName: draft.displayName.trim(),
  };
  if (draft.removePassword) sip.password = '';
  else if (draft.password !== '') sip.password = draft.password;
  return sip;
}

export function draftFrom(settings: Settings): SipDraft {
  return {
    wsUrl: settings.sip.wsUrl,
    uri: settings.sip.uri,
    user: settings.sip.user,
    displayName: settings.sip.displayName,
    password: '',
    removePassword: false,
  };
}

export interface SettingsState {
  settings: Settings | null;
  locale: Locale;
  status: LoadStatus;
  error: UiError | null;
  saveStatus: 'idle' | 'saving' | 'saved' | 'error';
  saveError: UiError | null;
  /** Which part of the screen the last save was for, so its outcome shows there. */
  saveTarget: 'locale' | 'sip' | null;

  load(): Promise<void>;
  applyChanged(settings: Settings): void;
  setLocaleHint(locale: Locale): void;
  saveLocale(locale: Locale): Promise<void>;
  saveSip(draft: SipDraft): Promise<boolean>;
  resetSaveStatus(): void;
}

export const useSettingsStore = create<SettingsState>()((set, get) => ({
  settings: null,
  locale: 'fr',
  status: 'idle',
  error: null,
  saveStatus: 'idle',
  saveError: null,
  saveTarget: null,

  async load() {
    set({ status: 'loading', error: null });
    try {
      const settings = await api().invoke('settings.get', {});
      set({ settings, locale: settings.locale, status: 'ready' });
    } catch (error) {
      set({ status: 'error', error: toUiError(error) });
    }
  },

  applyChanged(settings) {
    set({ settings, locale: settings.locale });
  },

  setLocaleHint(locale) {
    if (!get().settings) set({ locale });
  },

  async saveLocale(locale) {
    const before = get().locale;
    set({ locale, saveStatus: 'saving', saveError: null, saveTarget: 'locale' });
    try {
      const settings = await api().invoke('settings.update', { locale });
      set({ settings, locale: settings.locale, saveStatus: 'saved' });
    } catch (error) {
      set({ locale: before, saveStatus: 'error', saveError: toUiError(error) });
    }
  },

  async saveSip(draft) {
    set({ saveStatus: 'saving', saveError: null, saveTarget: 'sip' });
    try {
      const settings = await api().invoke('settings.update', { sip: sipUpdateInput(draft) });
      set({ settings, locale: settings.locale, saveStatus: 'saved' });
      return true;
    } catch (error) {
      set({ saveStatus: 'error', saveError: toUiError(error) });
      return false;
    }
  },

  resetSaveStatus() {
    set({ saveStatus: 'idle', saveError: null, saveTarget: null });
  },
}));
