/** Whether the `?` overlay is open: the top bar's button, the shortcuts and the overlay share it. */
import { create } from 'zustand';

export interface HelpState {
  open: boolean;
  setOpen(open: boolean): void;
}

export const useHelpStore = create<HelpState>()((set) => ({
  open: false,
  setOpen: (open) => set({ open }),
}));
