// Who is calling: derived only from the verified token, never from the path or body.

export type StaffRole = 'admin' | 'staff';

export interface StaffPrincipal {
  kind: 'staff';
  /** The staff user's id (token `sub`). */
  userId: string;
  firmId: string;
  role: StaffRole;
}

/**
 * A portal user. The token carries only `sub`; which contacts (of which firms) this identity is
 * bound to, and what each grant allows, is always read from the table.
 */
export interface ContactPrincipal {
  kind: 'contact';
  identityId: string;
}

export type Principal = StaffPrincipal | ContactPrincipal;

/** What an activity entry records as the actor of a change. */
export type Actor =
  | { kind: 'staff'; id: string }
  | { kind: 'contact'; id: string }
  | { kind: 'system'; id: string };

export const staffActor = (p: StaffPrincipal): Actor => ({ kind: 'staff', id: p.userId });
