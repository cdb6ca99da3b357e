/** The left column: recent calls, reloaded after a reconnection (new ones arrive with the call events). */
import './recent-calls.css';
import type { ConsoleFeature } from '../app/console-feature';
import { useCallStore } from '../call/call-store';
import { RecentCalls } from './RecentCalls';

export const feature: ConsoleFeature = {
  name: 'recent-calls',
  order: 30,
  placed: [{ slot: 'sidebar', order: 10, component: RecentCalls }],
  refresh: () => [useCallStore.getState().loadRecent()],
  help: [{ order: 35, keys: ['↑', '↓'], label: 'help.recentCalls' }],
};
