// The one table helper module every store uses: item <-> entity mapping and reads by key
// (items.ts), Queries (query.ts), condition checks and transactions (transact.ts).
export * from './items';
export * from './query';
export * from './transact';
