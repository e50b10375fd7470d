import { isModelId, type ModelId, modelIds } from '@taskhooks/contracts';
import { checkSchemeSecrets, isSignatureError, type SchemeConfig } from '@taskhooks/signatures';
import { WebhookError } from '../errors/webhook-error.js';

/** One secret, or several while rotating (any of them may sign; newest first is conventional). */
export type SecretOptions =
  | { secret: string; secrets?: undefined }
  | { secrets: readonly string[]; secret?: undefined };

type HeaderAuthScheme = Extract<SchemeConfig, { scheme: 'header-auth' }>;

/**
 * Signature scheme (default Standard Webhooks) and its secrets. `header-auth` carries its
 * credentials in `scheme.headers`, so it takes no `secret`.
 */
export type SchemeOptions =
  | (SecretOptions & { scheme?: Exclude<SchemeConfig, HeaderAuthScheme> })
  | { scheme: HeaderAuthScheme; secret?: undefined; secrets?: undefined };

export type VerifyConfig<M extends ModelId> = SchemeOptions & {
  /** The contract model this endpoint receives, e.g. `'plan_bound_v2'`. */
  model: M;
  /** Largest accepted difference between the signed timestamp and now, in seconds. Default 300. */
  tolerance?: number;
  /** Largest accepted body in bytes; larger bodies get 413. Default 1 MiB. */
  maxBodyBytes?: number;
};

export interface ResolvedConfig<M extends ModelId> {
  model: M;
  scheme: SchemeConfig;
  secrets: readonly string[];
  toleranceSeconds: number;
  maxBodyBytes: number;
}

export const defaultToleranceSeconds = 300;
export const defaultMaxBodyBytes = 1024 * 1024;

/** Validates options once, up front, so a misconfigured receiver fails at start-up, not per request. */
export function resolveConfig<M extends ModelId>(
  options: VerifyConfig<M>,
  caller: string,
): ResolvedConfig<M> {
  if (!isModelId(options.model)) {
    throw new TypeError(
      `${caller}: unknown model ${JSON.stringify(options.model)}. Known models: ${modelIds.join(', ')}`,
    );
  }
  const scheme: SchemeConfig = options.scheme ?? { scheme: 'standard-webhooks' };
  const secrets = options.secrets ?? (options.secret === undefined ? [] : [options.secret]);
  if (scheme.scheme !== 'header-auth' && (!Array.isArray(secrets) || secrets.length === 0)) {
    throw new WebhookError(
      'no_secret',
      `${caller}: no secret configured. Pass \`secret\` (or \`secrets\` while rotating), e.g. from process.env.WEBHOOK_SECRET.`,
    );
  }
  secrets.forEach((secret, index) => {
    if (typeof secret !== 'string' || secret.trim() === '') {
      throw new WebhookError(
        'no_secret',
        `${caller}: secrets[${index}] is ${typeof secret === 'string' ? 'an empty string' : typeof secret}; is the environment variable set?`,
      );
    }
  });
  try {
    checkSchemeSecrets(scheme, secrets);
  } catch (error) {
    if (!isSignatureError(error)) throw error;
    throw new WebhookError(
      error.code === 'no_secret' ? 'no_secret' : 'invalid_secret',
      `${caller}: ${error.message}`,
    );
  }
  const tolerance = options.tolerance ?? defaultToleranceSeconds;
  if (typeof tolerance !== 'number' || !Number.isFinite(tolerance) || tolerance <= 0) {
    throw new TypeError(
      `${caller}: tolerance must be a positive number of seconds, got ${String(tolerance)}`,
    );
  }
  const maxBodyBytes = options.maxBodyBytes ?? defaultMaxBodyBytes;
  if (!Number.isSafeInteger(maxBodyBytes) || maxBodyBytes <= 0) {
    throw new TypeError(`${caller}: maxBodyBytes must be a positive integer, got ${String(maxBodyBytes)}`);
  }
  return {
    model: options.model,
    scheme,
    secrets: Object.freeze([...secrets]),
    toleranceSeconds: tolerance,
    maxBodyBytes,
  };
}
