// DynamoDB adapter of GrantLookup and GrantPlaces: GSI1 finds where the grant of a portal identity
// is, then a consistent read of the grant itself decides (GSIs are eventually consistent; a revoke
// is not). Where each grant was found is remembered per container, so a later request of the same
// identity on the same case reads the grant directly (decision 0033): the place is only a hint, the
// consistent read still decides, and a place that no longer checks out is forgotten and looked up again.
import type { Grant, GrantLookup, GrantPlace, GrantPlaces } from '../domain/grants';
import { grantKey, grantOfIdentityLookup } from './keys';
import { getItem, queryKey, type Table } from './table';

/** Bounds the memory a flood of identities can take; the oldest places go first. */
const MAX_PLACES = 10_000;

/**
 * One per-container memory of where grants are, behind both ways a route checks a portal identity:
 * `findGrantForIdentity` (the grant, then the work) and `locateGrant` + `readGrant` (the grant read
 * alongside the work, decision 0033).
 */
export function grantLookup(table: Table): GrantLookup & GrantPlaces {
  const places = new Map<string, GrantPlace>();
  const keyOf = (identityId: string, caseId: string) => `${identityId}\u0000${caseId}`;
  const remember = (key: string, place: GrantPlace) => {
    places.set(key, { firmId: place.firmId, caseId: place.caseId, contactId: place.contactId });
    if (places.size > MAX_PLACES) places.delete(places.keys().next().value as string);
  };

  const fromIndex = async (identityId: string, caseId: string): Promise<GrantPlace | undefined> => {
    const [hit] = await queryKey(table, grantOfIdentityLookup(identityId, caseId), {
      limit: 5,
      projection: 'firmId, contactId',
    });
    return hit ? { firmId: String(hit.firmId), caseId, contactId: String(hit.contactId) } : undefined;
  };

  const readGrant = (place: GrantPlace) =>
    getItem<Grant>(table, grantKey(place.firmId, place.caseId, place.contactId), { consistent: true });

  // Only where to read: the caller decides on the grant item it reads, and asks `fresh` when a
  // remembered place no longer admits the identity.
  const locateGrant: GrantPlaces['locateGrant'] = async (identityId, caseId, fresh) => {
    const key = keyOf(identityId, caseId);
    const known = fresh ? undefined : places.get(key);
    if (known) return { ...known, memoized: true };
    places.delete(key);
    const place = await fromIndex(identityId, caseId);
    if (!place) return undefined;
    remember(key, place);
    return { ...place, memoized: false };
  };

  return {
    readGrant,
    locateGrant,
    async findGrantForIdentity(identityId, caseId) {
      // The index (or what this container remembers of it) may lag behind a revoke or a re-binding:
      // only the item itself is trusted, and a remembered place that no longer holds the identity's
      // grant is looked up afresh once.
      for (let fresh = false; ; fresh = true) {
        const at = await locateGrant(identityId, caseId, fresh);
        if (!at) return undefined;
        const grant = await readGrant(at);
        if (grant?.identityId === identityId && grant.status === 'active') return grant;
        if (!at.memoized) return undefined;
      }
    },
  };
}
