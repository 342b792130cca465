// The firm (tenant) and its staff users.

export interface Firm {
  firmId: string;
  name: string;
  /** Default locale for people who have not chosen one. */
  locale: string;
  /** Base URL of the firm's client portal (links in mail point here). */
  portalUrl: string;
  createdAt: string;
  /**
   * Active admins of the firm, kept in the same transaction as every staff change that moves it:
   * the last-admin rule is its condition (decision 0025). Absent on firms written before it existed.
   */
  activeAdmins?: number;
}

/**
 * Whether a staff user (or the standing the directory keeps of one) is active: an absent status
 * means active, for records written before deactivation existed.
 */
export const isActiveStaff = (u: { status?: 'active' | 'inactive' }): boolean => u.status !== 'inactive';

export interface StaffUser {
  firmId: string;
  userId: string;
  name: string;
  email: string;
  role: 'admin' | 'staff';
  /** Absent means active. An inactive user's tokens are refused (functions/http/auth.ts). */
  status?: 'active' | 'inactive';
  locale?: string;
  createdAt: string;
  /** When an admin invited the user (absent on seeded users: `createdAt`). */
  invitedAt?: string;
  /** When the user was last deactivated (kept after a reactivation, for the record). */
  deactivatedAt?: string;
}

export interface FirmStore {
  getStaffUser(firmId: string, userId: string): Promise<StaffUser | undefined>;
}
