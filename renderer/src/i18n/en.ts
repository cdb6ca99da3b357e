/** English: every feature's English messages (`<feature>/messages.ts`). */
import type { Messages } from './index';
import { mergedMessages } from './feature-messages';

export const en = mergedMessages('en') as Messages;
