/**
 * Paramètres › « Serveur de l'entreprise » on the desktop app: connect this console to the
 * company server (it then forwards everything there after a restart of the app), or come back to
 * the standalone desk. The password is sent once to sign in and never kept: only the session is.
 */
import { z } from 'zod';
import { call, Empty } from './call-spec';

export const CompanyServerStatus = z.object({
  /** This app can connect to a server (the desktop app; not a web console, which is served by one). */
  available: z.boolean(),
  /** The server this app is set to use (after its next start), or null: standalone. */
  url: z.string().nullable(),
  login: z.string().nullable(),
  /** This run forwards to the server (false: set but not yet restarted, or standalone). */
  active: z.boolean(),
});
export type CompanyServerStatus = z.infer<typeof CompanyServerStatus>;

export const remoteCalls = {
  'companyServer.status': call('read', Empty, CompanyServerStatus),
  'companyServer.connect': call(
    'write',
    z.object({ url: z.url({ protocol: /^https?$/ }).max(300), login: z.string().trim().min(1).max(40), password: z.string().min(1).max(200) }).strict(),
    CompanyServerStatus,
  ),
  'companyServer.disconnect': call('write', Empty, CompanyServerStatus),
} as const;

export const remoteEvents = {
  /** The choice changed: the desktop shell restarts the app on it. */
  'companyServer.changed': CompanyServerStatus,
} as const;

type RemoteCalls = typeof remoteCalls;
type RemoteEvents = typeof remoteEvents;
declare module './calls' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ContractCalls extends RemoteCalls {}
}
declare module './events' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ContractEvents extends RemoteEvents {}
}
