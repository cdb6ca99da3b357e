/** The reason a service refused with (ServiceError), or the error as text; null when it did not throw. */
import { ServiceError } from '../../electron/contract/envelope';

export function reasonOf(run: () => unknown): string | null {
  try {
    run();
    return null;
  } catch (error) {
    return error instanceof ServiceError ? error.reason : String(error);
  }
}
