/**
 * The phone line as an area: registered to the PBX in the process that owns it, restarted when IT
 * changes the account, its calls going to the journal.
 */
import type { AreaModule } from '../area';
import { PhoneLine } from '../phone-line';

declare module '../area' {
  interface AreaPorts {
    line: PhoneLine;
  }
}

export const telephonyArea: AreaModule = {
  name: 'telephony',
  order: 400,
  create({ settings, events, logger, options, live, port }) {
    const line = new PhoneLine(settings, events, port('journal'), logger.child('telephony'), options.sipReconnect);
    return {
      provides: { line },
      handlers: {
        'telephony.status': () => line.status(),
        'telephony.reconnect': async () => {
          await line.reconnect();
          return line.status();
        },
      },
      start: async () => {
        if (live) await line.start();
      },
      stop: () => line.stop(),
      settingsChanged: async ({ sipChanged }) => {
        if (sipChanged && live) await line.restart();
      },
    };
  },
};
