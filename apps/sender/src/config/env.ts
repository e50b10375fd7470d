import { isModelId, modelIds } from '@taskhooks/contracts';
import { RETRY_PRESET_NAMES, urlInput } from '@taskhooks/sender-client';
import { z } from 'zod';
import { findCustomHeaderIssues } from '../delivery/custom-headers.js';
import { findSchemeHeaderIssues, schemeHeaderNames } from '../delivery/scheme-headers.js';
import { MIN_LEASE_MARGIN_MS } from '../delivery/worker-api.js';
import { operatorEndpointProblem } from '../operator/operator-config.js';
import { parseFrameAncestors } from '../portal/frame-ancestors.js';
import { signingSecretProblem } from '../security/signing-secret.js';
import type { StoredScheme } from '../store/types.js';
import { envEndpointScheme } from './env-endpoint-scheme.js';

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'expected true or false' })
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const positive = z.coerce.number({ error: 'expected a number' }).positive('expected a positive number');

const headerName = z
  .string()
  .regex(/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/, 'expected an HTTP header name, e.g. X-Taskhooks-Signature');

const positiveInt = z.coerce
  .number({ error: 'expected a number' })
  .int('expected a whole number')
  .positive('expected a positive number');

const jsonHeaders = z.string().transform((text, ctx) => {
  try {
    const value = JSON.parse(text) as unknown;
    if (
      value &&
      typeof value === 'object' &&
      !Array.isArray(value) &&
      Object.values(value).every((v) => typeof v === 'string')
    ) {
      return value as Record<string, string>;
    }
  } catch {}
  ctx.addIssue({
    code: 'custom',
    message: 'expected a JSON object of header name → string value, e.g. {"Authorization":"Bearer …"}',
  });
  return z.NEVER;
});

