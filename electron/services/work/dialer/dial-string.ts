/**
 * What the console asks the PBX to dial for a number on screen. French PBXs dial national numbers
 * with their trunk zero and foreign ones with the 00 international prefix (most refuse a leading
 * "+" in a user part); internal extensions and short numbers as they are.
 */
import type { CallerNumber } from '../../../contract/model';
import { ServiceError } from '../../../contract/envelope';

export function dialString(number: CallerNumber): string {
  switch (number.kind) {
    case 'mobile':
    case 'fixe':
      // display is the national form ("06 12 34 56 78"; sibling regions too).
      return number.display.replace(/\D/g, '');
    case 'international':
      return `00${(number.e164 ?? number.display).replace(/\D/g, '')}`;
    case 'interne':
    case 'special':
      return number.display.replace(/\D/g, '');
    case 'masque':
      throw new ServiceError('bad_request', { reason: 'dial.withheld' });
    case 'invalide':
      throw new ServiceError('bad_request', { reason: 'dial.number_unreadable', params: { number: number.raw.slice(0, 40) } });
  }
}
