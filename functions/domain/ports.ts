// The ports domain services depend on. Adapters (functions/store, functions/clients) implement them;
// nothing here knows AWS.

export interface Clock {
  now(): Date;
}

export interface Ids {
  /** A new time-ordered, unique id (ULID). */
  next(): string;
}

/** One page of a list. `nextToken` is opaque to callers and absent on the last page. */
export interface Page<T> {
  items: T[];
  nextToken?: string;
}

export interface PageRequest {
  limit: number;
  nextToken?: string;
}

export const systemClock: Clock = { now: () => new Date() };

/**
 * Only the paging fields of a request, as a store takes them (a query object may carry filters too);
 * the token only when there is one (exactOptionalPropertyTypes).
 */
export const pageOf = (q: PageRequest): PageRequest => ({
  limit: q.limit,
  ...(q.nextToken ? { nextToken: q.nextToken } : {}),
});
