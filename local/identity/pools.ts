// The local user pools: their settings (as lib/identity.ts sets them on AWS) and their users, kept
// in one JSON file under the data folder. Every change is written to a temp file and renamed over
// the old one before the call answers, so a kill -9 leaves either the old or the new state.
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  LOCAL_CONTACT_CLIENT,
  LOCAL_CONTACT_POOL,
  LOCAL_STAFF_CLIENT,
  LOCAL_STAFF_POOL,
  type SignIn,
} from '../auth';
import { CognitoError, invalid, userNotFound } from './errors';

export type AuthFlow = 'USER_PASSWORD_AUTH' | 'USER_AUTH' | 'REFRESH_TOKEN_AUTH';

export interface PoolConfig {
  id: string;
  signIn: SignIn;
  clientId: string;
  /** The flows the pool's app client allows (ExplicitAuthFlows). */
  flows: readonly AuthFlow[];
  /** Staff: password + TOTP required. Contact: passwordless email codes, no MFA. */
  mfaRequired: boolean;
  passwordless: boolean;
  /** Custom attributes the pool defines (without the `custom:` prefix). */
  customAttributes: readonly string[];
}

export const POOLS: readonly PoolConfig[] = [
  {
    id: LOCAL_STAFF_POOL,
    signIn: 'staff',
    clientId: LOCAL_STAFF_CLIENT,
    flows: ['USER_PASSWORD_AUTH', 'REFRESH_TOKEN_AUTH'],
    mfaRequired: true,
    passwordless: false,
    customAttributes: ['firmId', 'role'],
  },
  {
    id: LOCAL_CONTACT_POOL,
    signIn: 'contact',
    clientId: LOCAL_CONTACT_CLIENT,
    flows: ['USER_AUTH', 'REFRESH_TOKEN_AUTH'],
    mfaRequired: false,
    passwordless: true,
    customAttributes: [],
  },
];

const STANDARD_ATTRIBUTES = new Set([
  'email',
  'email_verified',
  'name',
  'locale',
  'given_name',
  'family_name',
]);

export type UserStatus = 'FORCE_CHANGE_PASSWORD' | 'CONFIRMED';

export interface StoredRefresh {
  hash: string;
  clientId: string;
  expiresAt: number;
}

export interface User {
  /** Cognito's username when email is a username attribute: the sub. */
  username: string;
  attributes: Record<string, string>;
  enabled: boolean;
  status: UserStatus;
  passwordHash?: string;
  totpSecret?: string;
  /** A secret handed out by AssociateSoftwareToken, not yet verified. */
  pendingTotpSecret?: string;
  refresh: StoredRefresh[];
  /** Access tokens issued before this (epoch s) are revoked (global sign-out). */
  revokedBefore?: number;
  createdAt: number;
  modifiedAt: number;
}

interface State {
  version: 1;
  pools: Record<string, { users: User[] }>;
}

export class PoolStore {
  private state: State = { version: 1, pools: {} };
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly file: string) {}

  async load(): Promise<void> {
    try {
      this.state = JSON.parse(await readFile(this.file, 'utf8')) as State;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    for (const p of POOLS) this.state.pools[p.id] ??= { users: [] };
  }

  /** Writes the whole state (small: a local pool holds tens of users) after the previous write. */
  save(): Promise<void> {
    const body = JSON.stringify(this.state);
    this.writing = this.writing.then(async () => {
      await mkdir(dirname(this.file), { recursive: true });
      const tmp = `${this.file}.${process.pid}.tmp`;
      await writeFile(tmp, body, { mode: 0o600 });
      await rename(tmp, this.file);
    });
    return this.writing;
  }

  pool(poolId: unknown): PoolConfig {
    const pool = POOLS.find((p) => p.id === poolId);
    if (!pool)
      throw new CognitoError('ResourceNotFoundException', `User pool ${String(poolId)} does not exist.`);
    return pool;
  }

  poolOfClient(clientId: unknown): PoolConfig {
    const pool = POOLS.find((p) => p.clientId === clientId);
    if (!pool) throw new CognitoError('ResourceNotFoundException', 'User pool client does not exist.');
    return pool;
  }

  users(poolId: string): User[] {
    return this.state.pools[poolId]!.users;
  }

  /** By username (the sub) or by email, case-insensitively, as a pool with email as username. */
  find(poolId: string, username: unknown): User | undefined {
    if (typeof username !== 'string' || !username) return undefined;
    const wanted = username.toLowerCase();
    return this.users(poolId).find(
      (u) => u.username === username || u.attributes.email?.toLowerCase() === wanted,
    );
  }

  get(poolId: string, username: unknown): User {
    const user = this.find(poolId, username);
    if (!user) throw userNotFound();
    return user;
  }

  create(pool: PoolConfig, email: string, attributes: Record<string, string>, now: number): User {
    const sub = randomUUID();
    const user: User = {
      username: sub,
      attributes: { email_verified: 'false', ...attributes, email, sub },
      enabled: true,
      status: pool.passwordless ? 'CONFIRMED' : 'FORCE_CHANGE_PASSWORD',
      refresh: [],
      createdAt: now,
      modifiedAt: now,
    };
    this.users(pool.id).push(user);
    return user;
  }

  poolIdOf(user: User): string {
    return POOLS.find((p) => this.users(p.id).includes(user))?.id ?? '';
  }

  remove(poolId: string, user: User): void {
    const users = this.users(poolId);
    users.splice(users.indexOf(user), 1);
  }
}

/** Attributes as the admin calls carry them, checked against what the pool defines. */
export function attributeMap(pool: PoolConfig, list: unknown): Record<string, string> {
  if (list === undefined) return {};
  if (!Array.isArray(list)) throw invalid('UserAttributes must be a list.');
  const out: Record<string, string> = {};
  for (const entry of list as { Name?: unknown; Value?: unknown }[]) {
    const name = entry?.Name;
    if (typeof name !== 'string') throw invalid('Attribute name is required.');
    const custom = name.startsWith('custom:') ? name.slice(7) : undefined;
    if (name === 'sub') throw invalid('Cannot modify an immutable attribute: sub');
    if (custom !== undefined ? !pool.customAttributes.includes(custom) : !STANDARD_ATTRIBUTES.has(name))
      throw invalid(`Attribute does not exist in the schema: ${name}`);
    out[name] = typeof entry.Value === 'string' ? entry.Value : '';
  }
  if ('email_verified' in out && !['true', 'false'].includes(out.email_verified!))
    throw invalid('email_verified must be true or false.');
  return out;
}

export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
