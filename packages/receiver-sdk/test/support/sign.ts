import { generateSecret, type SchemeConfig, signRequest } from '@taskhooks/signatures';

export const secret = generateSecret();
export const otherSecret = generateSecret();

export interface SignedDelivery {
  body: string;
  headers: Record<string, string>;
}

let sequence = 0;

/** A delivery signed exactly as a sender would sign it (Standard Webhooks unless told otherwise). */
export async function signDelivery(
  payload: unknown,
  options: {
    id?: string;
    timestamp?: number;
    secrets?: readonly string[];
    scheme?: SchemeConfig;
    body?: string;
  } = {},
): Promise<SignedDelivery> {
  const body = options.body ?? JSON.stringify(payload);
  const event = (payload as { event?: unknown } | null)?.event;
  const headers = await signRequest({
    scheme: options.scheme ?? { scheme: 'standard-webhooks' },
    id: options.id ?? `msg_${Date.now()}_${++sequence}`,
    timestamp: options.timestamp ?? Math.floor(Date.now() / 1000),
    event: typeof event === 'string' ? event : 'unknown',
    body,
    secrets: options.secrets ?? [secret],
  });
  return { body, headers: { 'content-type': 'application/json', ...headers } };
}
