// Port: the calling staff user's own record, when the authorize step leaves its read to the route so
// it rides in a read the route makes anyway (decision 0052). The directory decides either way.
import type { StaffUser } from './firm';

/** What the directory decides on: a staff user's role and status. */
export type StaffRecord = Pick<StaffUser, 'role' | 'status'>;

export interface CallerRecord {
  /** The caller whose record is meant (the token's firm and sub). */
  readonly firmId: string;
  readonly userId: string;
  /** Whether the record is still to be read: false once carried or declined. */
  wanted(): boolean;
  /** The record as the route's own read found it (undefined: no such item). */
  carry(record: Partial<StaffRecord> | undefined): void;
  /** The route will not read it (an empty page, a failed read): the directory reads it now. */
  decline(): void;
}
