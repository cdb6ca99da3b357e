/** English: every feature's English messages (`<feature>/messages.ts`) and the services' sentences. */
import type { Messages } from './index';
import { mergedMessages } from './feature-messages';
import { serviceMessages } from './service-messages';

export const en = { ...mergedMessages('en'), ...serviceMessages('en') } as Messages;
