import type { ContractIssue } from '@taskhooks/contracts';

/** Every error the sender returns to a caller: a stable code, an HTTP status and field paths. */
export class SenderError extends Error {
  override readonly name = 'SenderError';
  constructor(
    readonly code: SenderErrorCode,
    message: string,
    readonly issues: ContractIssue[] = [],
  ) {
    super(message);
  }
}

export type SenderErrorCode =
  | 'invalid_payload'
  | 'unknown_model'
  | 'payload_too_large'
  | 'not_found'
  | 'conflict'
  | 'unauthorized'
  | 'forbidden'
  | 'rate_limited'
  | 'invalid_request'
  /** The database cannot take the call now (disk full, connection lost): retry later. */
  | 'unavailable';

export const httpStatusOf: Record<SenderErrorCode, number> = {
  invalid_payload: 400,
  unknown_model: 400,
  invalid_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  unavailable: 503,
};
