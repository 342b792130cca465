// Who is calling: derived only from the verified token, never from the path or body.
import { lazySchema } from '../lazy-schema';
import * as z from '../zod-mini';

export const StaffRole = lazySchema(() => z.enum(['admin', 'staff']));
export type StaffRole = z.output<typeof StaffRole>;

/** Who did something (uploaded, wrote, created), with the name shown to others at that time. */
export const Person = lazySchema(() =>
  z.object({ kind: z.enum(['staff', 'contact']), id: z.string(), name: z.string() }),
);
export type Person = z.output<typeof Person>;

export interface StaffPrincipal {
  kind: 'staff';
  /** The staff user's id (token `sub`). */
  userId: string;
  firmId: string;
  role: StaffRole;
}

/**
 * A portal user. Which contacts (of which firms) this identity is bound to, and what each grant
 * allows, is always read from the table; the token's email matters only to accepting an invitation,
 * which binds a login only to the address the invitation was mailed to.
 */
export interface ContactPrincipal {
  kind: 'contact';
  identityId: string;
  /** The login's email (ID token `email`), as the identity provider has it. */
  email?: string;
  /** Whether the identity provider verified that address (`email_verified`); absent: not verified. */
  emailVerified?: boolean;
}

export type Principal = StaffPrincipal | ContactPrincipal;

/** What an activity entry records as the actor of a change. */
export type Actor =
  | { kind: 'staff'; id: string }
  | { kind: 'contact'; id: string }
  | { kind: 'system'; id: string };

export const staffActor = (p: StaffPrincipal): Actor => ({ kind: 'staff', id: p.userId });