/** Every setting of the sender, read from the environment and validated at start-up. */
export const envSchema = z.object({
  TASKHOOKS_MODE: z.enum(['development', 'production']).default('development'),
  TASKHOOKS_DATA_DIR: z.string().min(1).default('.taskhooks'),
  DATABASE_URL: z
    .string()
    .regex(
      /^postgres(ql)?:\/\//,
      'expected a postgres:// connection string (leave unset for embedded SQLite)',
    )
    // Checked here so a typo is a configuration error naming the variable, not a bare "Invalid URL"
    // from the driver; the value is never echoed (it may hold a password).
    // node-postgres retries `user@/db?host=/socket` with a placeholder host: accept what it accepts.
    .refine((value) => URL.canParse(value) || URL.canParse(value.replace('@/', '@localhost/')), {
      error:
        'not a valid URL, e.g. postgres://user:password@host:5432/database (percent-encode special characters)',
    })
    .optional(),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce
    .number({ error: 'expected a port number' })
    .int('expected a whole port number')
    .min(0, 'expected a port number from 0 (any free port) to 65535')
    .max(65535, 'expected a port number from 0 (any free port) to 65535')
    .default(8787),
  // `taskhooks worker` only: where it serves /livez, /readyz and /metrics (unset: no listener).
  TASKHOOKS_WORKER_PROBE_PORT: z.coerce
    .number({ error: 'expected a port number' })
    .int('expected a whole port number')
    .min(0, 'expected a port number from 0 (any free port) to 65535')
    .max(65535, 'expected a port number from 0 (any free port) to 65535')
    .optional(),
  TASKHOOKS_ADMIN_KEY: z.string().min(24, 'must be at least 24 characters').optional(),
  TASKHOOKS_MAX_PAYLOAD_BYTES: positiveInt.default(256 * 1024),
  TASKHOOKS_RETENTION_DAYS: z.coerce.number({ error: 'expected a number of days' }).positive().default(7),
  // Finished delivery rows and their messages (the log's skeleton once attempts and payloads are
  // gone). Unset: 30, or TASKHOOKS_RETENTION_DAYS when that is longer.
  TASKHOOKS_RECORD_RETENTION_DAYS: z.coerce
    .number({ error: 'expected a number of days' })
    .positive()
    .optional(),
  TASKHOOKS_WORKER_CONCURRENCY: positiveInt.default(64),
  TASKHOOKS_WORKER_BATCH: positiveInt.default(256),
  // Requests in flight per endpoint (of TASKHOOKS_WORKER_CONCURRENCY): what one slow endpoint can hold.
  TASKHOOKS_MAX_IN_FLIGHT_PER_ENDPOINT: positiveInt.default(8),
  TASKHOOKS_MAX_TIMEOUT_MS: positiveInt.default(30_000),
  // How long a claimed delivery stays leased; a crashed worker's deliveries are retried after it.
  // Default: twice TASKHOOKS_MAX_TIMEOUT_MS (at least it + 2 s). Must exceed it by 2 s or more, or a
  // slow attempt's outcome could not be recorded before the lease runs out.
  TASKHOOKS_LEASE_MS: positiveInt.optional(),
  // An endpoint failing without a success for this long is disabled (with an operational event).
  TASKHOOKS_DISABLE_FAILING_AFTER_HOURS: z.coerce
    .number({ error: 'expected a number of hours' })
    .positive()
    .default(120),
  // Circuit breaker of default and custom schedules: consecutive failures that open it, and how
  // long it stays open before one probe.
  TASKHOOKS_CIRCUIT_FAILURES: positiveInt.default(5),
  TASKHOOKS_CIRCUIT_COOLDOWN_MS: positiveInt.default(30_000),
  TASKHOOKS_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // auto = pretty (pino-pretty) in development on a terminal when installed, JSON otherwise.
  TASKHOOKS_LOG_FORMAT: z.enum(['auto', 'json', 'pretty']).default('auto'),
  // When set, GET /metrics needs `Authorization: Bearer <token>`; unset = open (scrape on a private network).
  TASKHOOKS_METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  // Management API (endpoint URLs, rotation, rate limits per tenant and admin key).
  // CIDRs and host names endpoints may use whatever the mode (e.g. `10.20.0.0/16,*.corp.example`).
  TASKHOOKS_DESTINATION_ALLOWLIST: z.string().optional(),
  TASKHOOKS_SECRET_OVERLAP_HOURS: z.coerce.number({ error: 'expected hours' }).min(0).max(720).default(24),
  // `off` disables rate limiting (e.g. behind a gateway that already limits).
  TASKHOOKS_RATE_LIMIT: z.enum(['on', 'off']).default('on'),
  TASKHOOKS_RATE_LIMIT_PUBLISH_PER_SECOND: positive.default(2000),
  TASKHOOKS_RATE_LIMIT_PUBLISH_BURST: positive.default(4000),
  TASKHOOKS_RATE_LIMIT_MANAGEMENT_PER_SECOND: positive.default(50),
  TASKHOOKS_RATE_LIMIT_MANAGEMENT_BURST: positive.default(100),
  // Defaults of the seed-003 REST resource /api/webhooks (a plain {url, events} body).
  TASKHOOKS_WEBHOOKS_MODEL: z
    .string()
    .refine(isModelId, { error: `expected a model id: ${modelIds.join(', ')}` })
    .default('task_events_v1'),
  TASKHOOKS_WEBHOOKS_SIGNATURE_HEADER: headerName.default('X-Taskhooks-Signature'),
  TASKHOOKS_WEBHOOKS_EVENT_HEADER: headerName.default('X-Taskhooks-Event'),
  TASKHOOKS_WEBHOOKS_RETRY_PRESET: z.enum(RETRY_PRESET_NAMES).default('seed-003'),
  // Endpoint portal and docs served by `taskhooks serve` (see src/portal).
  // Base of the URLs in portal links (behind a proxy: its public URL); default: where the API listens.
  TASKHOOKS_PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: 'expected an absolute http(s) URL, e.g. https://hooks.example.com' })
    .optional(),
  // CSP frame-ancestors of the portal; unset: `*` in development, `'self'` in production.
  TASKHOOKS_PORTAL_FRAME_ANCESTORS: z
    .string()
    .refine((value) => parseFrameAncestors(value) !== null, {
      error: "expected CSP sources separated by spaces, e.g. https://app.example.com 'self'",
    })
    .optional(),
  // Static docs site served at /docs/; default: the repository's apps/docs/dist when built.
  TASKHOOKS_DOCS_DIR: z.string().min(1).optional(),
  // Env-only mode (seed 001): one default endpoint configured entirely by these.
  WEBHOOK_ENABLED: booleanFlag.optional(),
  // The endpoint API's own URL rules (no surrounding space, no control character), then a URL.
  WEBHOOK_URL: urlInput.pipe(z.url({ error: 'expected an absolute http(s) URL' })).optional(),
  WEBHOOK_SECRET: z.string().min(1).optional(),
  WEBHOOK_METHOD: z.enum(['POST', 'PUT', 'PATCH']).default('POST'),
  WEBHOOK_HEADERS: jsonHeaders.optional(),
  WEBHOOK_SCHEME: z
    .enum(['standard-webhooks', 'hmac-sha256-hex', 'token-hash', 'header-auth'])
    .default('standard-webhooks'),
  WEBHOOK_SIGNATURE_HEADER: z.string().min(1).optional(),
  WEBHOOK_EVENT_HEADER: z.string().min(1).optional(),
  WEBHOOK_MODEL: z.string().min(1).default('family_actions_v1'),
  WEBHOOK_TENANT: z.string().min(1).default('default'),
  // Operational webhooks (endpoint switched off, …) to the deployment's own operator endpoint.
  TASKHOOKS_OPERATOR_WEBHOOK_URL: urlInput
    .pipe(z.url({ error: 'expected an absolute http(s) URL' }))
    .optional(),
  TASKHOOKS_OPERATOR_WEBHOOK_SECRET: z.string().min(1).optional(),
});

