/**
 * Says why the database cannot serve a call right now — disk full, read-only, I/O error, or the
 * PostgreSQL connection lost or refused — or undefined for any other error. The API answers such
 * errors with 503 naming the problem (the client should retry later) instead of an opaque 500.
 * Only the kind of failure is described, never paths or connection details.
 */
export function storeUnavailableReason(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = 'code' in error ? String(error.code) : '';
  const message = error instanceof Error ? error.message : '';
  return sqliteReason(code) ?? postgresReason(code, message);
}

function sqliteReason(code: string): string | undefined {
  if (code === 'SQLITE_FULL') return 'the disk holding the database is full (SQLITE_FULL)';
  if (code.startsWith('SQLITE_READONLY')) return `the database is read-only (${code})`;
  if (code.startsWith('SQLITE_IOERR')) return `disk I/O error on the database (${code})`;
  if (code === 'SQLITE_CANTOPEN') return 'the database file cannot be opened (SQLITE_CANTOPEN)';
  if (code === 'SQLITE_BUSY') return 'the database is locked by another process (SQLITE_BUSY)';
  return undefined;
}

// Node socket errors on the way to the server.
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
]);

function postgresReason(code: string, message: string): string | undefined {
  if (NETWORK_CODES.has(code)) return `the database server is unreachable (${code})`;
  // SQLSTATE class 08 (connection exception), 57P0x (server shutting down / starting), 53xxx (resources).
  if (code.startsWith('08') || /^57P0[1-3]$/.test(code)) return `the database connection was lost (${code})`;
  if (code === '53100') return 'the disk holding the database is full (53100)';
  if (code === '53300') return 'the database has no free connection slot (53300)';
  if (code === '55000' && message.includes('not currently accepting connections'))
    return 'the database is not accepting connections (55000)';
  // node-postgres raises these without a code: its connect timeout, and a dropped socket.
  if (message === 'timeout expired') return 'the database server did not answer in time (connect timeout)';
  if (/^Connection terminated|is not queryable/.test(message)) return 'the database connection was lost';
  return undefined;
}
