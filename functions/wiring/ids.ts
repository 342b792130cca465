// The Ids port: ULIDs, monotonic within a container so ids made in one millisecond still sort.
import { monotonicFactory } from 'ulid';
import type { Ids } from '../domain/ports';

const next = monotonicFactory();
export const ulidIds: Ids = { next: () => next() };
