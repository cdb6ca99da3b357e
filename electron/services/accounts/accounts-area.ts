/**
 * The accounts area: people, roles and sessions. On a standalone console nobody logs in (the
 * per-run token is the agent) and these calls answer for an empty list; on the company server
 * (`accueil serve --config`) every console, script and screen logs in through it.
 */
import { ServiceError } from '../../contract/envelope';
import type { AreaModule } from '../area';
import { AccountsRepository } from './accounts-repository';
import { accountsMigrations } from './accounts-migrations';
import { AccountsService, DEFAULT_SESSION_POLICY } from './accounts-service';

declare module '../area' {
  interface AreaPorts {
    accounts: AccountsService;
  }
}

export const accountsArea: AreaModule = {
  name: 'accounts',
  order: 50,
  migrations: accountsMigrations,
  create({ workspace, options }) {
    const server = options.server;
    const accounts = new AccountsService(workspace.store.repository(AccountsRepository), workspace.store.clock, server?.sessions ?? DEFAULT_SESSION_POLICY);
    /** Where a one-time link sends its person: the page that sets a password, on the staff's address. */
    const passwordLink = (token: string) => `${server?.agentUrl ?? ''}/mot-de-passe#jeton=${token}`;
    const actor = (ctx: { account?: { login: string }; ip?: string | null } | undefined) => {
      if (!ctx?.account) throw new ServiceError('forbidden', { reason: 'account.server_only' });
      return { login: ctx.account.login, ip: ctx.ip ?? null };
    };
    return {
      provides: { accounts },
      handlers: {
        'accounts.me': (_input, ctx) => (ctx?.account ? accounts.get(ctx.account.login) : null),
        'accounts.list': () => accounts.list(),
        'accounts.add': (input, ctx) => {
          const { account, passwordToken } = accounts.add(input, actor(ctx));
          return { account, passwordLink: passwordLink(passwordToken) };
        },
        'accounts.setRole': ({ login, role }, ctx) => accounts.setRole(login, role, actor(ctx)),
        'accounts.setSipUser': ({ login, sipUser }, ctx) => accounts.setSipUser(login, sipUser, actor(ctx)),
        'accounts.disable': ({ login }, ctx) => accounts.disable(login, actor(ctx)),
        'accounts.enable': ({ login }, ctx) => accounts.enable(login, actor(ctx)),
        'accounts.resetPassword': ({ login }, ctx) => {
          const token = accounts.resetPassword(login, actor(ctx));
          return { account: accounts.get(login)!, passwordLink: passwordLink(token) };
        },
        'accounts.audit': ({ limit }) => accounts.auditLog({ limit }),
      },
    };
  },
};
