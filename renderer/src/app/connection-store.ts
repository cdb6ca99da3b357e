/**
 * The links: this window ↔ the services (transport), and the services ↔ the PBX (`telephony.status`).
 */
import { create } from 'zustand';
import type { AppInfo, TelephonyStatus } from '../contract';
import type { LinkStatus } from '../transport/transport-status';
import { api } from '../transport/contract-client';
import { toUiError, type UiError } from '../ui/ui-error';

export interface ConnectionState {
  link: LinkStatus;
  telephony: TelephonyStatus | null;
  appInfo: AppInfo | null;
  reconnecting: boolean;
  reconnectError: UiError | null;

  setLink(link: LinkStatus): void;
  setTelephony(status: TelephonyStatus): void;
  loadTelephony(): Promise<void>;
  loadAppInfo(): Promise<void>;
  reconnectTelephony(): Promise<void>;
}

export const useConnectionStore = create<ConnectionState>()((set) => ({
  link: { state: 'connecting', access: null, retryAt: null, failedAttempts: 0, everConnected: false },
  telephony: null,
  appInfo: null,
  reconnecting: false,
  reconnectError: null,

  setLink(link) {
    set({ link });
  },
  setTelephony(telephony) {
    set({ telephony });
  },
  async loadTelephony() {
    const telephony = await api().invoke('telephony.status', {});
    set({ telephony });
  },
  async loadAppInfo() {
    const appInfo = await api().invoke('app.info', {});
    set({ appInfo });
  },
  async reconnectTelephony() {
    set({ reconnecting: true, reconnectError: null });
    try {
      const telephony = await api().invoke('telephony.reconnect', {});
      set({ telephony, reconnecting: false });
    } catch (error) {
      set({ reconnecting: false, reconnectError: toUiError(error) });
    }
  },
}));

const STAFF_ROLES: ReadonlySet<string> = new Set(['agent', 'supervisor', 'admin']);

/** Read-only (wallboard) connections hide every action that writes; the staff may write. */
export const selectCanWrite = (s: ConnectionState): boolean =>
  STAFF_ROLES.has(s.link.access ?? s.appInfo?.access ?? 'agent') && STAFF_ROLES.has(s.appInfo?.access ?? 'agent');
