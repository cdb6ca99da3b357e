/**
 * Settings and what the app says of itself. Saving settings tells every area (the line and the PBX
 * watchers start again when the PBX account changed).
 */
import type { AreaModule } from '../area';

export const settingsArea: AreaModule = {
  name: 'settings',
  order: 800,
  create({ settings, events, info, settingsChanged }) {
    return {
      handlers: {
        'app.info': () => info(),
        'settings.get': () => settings.get(),
        'settings.update': async (update) => {
          const { settings: next, sipChanged } = settings.update(update);
          events.emit('settings.changed', next);
          await settingsChanged({ sipChanged });
          return next;
        },
      },
    };
  },
};
