// The staff directory as the authorize step reads it: the staff user records, cached per container
// for a short window so the hot path makes no extra round trip (decision 0023); on a miss, the read
// may be left to the route's own request (`deferred`, decision 0052).
import type { CallerRecord, StaffRecord } from '../domain/caller-record';
import type { StaffUser } from '../domain/firm';
import type { StaffDirectory, StaffStanding } from './auth';

/** How long a container trusts what it read (60 s): the longest a deactivation waits to bite. */
export const STAFF_DIRECTORY_TTL_SECONDS = 60;
/** Bounds the memory a flood of distinct subs can take; the oldest entries go first. */
const MAX_ENTRIES = 10_000;

const standingOf = (user: StaffRecord | undefined): StaffStanding | undefined =>
  user ? ({ role: user.role, ...(user.status ? { status: user.status } : {}) } as StaffStanding) : undefined;

export function cachedStaffDirectory(
  read: (firmId: string, userId: string) => Promise<Pick<StaffUser, 'role' | 'status'> | undefined>,
  opts: { ttlSeconds?: number; now?: () => number } = {},
): Required<StaffDirectory> {
  const ttlMs = (opts.ttlSeconds ?? STAFF_DIRECTORY_TTL_SECONDS) * 1000;
  const now = opts.now ?? Date.now;
  const entries = new Map<string, { at: number; standing: Promise<StaffStanding | undefined> }>();
  const keyOf = (firmId: string, userId: string) => `${firmId}\u0000${userId}`;
  const fresh = (key: string) => {
    const hit = entries.get(key);
    if (hit && now() - hit.at < ttlMs) return hit.standing;
    entries.delete(key);
    return undefined;
  };
  // Absent users are cached too: a token of nobody cannot make one read per request. A failed
  // read is not cached, so the next request tries again.
  const remember = (key: string, standing: Promise<StaffStanding | undefined>) => {
    standing.catch(() => {
      if (entries.get(key)?.standing === standing) entries.delete(key);
    });
    if (ttlMs > 0) {
      entries.set(key, { at: now(), standing });
      if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
    }
    return standing;
  };
  return {
    standing(firmId, userId) {
      const key = keyOf(firmId, userId);
      return fresh(key) ?? remember(key, read(firmId, userId).then(standingOf));
    },
    deferred(firmId, userId) {
      const key = keyOf(firmId, userId);
      const known = fresh(key);
      if (known) return { standing: known, record: settledRecord(firmId, userId) };
      let settle: (standing: Promise<StaffStanding | undefined>) => void = () => {};
      const standing = remember(
        key,
        new Promise<StaffStanding | undefined>((resolve) => {
          settle = resolve;
        }),
      );
      let open = true;
      const close = (answer: () => Promise<StaffStanding | undefined>) => {
        if (!open) return;
        open = false;
        settle(answer());
      };
      const record: CallerRecord = {
        firmId,
        userId,
        wanted: () => open,
        // What the route read is what this directory's own read would have answered: the same item.
        carry: (user) => close(() => Promise.resolve(standingOf(user))),
        decline: () => close(() => read(firmId, userId).then(standingOf)),
      };
      return { standing, record };
    },
  };
}

/** The record of a caller the directory already knows: nothing to carry. */
const settledRecord = (firmId: string, userId: string): CallerRecord => ({
  firmId,
  userId,
  wanted: () => false,
  carry: () => {},
  decline: () => {},
});
