/**
 * A store's action that shows it is working and keeps its failure for the screen: `busy` while it
 * runs, `error` cleared on success and set (as a UiError) on failure — never thrown to a click handler.
 *
 *   const guarded = busyAction(set);
 *   save: () => guarded(async () => { … }),
 */
import { toUiError, type UiError } from './ui-error';

export function busyAction(set: (state: { busy?: boolean; error?: UiError | null }) => void): (work: () => Promise<void>) => Promise<void> {
  return async (work) => {
    set({ busy: true });
    try {
      await work();
      set({ error: null });
    } catch (error) {
      set({ error: toUiError(error) });
    } finally {
      set({ busy: false });
    }
  };
}
