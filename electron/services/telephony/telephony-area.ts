/**
 * The phone line as an area: registered to the PBX in the process that owns it, restarted when IT
 * changes the account, its calls going to the journal.
 */
import type { AreaModule } from '../area';
import { PhoneLine } from '../phone-line';
import { AgentLines } from './agent-lines';

declare module '../area' {
  interface AreaPorts {
    line: PhoneLine;
    /** The company server's lines, one per agent (null on a standalone desk). */
    agentLines: AgentLines | null;
  }
}

export const telephonyArea: AreaModule = {
  name: 'telephony',
  order: 400,
  create({ settings, events, logger, options, live, port, secrets }) {
    const line = new PhoneLine(settings, events, port('journal'), logger.child('telephony'), options.sipReconnect);
    const pbx = options.server?.sip;
    const accounts = port('accounts');
    const agentLines = pbx
      ? new AgentLines({
          wsUrl: pbx.wsUrl,
          domain: pbx.domain,
          accounts: () => accounts.list().flatMap((a) => (a.sipUser && !a.disabled && a.role !== 'technician' ? [{ login: a.login, name: a.name, sipUser: a.sipUser }] : [])),
          password: (sipUser) => secrets.get(`sip.password.${sipUser}`) ?? '',
          events,
          journal: port('journal'),
          logger: logger.child('lines'),
          ...(options.sipReconnect ? { reconnect: options.sipReconnect } : {}),
        })
      : null;
    const offAccounts = agentLines && live ? accounts.onChanged(() => void agentLines.sync()) : null;
    // On the company server, each person's status bar shows their own line.
    const statusFor = (ctx: { account?: { sipUser: string | null } } | undefined) => (agentLines && ctx?.account ? agentLines.status(ctx.account.sipUser) : line.status());
    return {
      provides: { line, agentLines },
      handlers: {
        'telephony.status': (_input, ctx) => statusFor(ctx),
        'telephony.reconnect': async (_input, ctx) => {
          if (agentLines && ctx?.account) await agentLines.sync();
          else await line.reconnect();
          return statusFor(ctx);
        },
      },
      start: async () => {
        if (!live) return;
        await line.start();
        await agentLines?.start();
      },
      stop: async () => {
        offAccounts?.();
        await agentLines?.stop();
        await line.stop();
      },
      settingsChanged: async ({ sipChanged }) => {
        if (sipChanged && live) await line.restart();
      },
    };
  },
};
