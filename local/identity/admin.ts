// The admin calls of the local identity service (what the backend's IAM role calls on AWS):
// create, read, list, update, disable, enable, sign out and delete users.
import { hashPassword, temporaryPassword } from './codes';
import { type Ctx, mfaView, userView } from './context';
import { CognitoError, invalid } from './errors';
import { attributeMap, EMAIL, type User } from './pools';

type Body = Record<string, unknown>;

export async function adminCreateUser(ctx: Ctx, b: Body) {
  const pool = ctx.store.pool(b.UserPoolId);
  const username = b.Username;
  if (typeof username !== 'string' || !EMAIL.test(username)) throw invalid('Username should be an email.');
  const attributes = attributeMap(pool, b.UserAttributes);
  if (attributes.email !== undefined && attributes.email.toLowerCase() !== username.toLowerCase())
    throw invalid('The email attribute must match the username.');
  const action = b.MessageAction;
  if (action !== undefined && action !== 'SUPPRESS' && action !== 'RESEND')
    throw invalid('MessageAction must be SUPPRESS or RESEND.');
  const existing = ctx.store.find(pool.id, username);
  if (action === 'RESEND') {
    if (!existing) throw new CognitoError('UserNotFoundException', 'User does not exist.');
    if (existing.status !== 'FORCE_CHANGE_PASSWORD' && !pool.passwordless)
      throw new CognitoError(
        'UnsupportedUserStateException',
        'Resend not possible. User is already confirmed.',
      );
    const password = pool.passwordless ? undefined : newTemporaryPassword(b.TemporaryPassword);
    if (password) existing.passwordHash = hashPassword(password);
    existing.modifiedAt = ctx.now();
    await ctx.store.save();
    await ctx.mailer.send('CustomMessage_AdminCreateUser', pool, existing, password, clientMetadata(b));
    return { User: userView(existing) };
  }
  if (existing)
    throw new CognitoError('UsernameExistsException', 'An account with the given email already exists.');
  const user = ctx.store.create(pool, username, attributes, ctx.now());
  // The contact pool is passwordless: a user without a password signs in with mailed codes only.
  const password = pool.passwordless ? undefined : newTemporaryPassword(b.TemporaryPassword);
  if (password) user.passwordHash = hashPassword(password);
  await ctx.store.save();
  if (action !== 'SUPPRESS')
    await ctx.mailer.send('CustomMessage_AdminCreateUser', pool, user, password, clientMetadata(b));
  return { User: userView(user) };
}

function newTemporaryPassword(given: unknown): string {
  if (given === undefined || given === '') return temporaryPassword();
  if (typeof given !== 'string' || given.length < 8)
    throw new CognitoError(
      'InvalidPasswordException',
      'Password did not conform with policy: Password not long enough',
    );
  return given;
}

export async function adminGetUser(ctx: Ctx, b: Body) {
  const pool = ctx.store.pool(b.UserPoolId);
  const user = ctx.store.get(pool.id, b.Username);
  const { Attributes, ...rest } = userView(user);
  return { ...rest, UserAttributes: Attributes, ...mfaView(user) };
}

const FILTER = /^\s*([\w:]+)\s*(=|\^=)\s*"((?:[^"\\]|\\.)*)"\s*$/;
const FILTERABLE = new Set([
  'username',
  'email',
  'sub',
  'name',
  'given_name',
  'family_name',
  'status',
  'cognito:user_status',
]);

