/**
 * Every console feature, found by file name (`<feature>/feature.ts`, each exporting `feature`)
 * rather than listed by hand, in their declared order. A portal or technicians' entry would glob
 * its own features the same way.
 */
import { byOrder, type ConsoleFeature } from './console-feature';

const modules = import.meta.glob<{ feature: ConsoleFeature }>('../*/feature.ts', { eager: true });

export const consoleFeatures: readonly ConsoleFeature[] = byOrder(Object.values(modules).map((m) => m.feature));

