/** Errors the store raises on bad input or broken invariants; `code` is stable for callers to map to HTTP. */
export type StoreErrorCode = 'invalid_input' | 'not_found' | 'conflict' | 'payload_purged' | 'migration';

export class StoreError extends Error {
  override readonly name = 'StoreError';
  constructor(
    readonly code: StoreErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * A PostgreSQL "data exception" (SQLSTATE class 22: a value the database cannot take, e.g. text it
 * cannot store or JSON it cannot read): raised by a statement, so its transaction stored nothing.
 */
export function isDataException(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code);
}
