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
