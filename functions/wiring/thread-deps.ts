// The threads group's adapters over one table: its Lambda entry and the demo seed (local/seed.ts)
// wire the same stores.
import { systemClock } from '../domain/ports';
import { grantLookup } from '../store/grants';
import type { Table } from '../store/table';
import { threadStore } from '../store/threads';
import { ulidIds } from './ids';

export const threadDeps = (table: Table) => {
  const threads = threadStore(table);
  return { threads, tasks: threads, grantLocator: grantLookup(table), clock: systemClock, ids: ulidIds };
};
