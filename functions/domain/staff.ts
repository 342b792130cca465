// Staff accounts: admins invite, list, change and (de/re)activate the firm's staff users. Each
// user is a staff-pool login (Cognito) plus a staff record keyed by the login's `sub`; the last
// active admin can be neither demoted nor deactivated (decision 0025).
import { lazySchema } from '../lazy-schema';
import * as z from '../zod-mini';
import { conflict, notFound, unprocessable } from './errors';
import { type Firm, isActiveStaff, type StaffUser } from './firm';
import { normalizeEmail } from './mail-addresses';
import { type Clock, type Page, type PageRequest, pageOf } from './ports';
import { type StaffPrincipal, StaffRole } from './principal';

/** A staff-pool login as Portico reads it. */
export interface StaffLogin {
  /** Cognito's `sub`: the staff user's id everywhere in Portico. */
  sub: string;
  email: string;
  /** `custom:firmId`: the firm the login belongs to (set only by the backend). */
  firmId?: string;
  role?: StaffRole;
}

export interface NewLogin {
  email: string;
  name: string;
  locale: string;
  firmId: string;
  role: StaffRole;
  /** Shown in the invitation mail Cognito sends (ClientMetadata of AdminCreateUser). */
  firmName?: string;
}

/**
 * Port: the staff user pool. Every call is idempotent, so a retried request heals what a crash
 * left half done. Logins are addressed by email (the pool's username).
 */
export interface StaffLogins {
  /** Creates the login and has the pool mail the invitation; `exists` when the email has a login. */
  create(login: NewLogin): Promise<StaffLogin | 'exists'>;
  find(email: string): Promise<StaffLogin | undefined>;
  setRole(email: string, role: StaffRole): Promise<void>;
  /** Disables sign-in and revokes every refresh token (issued ID/access tokens live out their hour). */
  disable(email: string): Promise<void>;
  enable(email: string): Promise<void>;
}

export interface StaffStore {
  getStaff(firmId: string, userId: string): Promise<StaffUser | undefined>;
  /** The firm's name, for the invitation mail (undefined: no such firm). */
  firmName(firmId: string): Promise<string | undefined>;
  /** Every staff record of the firm (a small set, read whole and consistently). */
  staffOfFirm(firmId: string): Promise<StaffUser[]>;
  /**
   * Writes a new staff record and, for an active admin, adds one to the firm's admin count, in
   * one transaction. `exists` when the record is there already; `firm_not_found` without the firm.
   */
  addStaff(user: StaffUser): Promise<'created' | 'exists'>;
  /**
   * Writes `after` over `before` (409 `staff_changed` if the record moved meanwhile), moving the
   * firm's admin count in the same transaction; 409 `last_admin` when it would fall to zero.
   */
  changeStaff(before: StaffUser, after: StaffUser): Promise<void>;
  /** Staff users of a firm, by id; `status` keeps only active or only inactive ones. */
  listStaff(firmId: string, page: PageRequest, status?: StaffStatus): Promise<Page<StaffUser>>;
}

export const StaffStatus = lazySchema(() => z.enum(['active', 'inactive']));
export type StaffStatus = z.output<typeof StaffStatus>;

export interface StaffDeps {
  staff: StaffStore;
  logins: StaffLogins;
  clock: Clock;
}

/** A staff user as the API shows it. */
export const StaffView = lazySchema(() =>
  z.object({
    userId: z.string(),
    email: z.string(),
    name: z.string(),
    role: StaffRole,
    language: z.optional(z.string()),
    status: StaffStatus,
    invitedAt: z.string(),
    deactivatedAt: z.optional(z.string()),
  }),
);
export type StaffView = z.output<typeof StaffView>;

export const statusOf = (u: Pick<StaffUser, 'status'>): StaffStatus => u.status ?? 'active';
/** Whether the user counts in the firm's active admins. */
export const isActiveAdmin = (u: Pick<StaffUser, 'role' | 'status'>) =>
  u.role === 'admin' && isActiveStaff(u);

export function staffView(u: StaffUser): StaffView {
  return {
    userId: u.userId,
    email: u.email,
    name: u.name,
    role: u.role,
    ...(u.locale ? { language: u.locale } : {}),
    status: statusOf(u),
    invitedAt: u.invitedAt ?? u.createdAt,
    ...(u.deactivatedAt ? { deactivatedAt: u.deactivatedAt } : {}),
  };
}

export interface Invitation {
  email: string;
  name: string;
  role: StaffRole;
  language: string;
}

/**
 * Invites a staff user into the firm, or answers the one that exists. Cognito first: the login is
 * where an email is unique across firms, so a retry after a crash finds it and only writes the
 * missing record (with the login's role, the one its tokens will carry).
 */
