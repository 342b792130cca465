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
