/** « Simuler un appel » as an area: rings the console through the journal, as the line would. */
import type { AreaModule } from '../area';
import { CallSimulator } from './call-simulator';

export const demoArea: AreaModule = {
  name: 'demo',
  order: 900,
  create({ options, port }) {
    const journal = port('journal');
    const line = port('line');
    const simulator = new CallSimulator({
      deliver: (event) => journal.handle(event),
      called: () => line.status().aor ?? 'poste',
      ...options.simulation,
    });
    return {
      handlers: {
        'demo.simulationCallers': () => simulator.callers(),
        'demo.simulateCall': ({ number, outcome }) => simulator.simulate(number, outcome),
      },
      stop: () => simulator.stop(),
    };
  },
};
