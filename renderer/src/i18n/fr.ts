/**
 * French: every feature's French messages (`<feature>/messages.ts`), the source of the keys, and the
 * services' sentences (service-messages.ts). Each feature's English has the same keys (typed there)
 * and the same `{placeholders}` (i18n.test.ts).
 */
import type { Messages } from './index';
import { mergedMessages } from './feature-messages';
import { serviceMessages } from './service-messages';

export const fr = { ...mergedMessages('fr'), ...serviceMessages('fr') } as Messages;
