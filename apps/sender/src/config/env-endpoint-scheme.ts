import type { StoredScheme } from '../store/types.js';
import type { SenderConfig } from './env.js';

// Apart from env-endpoint.ts so that loadConfig can check it without importing the secret sealing.
/** The signature scheme WEBHOOK_SCHEME (and, for hmac-sha256-hex, WEBHOOK_*_HEADER) describe. */
export function envEndpointScheme(
  config: Pick<SenderConfig, 'WEBHOOK_SCHEME' | 'WEBHOOK_SIGNATURE_HEADER' | 'WEBHOOK_EVENT_HEADER'>,
): StoredScheme {
  if (config.WEBHOOK_SCHEME !== 'hmac-sha256-hex') return { scheme: config.WEBHOOK_SCHEME };
  return {
    scheme: 'hmac-sha256-hex',
    ...(config.WEBHOOK_SIGNATURE_HEADER ? { signatureHeader: config.WEBHOOK_SIGNATURE_HEADER } : {}),
    ...(config.WEBHOOK_EVENT_HEADER ? { eventHeader: config.WEBHOOK_EVENT_HEADER } : {}),
  };
}
