import type { ContractIssue } from '@taskhooks/contracts';
import type { SignatureError } from '@taskhooks/signatures';

export type SignatureErrorCode = SignatureError['code'];

/** Every reason a delivery can be refused or fail; stable strings, safe to switch on and to log. */
export type WebhookErrorCode =
  | SignatureErrorCode
  | 'body_already_parsed'
  | 'payload_too_large'
  | 'method_not_allowed'
  | 'invalid_json'
  | 'invalid_payload'
  | 'handler_failed'
  | 'dedupe_failed'
  | 'internal_error';

/**
 * HTTP status per code. The sender retries 5xx and (usually) drops 4xx, so: a request that can
 * never become valid is 4xx; anything the receiver's owner must fix (configuration, a handler,
 * the body parser) is 5xx, so the delivery survives until the fix is deployed.
 */
export const webhookErrorStatus: Readonly<Record<WebhookErrorCode, number>> = {
  missing_headers: 401,
  bad_signature: 401,
  timestamp_too_old: 401,
  timestamp_too_new: 401,
  invalid_timestamp: 401,
  invalid_secret: 500,
  no_secret: 500,
  body_not_raw: 500,
  body_already_parsed: 500,
  payload_too_large: 413,
  method_not_allowed: 405,
  invalid_json: 400,
  invalid_payload: 400,
  handler_failed: 500,
  dedupe_failed: 500,
  internal_error: 500,
};

export interface WebhookErrorDetails {
  /** Contract issues, for `invalid_payload`. */
  issues?: readonly ContractIssue[];
  /** Delivery id, once known (after verification). */
  deliveryId?: string;
  /** Event name, once known (after parsing). */
  event?: string;
  /**
   * What may be sent back to the caller. Defaults to `message`; differs when the message holds
   * details the sender must not see (a handler's own error text).
   */
  publicMessage?: string;
  cause?: unknown;
}

/**
 * The one error type of this package. `code` says what happened, `status` is the HTTP status the
 * adapters answer with, and `message` says what to change. Messages never contain secrets.
 */
export class WebhookError extends Error {
  override readonly name = 'WebhookError';
  readonly code: WebhookErrorCode;
  readonly status: number;
  readonly issues: readonly ContractIssue[];
  readonly deliveryId: string | undefined;
  readonly event: string | undefined;
  readonly publicMessage: string;

  constructor(code: WebhookErrorCode, message: string, details: WebhookErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    this.status = webhookErrorStatus[code];
    this.issues = details.issues ?? [];
    this.deliveryId = details.deliveryId;
    this.event = details.event;
    this.publicMessage = details.publicMessage ?? message;
  }

  /** True for failures the sender should retry (the receiver's side must change, not the request). */
  get retryable(): boolean {
    return this.status >= 500;
  }
}

export function isWebhookError(value: unknown): value is WebhookError {
  return value instanceof WebhookError;
}
