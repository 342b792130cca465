// Firm onboarding (`npm run firm:create`): the firm record and its first admin (staff-pool login
// with the invitation mail, staff record counted as the firm's active admin). Re-running it with
// the same admin email finds the firm through the login's custom:firmId and changes nothing.
import { conflict } from './errors';
import type { Firm } from './firm';
import { normalizeEmail } from './mail-addresses';
import type { Ids } from './ports';
import { type FirmRecords, inviteStaff, type StaffDeps, type StaffView } from './staff';

export interface NewFirm {
  name: string;
  adminEmail: string;
  adminName: string;
  /** The firm's default language and the admin's. */
  language: string;
  portalUrl: string;
}

export interface Onboarded {
  firm: Firm;
  admin: StaffView;
  /** What this run wrote: a re-run of a complete onboarding writes nothing. */
  created: { firm: boolean; login: boolean; admin: boolean };
}

export type OnboardingDeps = StaffDeps & { firms: FirmRecords; ids: Ids };

/**
 * Login first: it is the only place where "this admin already has a firm" can be found, so a
 * crash after it is healed by the re-run (the firm id comes back from the login). Then the firm
 * record, then the admin's staff record (through inviteStaff, which finds the login), which moves
 * the firm's admin count to 1.
 */
export async function onboardFirm(deps: OnboardingDeps, input: NewFirm): Promise<Onboarded> {
  const email = normalizeEmail(input.adminEmail);
  let login = await deps.logins.find(email);
  let loginCreated = false;
  if (!login) {
    const made = await deps.logins.create({
      email,
      name: input.adminName,
      locale: input.language,
      firmId: deps.ids.next(),
      role: 'admin',
      firmName: input.name,
    });
    loginCreated = made !== 'exists';
    login = made === 'exists' ? await deps.logins.find(email) : made;
  }
  if (!login?.firmId)
    throw conflict('staff_login_without_firm', `${email} has a staff login that belongs to no firm.`);
  const firm: Firm = {
    firmId: login.firmId,
    name: input.name,
    locale: input.language,
    portalUrl: input.portalUrl,
    createdAt: deps.clock.now().toISOString(),
    activeAdmins: 0,
  };
  const firmCreated = await deps.firms.putFirm(firm);
  const invited = await inviteStaff(deps, firm.firmId, {
    email,
    name: input.adminName,
    role: login.role ?? 'admin',
    language: input.language,
  });
  return {
    firm: (await deps.firms.getFirm(firm.firmId)) ?? firm,
    admin: invited.user,
    created: { firm: firmCreated, login: loginCreated, admin: invited.created },
  };
}
