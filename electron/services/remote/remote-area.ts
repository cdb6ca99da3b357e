/**
 * The desktop app's choice of a company server (see company-server-link.ts): signs in once, keeps
 * the address and login in `company-server.json` and the session in the secret store, and tells
 * the shell, which restarts the app on it. A web console is served by a server: the choice is the
 * desktop's only.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ServiceError } from '../../contract/envelope';
import type { CompanyServerStatus } from '../../contract/remote-calls';
import type { AreaModule } from '../area';
import { writeFileAtomic } from '../shared/atomic-file';
import { signIn } from './company-server-link';

export const COMPANY_SERVER_FILE = 'company-server.json';
export const COMPANY_SERVER_SESSION = 'company-server.session';

export interface CompanyServerChoice {
  url: string;
  login: string;
}

/** The saved choice (the desktop shell reads it at start), or null. */
export function readCompanyServerChoice(dataDir: string): CompanyServerChoice | null {
  try {
    const value = JSON.parse(fs.readFileSync(path.join(dataDir, COMPANY_SERVER_FILE), 'utf8')) as Partial<CompanyServerChoice>;
    return typeof value.url === 'string' && typeof value.login === 'string' ? { url: value.url, login: value.login } : null;
  } catch {
    return null;
  }
}

export const remoteArea: AreaModule = {
  name: 'remote',
  order: 850,
  create({ dataDir, secrets, events, options, logger }) {
    const available = options.mode === 'desktop';
    const status = (): CompanyServerStatus => {
      const choice = readCompanyServerChoice(dataDir);
      return { available, url: choice?.url ?? null, login: choice?.login ?? null, active: false };
    };
    const requireDesktop = () => {
      if (!available) throw new ServiceError('bad_request', { reason: 'remote.desktop_only' });
    };
    return {
      handlers: {
        'companyServer.status': () => status(),
        'companyServer.connect': async ({ url, login, password }) => {
          requireDesktop();
          const { token } = await signIn(url, login, password);
          secrets.set(COMPANY_SERVER_SESSION, token);
          writeFileAtomic(path.join(dataDir, COMPANY_SERVER_FILE), JSON.stringify({ url: new URL(url).origin, login }, null, 2), 0o600);
          logger.info('company server chosen', { url: new URL(url).origin, login });
          const next = status();
          events.emit('companyServer.changed', next);
          return next;
        },
        'companyServer.disconnect': () => {
          requireDesktop();
          secrets.set(COMPANY_SERVER_SESSION, null);
          fs.rmSync(path.join(dataDir, COMPANY_SERVER_FILE), { force: true });
          const next = status();
          events.emit('companyServer.changed', next);
          return next;
        },
      },
    };
  },
};
