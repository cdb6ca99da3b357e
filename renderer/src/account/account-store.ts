/** Who is signed in on the company server (null on a standalone console). */
import { create } from 'zustand';
import type { Account } from '../contract';
import { api } from '../transport/contract-client';

interface AccountState {
  account: Account | null;
  load(): Promise<void>;
}

export const useAccountStore = create<AccountState>((set) => ({
  account: null,
  async load() {
    set({ account: await api().invoke('accounts.me', {}) });
  },
}));
