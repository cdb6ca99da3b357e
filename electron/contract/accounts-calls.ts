/**
 * Accounts on the company server (admin screen, `accueil users`): who may use Accueil and as what.
 * Only an administrator manages them; everyone may ask who they are.
 */
import { z } from 'zod';
import { call, Empty, STAFF_AND_WALL_SCREEN } from './call-spec';

export const AccountRole = z.enum(['admin', 'supervisor', 'agent', 'technician']);
export type AccountRole = z.infer<typeof AccountRole>;

export const Account = z.object({
  id: z.string(),
  login: z.string(),
  name: z.string(),
  role: AccountRole,
  sipUser: z.string().nullable(),
  disabled: z.boolean(),
  hasPassword: z.boolean(),
  createdAt: z.string(),
});
export type Account = z.infer<typeof Account>;

export const AuditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: z.string().nullable(),
  action: z.string(),
  target: z.string().nullable(),
  ip: z.string().nullable(),
  detail: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

const Login = z.string().trim().min(1).max(40);
/** What an administrator gets back after creating an account or resetting a password: the link to give. */
const PasswordLink = z.object({ account: Account, passwordLink: z.string() });

const ADMIN = ['admin'] as const;

export const accountsCalls = {
  /** Who is connected: the account on the company server, null on a standalone console. */
  'accounts.me': call('read', Empty, Account.nullable(), STAFF_AND_WALL_SCREEN),
  'accounts.list': call('read', Empty, z.array(Account), ADMIN),
  'accounts.add': call(
    'write',
    z.object({ login: Login, name: z.string().trim().min(1).max(100), role: AccountRole, sipUser: z.string().trim().max(64).nullable().default(null) }).strict(),
    PasswordLink,
    ADMIN,
  ),
  'accounts.setRole': call('write', z.object({ login: Login, role: AccountRole }).strict(), Account, ADMIN),
  'accounts.setSipUser': call('write', z.object({ login: Login, sipUser: z.string().trim().max(64).nullable() }).strict(), Account, ADMIN),
  'accounts.disable': call('write', z.object({ login: Login }).strict(), Account, ADMIN),
  'accounts.enable': call('write', z.object({ login: Login }).strict(), Account, ADMIN),
  'accounts.resetPassword': call('write', z.object({ login: Login }).strict(), PasswordLink, ADMIN),
  'accounts.audit': call('read', z.object({ limit: z.number().int().min(1).max(1000).default(200) }).strict(), z.array(AuditEntry), ADMIN),
} as const;

type AccountsCalls = typeof accountsCalls;
declare module './calls' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ContractCalls extends AccountsCalls {}
}
