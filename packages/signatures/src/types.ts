/** The raw request body exactly as it travels on the wire. Parsed objects are rejected (`body_not_raw`). */
export type WebhookBody = string | Uint8Array;

/** Web `Headers` or a Node-style `IncomingHttpHeaders` object; lookups are case-insensitive. */
export type HeaderBag = Headers | Record<string, string | string[] | undefined>;

export type SchemeConfig =
  | { scheme: 'standard-webhooks' }
  | { scheme: 'hmac-sha256-hex'; signatureHeader?: string; eventHeader?: string }
  | { scheme: 'token-hash'; tokenHashHeader?: string; eventHeader?: string }
  | { scheme: 'header-auth'; headers: Record<string, string> };

export type SchemeName = SchemeConfig['scheme'];

export interface SignRequestInput {
  scheme: SchemeConfig;
  /** Unique message id (Standard Webhooks `webhook-id`); the same id on every retry. */
  id: string;
  /** Unix seconds. */
  timestamp: number;
  event: string;
  body: WebhookBody;
  /** Signing secrets or tokens; all active ones during rotation (the first one is the current one). */
  secrets: readonly string[];
}

export interface VerifyRequestInput {
  scheme: SchemeConfig;
  headers: HeaderBag;
  body: WebhookBody;
  secrets: readonly string[];
  /** Allowed clock difference in both directions (Standard Webhooks only). Default 300. */
  toleranceSeconds?: number;
  /** Current time in milliseconds; defaults to `Date.now`. */
  now?: () => number;
}

export interface VerifiedRequest {
  scheme: SchemeName;
  id?: string;
  timestamp?: number;
  event?: string;
}

/** Lower-case header name → value, ready to merge into an outgoing request. */
export type SignedHeaders = Record<string, string>;
