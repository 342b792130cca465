// The staff directory's read of a caller, left to the route (decision 0052): on a miss, the cached
// directory's read waits until the route's own request carries the caller's record, or the route
// declines and it is read then. Only a group whose staff reads carry it wires this in.
import type { CallerRecord, StaffRecord } from '../domain/caller-record';
import type { StaffPrincipal } from '../domain/principal';

type Read = (firmId: string, userId: string) => Promise<StaffRecord | undefined>;

export function callerRides(read: Read) {
  // The reads waiting for their request's route, by caller: each is handed to one request only.
  const waiting = new Map<string, CallerRecord>();
  const keyOf = (firmId: string, userId: string) => `${firmId}\u0000${userId}`;
  return {
    /** The directory's read: settles once the route carries the record, or declines and it is read. */
    read: (firmId: string, userId: string) =>
      new Promise<StaffRecord | undefined>((resolve, reject) => {
        const key = keyOf(firmId, userId);
        let open = true;
        const close = () => {
          open = false;
          if (waiting.get(key) === record) waiting.delete(key);
        };
        const record: CallerRecord = {
          firmId,
          userId,
          wanted: () => open,
          // What the route read is what the directory's own read answers: the same item (one
          // without a role reads as it would there, a role the token cannot match).
          carry: (found) => {
            if (!open) return;
            close();
            resolve(found as StaffRecord | undefined);
          },
          decline: () => {
            if (!open) return;
            close();
            read(firmId, userId).then(resolve, reject);
          },
        };
        waiting.set(key, record);
        // Handed to no request in the turn that asked (a write, a route that carries nothing): the
        // directory reads it itself, as if it had never waited.
        queueMicrotask(() => {
          if (waiting.get(key) === record) record.decline();
        });
      }),
    /**
     * The caller's waiting read, for the request that asked the directory, in the same turn (none on
     * a cache hit): that request's route carries it, or its handler declines it once the route is done.
     */
    callerRecord({ firmId, userId }: StaffPrincipal): CallerRecord | undefined {
      const key = keyOf(firmId, userId);
      const record = waiting.get(key);
      waiting.delete(key);
      return record;
    },
  };
}
