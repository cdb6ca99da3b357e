/** « Simuler un appel » in the demo workspace's top bar. */
import './simulation.css';
import type { ConsoleFeature } from '../app/console-feature';
import { SimulateCallMenu } from './SimulateCallMenu';

export const feature: ConsoleFeature = {
  name: 'simulation',
  order: 100,
  placed: [{ slot: 'topbar.status', order: 10, component: SimulateCallMenu }],
};
