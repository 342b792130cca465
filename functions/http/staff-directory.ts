// The staff directory as the authorize step reads it: the staff user records, cached per container
// for a short window so the hot path makes no extra round trip (decision 0023).
import type { StaffUser } from '../domain/firm';
import type { StaffDirectory, StaffStanding } from './auth';

/** How long a container trusts what it read (60 s): the longest a deactivation waits to bite. */
export const STAFF_DIRECTORY_TTL_SECONDS = 60;
/** Bounds the memory a flood of distinct subs can take; the oldest entries go first. */
const MAX_ENTRIES = 10_000;

export function cachedStaffDirectory(
  read: (firmId: string, userId: string) => Promise<Pick<StaffUser, 'role' | 'status'> | undefined>,
  opts: { ttlSeconds?: number; now?: () => number } = {},
): StaffDirectory {
  const ttlMs = (opts.ttlSeconds ?? STAFF_DIRECTORY_TTL_SECONDS) * 1000;
  const now = opts.now ?? Date.now;
  const entries = new Map<string, { at: number; standing: Promise<StaffStanding | undefined> }>();
  return {
    standing(firmId, userId) {
      const key = `${firmId}\u0000${userId}`;
      const hit = entries.get(key);
      if (hit && now() - hit.at < ttlMs) return hit.standing;
      entries.delete(key);
      // Absent users are cached too: a token of nobody cannot make one read per request. A failed
      // read is not cached, so the next request tries again.
      const standing = read(firmId, userId).then((user) =>
        user ? { role: user.role, ...(user.status ? { status: user.status } : {}) } : undefined,
      );
      standing.catch(() => {
        if (entries.get(key)?.standing === standing) entries.delete(key);
      });
      if (ttlMs > 0) {
        entries.set(key, { at: now(), standing });
        if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
      }
      return standing;
    },
  };
}
