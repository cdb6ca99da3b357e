import { describe, expect, it } from 'vitest';
import { isStopRequest } from './stop-request';

describe('isStopRequest', () => {
  it('hears STOP as customers write it', () => {
    for (const text of ['STOP', 'stop', 'Stop', ' stop ', 'Stop merci', 'STOP SMS', 'stop !', 'Stop.', 'ARRÊT', 'arret svp', 'Arrêtez', 'Merci de ne plus m’écrire, STOP', 'désabonner', 'Désinscrire', 'unsubscribe', 'STOP 36111']) {
      expect(isStopRequest(text), text).toBe(true);
    }
  });

  it('does not hear it in a word or a sentence about something else', () => {
    for (const text of ['Bonjour, le technicien arrive quand ?', 'La chaudière s’est stoppée cette nuit', 'Pouvez-vous arrêter la chaudière ce soir ?', 'Arrêter le chauffage pendant les travaux ?', 'stopper la fuite', '', '   ', '👍']) {
      expect(isStopRequest(text), text).toBe(false);
    }
  });
});