export async function listUsers(ctx: Ctx, b: Body) {
  const pool = ctx.store.pool(b.UserPoolId);
  const limit = b.Limit ?? 60;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > 60)
    throw invalid(
      "1 validation error detected: Value at 'limit' failed to satisfy constraint: Member must have value less than or equal to 60",
    );
  let users = ctx.store.users(pool.id);
  if (b.Filter !== undefined && b.Filter !== '') {
    const m = typeof b.Filter === 'string' ? FILTER.exec(b.Filter) : null;
    if (!m || !FILTERABLE.has(m[1]!)) throw invalid('Invalid search attribute or filter expression.');
    const [, attr, op, raw] = m;
    const wanted = raw!.replace(/\\(.)/g, '$1').toLowerCase();
    const field = (u: User) =>
      (attr === 'username'
        ? u.username
        : attr === 'status' || attr === 'cognito:user_status'
          ? u.status
          : (u.attributes[attr!] ?? '')
      ).toLowerCase();
    users = users.filter((u) => (op === '=' ? field(u) === wanted : field(u).startsWith(wanted)));
  }
  let start = 0;
  if (b.PaginationToken !== undefined) {
    const after =
      typeof b.PaginationToken === 'string' ? Buffer.from(b.PaginationToken, 'base64url').toString() : '';
    const idx = users.findIndex((u) => u.username === after);
    if (idx < 0) throw invalid('Invalid pagination token.');
    start = idx + 1;
  }
  const page = users.slice(start, start + limit);
  const wantedAttrs = Array.isArray(b.AttributesToGet) ? new Set(b.AttributesToGet as string[]) : undefined;
  return {
    Users: page.map((u) => {
      const v = userView(u);
      return wantedAttrs ? { ...v, Attributes: v.Attributes.filter((a) => wantedAttrs.has(a.Name)) } : v;
    }),
    ...(start + limit < users.length
      ? { PaginationToken: Buffer.from(page[page.length - 1]!.username).toString('base64url') }
      : {}),
  };
}

export async function adminUpdateUserAttributes(ctx: Ctx, b: Body) {
  const pool = ctx.store.pool(b.UserPoolId);
  const user = ctx.store.get(pool.id, b.Username);
  const changes = attributeMap(pool, b.UserAttributes);
  if (changes.email !== undefined) {
    if (!EMAIL.test(changes.email)) throw invalid('Invalid email address format.');
    const other = ctx.store.find(pool.id, changes.email);
    if (other && other !== user)
      throw new CognitoError('AliasExistsException', 'An account with the given email already exists.');
    // As Cognito: a new address is unverified unless the same call says otherwise.
    if (
      changes.email.toLowerCase() !== user.attributes.email?.toLowerCase() &&
      changes.email_verified === undefined
    )
      changes.email_verified = 'false';
  }
  Object.assign(user.attributes, changes);
  user.modifiedAt = ctx.now();
  await ctx.store.save();
  return {};
}

export async function adminSetEnabled(ctx: Ctx, b: Body, enabled: boolean) {
  const pool = ctx.store.pool(b.UserPoolId);
  const user = ctx.store.get(pool.id, b.Username);
  user.enabled = enabled;
  user.modifiedAt = ctx.now();
  await ctx.store.save();
  return {};
}

export async function adminUserGlobalSignOut(ctx: Ctx, b: Body) {
  const pool = ctx.store.pool(b.UserPoolId);
  const user = ctx.store.get(pool.id, b.Username);
  signOut(user);
  await ctx.store.save();
  return {};
}

/** Every refresh token goes, and with them the access tokens of those sign-ins (their origin_jti). */
export function signOut(user: User): void {
  user.refresh = [];
}

export async function adminDeleteUser(ctx: Ctx, b: Body) {
  const pool = ctx.store.pool(b.UserPoolId);
  const user = ctx.store.get(pool.id, b.Username);
  ctx.store.remove(pool.id, user);
  await ctx.store.save();
  return {};
}

/** ClientMetadata as Cognito passes it to triggers: string values only, the rest dropped. */
function clientMetadata(b: Record<string, unknown>): Record<string, string> | undefined {
  const given = b.ClientMetadata;
  if (!given || typeof given !== 'object' || Array.isArray(given)) return undefined;
  const entries = Object.entries(given).filter((e): e is [string, string] => typeof e[1] === 'string');
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}