export type SenderConfig = z.output<typeof envSchema>;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Parses the environment; the error names each bad variable and what it expects. */
export function loadConfig(env: Record<string, string | undefined> = process.env): SenderConfig {
  const config = parseEnv(envSchema, env);
  if (config.WEBHOOK_ENABLED && !config.WEBHOOK_URL) {
    throw new ConfigError(
      'Invalid configuration in environment variables:\n  WEBHOOK_URL: required when WEBHOOK_ENABLED=true',
    );
  }
  const envEndpointProblem =
    envEndpointCredentialsProblem(config) ??
    envEndpointHeadersProblem(config) ??
    operatorEndpointProblem(config);
  if (envEndpointProblem) {
    throw new ConfigError(`Invalid configuration in environment variables:\n  ${envEndpointProblem}`);
  }
  const webhookDefaultsProblem = headerNamesProblem(
    {
      scheme: 'hmac-sha256-hex',
      signatureHeader: config.TASKHOOKS_WEBHOOKS_SIGNATURE_HEADER,
      eventHeader: config.TASKHOOKS_WEBHOOKS_EVENT_HEADER,
    },
    {
      signatureHeader: 'TASKHOOKS_WEBHOOKS_SIGNATURE_HEADER',
      eventHeader: 'TASKHOOKS_WEBHOOKS_EVENT_HEADER',
    },
  );
  if (webhookDefaultsProblem) {
    throw new ConfigError(`Invalid configuration in environment variables:\n  ${webhookDefaultsProblem}`);
  }
  if (
    config.TASKHOOKS_LEASE_MS !== undefined &&
    config.TASKHOOKS_LEASE_MS < config.TASKHOOKS_MAX_TIMEOUT_MS + MIN_LEASE_MARGIN_MS
  ) {
    throw new ConfigError(
      `Invalid configuration in environment variables:\n  TASKHOOKS_LEASE_MS: must be at least TASKHOOKS_MAX_TIMEOUT_MS + ${MIN_LEASE_MARGIN_MS} (${config.TASKHOOKS_MAX_TIMEOUT_MS + MIN_LEASE_MARGIN_MS}), or a slow attempt's outcome cannot be recorded before its lease expires and another worker sends it again`,
    );
  }
  if (
    config.TASKHOOKS_RECORD_RETENTION_DAYS !== undefined &&
    config.TASKHOOKS_RECORD_RETENTION_DAYS < config.TASKHOOKS_RETENTION_DAYS
  ) {
    throw new ConfigError(
      `Invalid configuration in environment variables:\n  TASKHOOKS_RECORD_RETENTION_DAYS: must be at least TASKHOOKS_RETENTION_DAYS (${config.TASKHOOKS_RETENTION_DAYS}): a delivery row cannot go before its attempts`,
    );
  }
  return config;
}

/**
 * Validates the variables `schema` knows (unset and empty ones take their defaults); the error
 * lists every bad variable by name with what it expects.
 */
