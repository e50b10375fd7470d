import { z } from 'zod';
import { ConfigError } from '../config/env.js';

const positive = z.coerce.number({ error: 'expected a number' }).positive('expected a positive number');

/**
 * Settings of the management API that the shared config schema does not carry (yet): read from
 * the environment, validated like the rest, each error naming its variable.
 */
const apiSettingsSchema = z.object({
  /** CIDRs and host names endpoints may use whatever the mode (e.g. `10.20.0.0/16,*.corp.example`). */
  TASKHOOKS_DESTINATION_ALLOWLIST: z.string().optional(),
  /** Default overlap of a rotated-out signing secret. */
  TASKHOOKS_SECRET_OVERLAP_HOURS: z.coerce.number({ error: 'expected hours' }).min(0).max(720).default(24),
  /** `off` disables per-key rate limiting (e.g. behind a gateway that already limits). */
  TASKHOOKS_RATE_LIMIT: z.enum(['on', 'off']).default('on'),
  TASKHOOKS_RATE_LIMIT_PUBLISH_PER_SECOND: positive.default(2000),
  TASKHOOKS_RATE_LIMIT_PUBLISH_BURST: positive.default(4000),
  TASKHOOKS_RATE_LIMIT_MANAGEMENT_PER_SECOND: positive.default(50),
  TASKHOOKS_RATE_LIMIT_MANAGEMENT_BURST: positive.default(100),
});

export type ApiSettings = z.output<typeof apiSettingsSchema>;

export function loadApiSettings(env: Record<string, string | undefined>): ApiSettings {
  const relevant = Object.fromEntries(
    Object.entries(env).filter(([key, value]) => key in apiSettingsSchema.shape && value !== ''),
  );
  const result = apiSettingsSchema.safeParse(relevant);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration in environment variables:\n${lines.join('\n')}`);
  }
  return result.data;
}
