/**
 * The planning board: the technicians' week, moves by drag and drop or by keyboard, conflicts, and
 * « Optimiser la journée » with its acceptance (top bar, Alt+P).
 */
import './planning.css';
import type { ConsoleFeature } from '../app/console-feature';
import { useViewStore } from '../app/view-store';
import { PlanningView } from './PlanningView';
import { PlanningButton, selectPlanningReader } from './PlanningButton';
import { usePlanningStore } from './planning-store';

declare module '../app/view-store' {
  interface ViewKinds {
    /** The technicians' week and « Optimiser la journée ». */
    planning: object;
  }
}

export const feature: ConsoleFeature = {
  name: 'planning',
  order: 81,
  views: { planning: PlanningView },
  placed: [{ slot: 'topbar.status', order: 46, component: PlanningButton }],
  subscribe: (client) => [client.on('planning.changed', ({ days }) => usePlanningStore.getState().applyChanged(days))],
  shortcuts: [
    {
      order: 51,
      handle(e) {
        // P (« planning ») sits at the same place on AZERTY and QWERTY: the physical key.
        if (!e.altKey || e.ctrlKey || e.metaKey || e.code !== 'KeyP' || !selectPlanningReader()) return false;
        e.preventDefault();
        useViewStore.getState().show({ kind: 'planning' });
        return true;
      },
    },
  ],
  help: [{ order: 129.5, keys: ['Alt+P'], label: 'help.planning', shown: selectPlanningReader }],
};