export function parseEnv<S extends z.ZodObject>(
  schema: S,
  env: Record<string, string | undefined>,
): z.output<S> {
  const relevant = Object.fromEntries(
    Object.entries(env).filter(([key, value]) => key in schema.shape && value !== ''),
  );
  const result = schema.safeParse(relevant);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration in environment variables:\n${lines.join('\n')}`);
  }
  return result.data;
}

/**
 * Env-only mode (seed 001) checks its credentials at start-up, as endpoints.create does: a secret
 * the scheme cannot sign with used to start fine and then fail every delivery unsent.
 */
function envEndpointCredentialsProblem(config: SenderConfig): string | null {
  // WEBHOOK_URL alone configures a sending endpoint too; only WEBHOOK_ENABLED=false sends nothing.
  if (config.WEBHOOK_ENABLED === false || !config.WEBHOOK_URL) return null;
  const scheme = config.WEBHOOK_SCHEME;
  if (scheme === 'header-auth') {
    if (config.WEBHOOK_SECRET !== undefined) {
      return 'WEBHOOK_SECRET: WEBHOOK_SCHEME=header-auth signs nothing; put the credentials in WEBHOOK_HEADERS instead';
    }
    if (Object.keys(config.WEBHOOK_HEADERS ?? {}).length === 0) {
      return 'WEBHOOK_HEADERS: WEBHOOK_SCHEME=header-auth needs at least one header, e.g. {"Authorization":"Bearer …"}';
    }
    return null;
  }
  if (config.WEBHOOK_SECRET === undefined) {
    return `WEBHOOK_SECRET: required with WEBHOOK_URL unless WEBHOOK_ENABLED=false (WEBHOOK_SCHEME=${scheme} signs every delivery with it)`;
  }
  const problem = signingSecretProblem(config.WEBHOOK_SECRET, scheme);
  if (problem === null) return null;
  const plainSecretHint =
    scheme === 'standard-webhooks'
      ? '; create one with `echo whsec_$(openssl rand -base64 32)`, or for a plain shared secret (an HMAC-SHA256 of the body, as in seed 001) set WEBHOOK_SCHEME=hmac-sha256-hex'
      : '';
  return `WEBHOOK_SECRET: ${problem}${plainSecretHint}`;
}

/**
 * WEBHOOK_HEADERS and the scheme's header names obey the rules endpoints.create applies: a
 * `Host` or `Content-Length` header used to start fine and then fail every delivery unsent.
 */
function envEndpointHeadersProblem(config: SenderConfig): string | null {
  if (config.WEBHOOK_ENABLED === false || !config.WEBHOOK_URL) return null;
  if (config.WEBHOOK_SCHEME !== 'hmac-sha256-hex') {
    // Ignoring them would send the signature or event name somewhere the receiver does not look.
    for (const name of ['WEBHOOK_SIGNATURE_HEADER', 'WEBHOOK_EVENT_HEADER'] as const) {
      if (config[name] !== undefined) {
        return `${name}: only WEBHOOK_SCHEME=hmac-sha256-hex uses it (WEBHOOK_SCHEME is ${config.WEBHOOK_SCHEME})`;
      }
    }
  }
  const scheme = envEndpointScheme(config);
  const schemeProblem = headerNamesProblem(scheme, {
    signatureHeader: 'WEBHOOK_SIGNATURE_HEADER',
    eventHeader: 'WEBHOOK_EVENT_HEADER',
  });
  if (schemeProblem) return schemeProblem;
  const issues = findCustomHeaderIssues(config.WEBHOOK_HEADERS ?? {}, {
    reservedNames: schemeHeaderNames(scheme),
  });
  if (issues.length === 0) return null;
  return `WEBHOOK_HEADERS: ${issues.map((issue) => `${issue.header}: ${issue.reason}`).join('; ')}`;
}

function headerNamesProblem(
  scheme: StoredScheme,
  variables: { signatureHeader: string; eventHeader: string },
): string | null {
  const issues = findSchemeHeaderIssues(scheme);
  if (issues.length === 0) return null;
  return issues
    .map(
      (issue) =>
        `${issue.field === 'eventHeader' ? variables.eventHeader : variables.signatureHeader}: ${issue.reason}`,
    )
    .join('\n  ');
}