export async function inviteStaff(
  deps: StaffDeps,
  firmId: string,
  input: Invitation,
): Promise<{ user: StaffView; created: boolean }> {
  const email = normalizeEmail(input.email);
  // The same email again: the user it is, with no Cognito call (no second mail). This also covers
  // users recorded before staff logins existed, who must not get a second record.
  // The firm's name (the invitation mail Cognito sends names the firm) is read alongside, in case
  // a login is made: one round trip before the Cognito call instead of two.
  const [staff, firmName] = await Promise.all([deps.staff.staffOfFirm(firmId), deps.staff.firmName(firmId)]);
  const known = staff.find((u) => u.email.toLowerCase() === email);
  if (known) return { user: staffView(known), created: false };
  const created = await deps.logins.create({
    email,
    name: input.name,
    locale: input.language,
    firmId,
    role: input.role,
    ...(firmName ? { firmName } : {}),
  });
  const login = created === 'exists' ? await deps.logins.find(email) : created;
  // Created a moment ago and gone already: someone removed it in the console; nothing to bind.
  if (!login) throw conflict('staff_login_changed', 'The staff login changed meanwhile; try again.');
  if (login.firmId !== firmId)
    throw conflict('staff_email_in_other_firm', 'This email is the staff login of another firm.');
  // Already recorded under the login (with another email): the list read above tells, and a record
  // written since is what addStaff's `exists` answers below.
  const existing = staff.find((u) => u.userId === login.sub);
  if (existing) return { user: staffView(existing), created: false };
  const now = deps.clock.now().toISOString();
  const user: StaffUser = {
    firmId,
    userId: login.sub,
    email,
    name: input.name,
    role: login.role ?? input.role,
    status: 'active',
    locale: input.language,
    createdAt: now,
    invitedAt: now,
  };
  // A concurrent invite of the same email wrote it first: answer that one.
  if ((await deps.staff.addStaff(user)) === 'exists') {
    const raced = await deps.staff.getStaff(firmId, login.sub);
    if (raced) return { user: staffView(raced), created: false };
  }
  return { user: staffView(user), created: true };
}

export async function listStaff(
  deps: Pick<StaffDeps, 'staff'>,
  by: StaffPrincipal,
  query: PageRequest & { status?: StaffStatus },
): Promise<Page<StaffView>> {
  const page = await deps.staff.listStaff(by.firmId, pageOf(query), query.status);
  return { ...page, items: page.items.map(staffView) };
}

export interface StaffChange {
  role?: StaffRole;
  name?: string;
  language?: string;
}

/**
 * Changes a user's role, name or language. The table first (it holds the last-admin rule), then
 * the login's `custom:role`, set again on every call that names a role, so a retry heals a crash
 * between the two. Tokens issued before a role change answer 403 `role_mismatch` until the user
 * signs in again.
 */
export async function updateStaff(
  deps: StaffDeps,
  by: StaffPrincipal,
  userId: string,
  change: StaffChange,
): Promise<StaffView> {
  if (change.role === undefined && change.name === undefined && change.language === undefined)
    throw unprocessable('staff_change_empty', 'Give at least one of role, name, language to change.');
  const before = await found(deps, by.firmId, userId);
  const after: StaffUser = {
    ...before,
    ...(change.role !== undefined ? { role: change.role } : {}),
    ...(change.name !== undefined ? { name: change.name } : {}),
    ...(change.language !== undefined ? { locale: change.language } : {}),
  };
  if (differs(before, after)) await deps.staff.changeStaff(before, after);
  if (change.role !== undefined) await deps.logins.setRole(before.email, change.role);
  return staffView(after);
}

/**
 * Deactivates a user: the record first (the directory check refuses the user's tokens from then
 * on, within its cache window; the last-admin rule is its condition), then the login is disabled
 * and its refresh tokens revoked. Idempotent: a retry redoes the login part.
 */
export async function deactivateStaff(
  deps: StaffDeps,
  by: StaffPrincipal,
  userId: string,
): Promise<StaffView> {
  const before = await found(deps, by.firmId, userId);
  let after = before;
  if (statusOf(before) === 'active') {
    after = { ...before, status: 'inactive', deactivatedAt: deps.clock.now().toISOString() };
    await deps.staff.changeStaff(before, after);
  }
  await deps.logins.disable(before.email);
  return staffView(after);
}

/** Reactivates a user: the record, then the login (enabled again; the user signs in afresh). Idempotent. */
export async function reactivateStaff(
  deps: StaffDeps,
  by: StaffPrincipal,
  userId: string,
): Promise<StaffView> {
  const before = await found(deps, by.firmId, userId);
  let after = before;
  if (statusOf(before) === 'inactive') {
    after = { ...before, status: 'active' };
    await deps.staff.changeStaff(before, after);
  }
  await deps.logins.enable(before.email);
  return staffView(after);
}

async function found(deps: Pick<StaffDeps, 'staff'>, firmId: string, userId: string): Promise<StaffUser> {
  const user = await deps.staff.getStaff(firmId, userId);
  if (!user) throw notFound('staff user', 'staff_not_found');
  return user;
}

const differs = (a: StaffUser, b: StaffUser) =>
  a.role !== b.role || a.name !== b.name || a.locale !== b.locale || statusOf(a) !== statusOf(b);

/** What firm onboarding (`npm run firm:create`) needs of the table besides staff records. */
export interface FirmRecords {
  getFirm(firmId: string): Promise<Firm | undefined>;
  /** Writes the firm (its admin count at 0) unless it exists; true when written. */
  putFirm(firm: Firm): Promise<boolean>;
}
