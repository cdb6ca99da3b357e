/**
 * The Bilan as an area: the company plan's KPI table measured month by month (bilan-measurer.ts),
 * and its settings (month 0, the time-saved parameters). After satisfaction (650): it reads the
 * surveys through that area's port, at call time.
 */
import type { AreaModule } from '../area';
import { BilanMeasurer } from './bilan-measurer';
import { BilanRepository } from './bilan-repository';
import { BilanSettingsStore } from './bilan-settings';

export const bilanArea: AreaModule = {
  name: 'bilan',
  order: 750,
  create({ workspace, dataDir, options, port }) {
    const measurer = new BilanMeasurer({
      repository: new BilanRepository(workspace.store.database),
      settings: new BilanSettingsStore(dataDir),
      surveys: () => port('surveys').surveys,
      clock: options.clock ?? (() => new Date()),
    });
    return {
      handlers: {
        'bilan.table': () => measurer.table(),
        'bilan.settings': () => measurer.settings(),
        'bilan.updateSettings': (input) => measurer.updateSettings(input),
      },
    };
  },
};
