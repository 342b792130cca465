// The one table helper module every store uses: item <-> entity mapping and reads by key
// (items.ts), Queries (query.ts), condition checks and transactions (transact.ts), the open guard
// and status changes of closable items (closable.ts).
export * from './closable';
export * from './items';
export * from './query';
export * from './transact';
