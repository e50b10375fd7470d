/** Public surface of the storage layer. The contract suite (store.contract.ts) is test-only. */
export { type OpenStoreOptions, openStore, SQLITE_FILE_NAME } from './open-store.js';
export type { PostgresOptions } from './postgres/connection.js';
// Type only: openStore loads the pg driver on demand; import './postgres/postgres-store.js' to construct directly.
export type { PostgresStore } from './postgres/postgres-store.js';
export { decodeCursor, encodeCursor, MAX_PAGE_SIZE } from './shared/cursor.js';
export { StoreError, type StoreErrorCode } from './shared/errors.js';
export { eventFilterMatches } from './shared/event-filter.js';
export type { SqliteOptions } from './sqlite/connection.js';
export { SqliteStore } from './sqlite/sqlite-store.js';
export type * from './types.js';
