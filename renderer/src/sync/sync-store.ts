/**
 * HubSpot sync as the renderer sees it: the status (fed by the `sync.status` event), the token
 * (write-only: sent, never read back) and the connection test's answer.
 */
import { create } from 'zustand';
import type { CallOutput } from '../contract';
import { api } from '../transport/contract-client';
import { toUiError, type UiError } from '../ui/ui-error';

export type SyncStatus = CallOutput<'sync.status'>;
export type ConnectionTest = CallOutput<'sync.testConnection'>;

interface SyncState {
  status: SyncStatus | null;
  test: ConnectionTest | null;
  busy: 'idle' | 'saving' | 'testing';
  error: UiError | null;
  /** Loads the status and follows its event; returns the unsubscribe. */
  follow(): () => void;
  setToken(token: string): Promise<boolean>;
  testConnection(token?: string): Promise<void>;
  runNow(): Promise<void>;
}

export const useSyncStore = create<SyncState>((set) => ({
  status: null,
  test: null,
  busy: 'idle',
  error: null,
  follow() {
    const client = api();
    void client.invoke('sync.status', {}).then(
      (status) => set({ status }),
      (error: unknown) => set({ error: toUiError(error) }),
    );
    return client.on('sync.status', (status) => set({ status }));
  },
  async setToken(token) {
    set({ busy: 'saving', error: null });
    try {
      const status = await api().invoke('sync.setToken', { token });
      set({ status, busy: 'idle', test: null });
      return true;
    } catch (error) {
      set({ busy: 'idle', error: toUiError(error) });
      return false;
    }
  },
  async testConnection(token) {
    set({ busy: 'testing', error: null, test: null });
    try {
      const test = await api().invoke('sync.testConnection', token ? { token } : {});
      set({ test, busy: 'idle' });
    } catch (error) {
      set({ busy: 'idle', error: toUiError(error) });
    }
  },
  async runNow() {
    try {
      set({ status: await api().invoke('sync.runNow', {}) });
    } catch (error) {
      set({ error: toUiError(error) });
    }
  },
}));
