// The firm (tenant) and its staff users.

export interface Firm {
  firmId: string;
  name: string;
  /** Default locale for people who have not chosen one. */
  locale: string;
  /** Base URL of the firm's client portal (links in mail point here). */
  portalUrl: string;
  createdAt: string;
}

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
}

export interface FirmStore {
  getStaffUser(firmId: string, userId: string): Promise<StaffUser | undefined>;
}
