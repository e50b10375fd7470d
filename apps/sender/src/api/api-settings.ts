import { envSchema, parseEnv, type SenderConfig } from '../config/env.js';

/** The management API's settings: part of the one validated config (src/config/env.ts). */
export const apiSettingsSchema = envSchema.pick({
  TASKHOOKS_DESTINATION_ALLOWLIST: true,
  TASKHOOKS_SECRET_OVERLAP_HOURS: true,
  TASKHOOKS_RATE_LIMIT: true,
  TASKHOOKS_RATE_LIMIT_PUBLISH_PER_SECOND: true,
  TASKHOOKS_RATE_LIMIT_PUBLISH_BURST: true,
  TASKHOOKS_RATE_LIMIT_MANAGEMENT_PER_SECOND: true,
  TASKHOOKS_RATE_LIMIT_MANAGEMENT_BURST: true,
});

export type ApiSettings = Pick<SenderConfig, keyof typeof apiSettingsSchema.shape>;

/** The settings as loaded with the rest of the config. */
export function apiSettingsOf(config: SenderConfig): ApiSettings {
  const keys = Object.keys(apiSettingsSchema.shape) as (keyof ApiSettings)[];
  return Object.fromEntries(keys.map((key) => [key, config[key]])) as ApiSettings;
}

/**
 * Re-reads the settings from an explicit environment (createSenderApp's `env` option), validated by
 * the same schema: kept so callers that pass `env` separately from `config` behave as before.
 */
export function loadApiSettings(env: Record<string, string | undefined>): ApiSettings {
  return parseEnv(apiSettingsSchema, env);
}
