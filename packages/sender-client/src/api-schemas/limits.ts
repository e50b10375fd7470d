/**
 * Limits the API enforces, published so clients can check input before sending. The sender's own
 * definitions are tested to equal these (apps/sender/src/api/schemas.test.ts).
 */
export const MAX_PAGE_SIZE = 500;
/** Custom headers per endpoint. */
export const MAX_CUSTOM_HEADERS = 32;
/** Documented retry presets an endpoint can pick (`retry: { preset }`). */
export const RETRY_PRESET_NAMES = ['default', 'seed-000', 'seed-002', 'seed-003'] as const;
export type RetryPresetName = (typeof RETRY_PRESET_NAMES)[number];
