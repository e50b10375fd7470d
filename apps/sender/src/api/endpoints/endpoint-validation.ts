import { isModelId, listEvents, modelIds } from '@taskhooks/contracts';
import type { retryInput } from '@taskhooks/sender-client';
import type { z } from 'zod';
import { CustomHeaderError, validateCustomHeaders } from '../../delivery/custom-headers.js';
import { getPreset } from '../../delivery/presets.js';
import { findSchemeHeaderIssues, schemeHeaderNames } from '../../delivery/scheme-headers.js';
import { SenderError } from '../../errors/sender-errors.js';
import { DestinationBlockedError, validateEndpointUrl } from '../../security/ssrf-guard.js';
import type { RetryPolicy, StoredScheme } from '../../store/types.js';
import type { ManagementServices } from '../context.js';

/** Checks the URL against the destination policy of the configured mode; 400 on `url` otherwise. */
export async function checkUrl(url: string, services: ManagementServices): Promise<void> {
  try {
    await validateEndpointUrl(url, services.destinationPolicy, {
      ...(services.resolveHost ? { resolve: services.resolveHost } : {}),
      // A name that does not resolve yet is fine while developing; production wants it real now.
      allowUnresolvable: services.destinationPolicy.mode === 'development',
    });
  } catch (error) {
    if (error instanceof DestinationBlockedError) {
      throw new SenderError('invalid_request', `url: ${error.message}`, [
        { path: 'url', code: `url_${error.reason}`, message: error.message },
      ]);
    }
    const code = (error as { code?: unknown } | null)?.code;
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
      throw new SenderError('invalid_request', 'url: host name does not resolve', [
        { path: 'url', code: 'url_unresolvable', message: 'host name does not resolve' },
      ]);
    }
    throw error;
  }
}

/** The model must be known; each filter entry an event of it or a `prefix.*` matching one. */
export function checkModelAndEvents(model: string, events: readonly string[]): void {
  if (!isModelId(model)) {
    throw new SenderError('unknown_model', `Unknown model "${model}". Known models: ${modelIds.join(', ')}`, [
      { path: 'model', code: 'unknown_model', message: `known models: ${modelIds.join(', ')}` },
    ]);
  }
  const known: string[] = listEvents(model);
  const issues = events.flatMap((entry, i) => {
    if (entry === '*' || known.includes(entry)) return [];
    if (entry.endsWith('.*') && known.some((event) => event.startsWith(entry.slice(0, -1)))) return [];
    const why = entry.endsWith('.*')
      ? `no event of ${model} starts with "${entry.slice(0, -1)}"`
      : `unknown event`;
    return [
      { path: `events.${i}`, code: 'unknown_event', message: `${why}; valid events: ${known.join(', ')}` },
    ];
  });
  if (issues.length > 0) {
    throw new SenderError(
      'invalid_request',
      `events: ${issues.length} unknown event name(s) for model ${model}; valid events: ${known.join(', ')}`,
      issues,
    );
  }
}

/** The header names a scheme writes follow the custom-header rules and differ from each other. */
export function checkSchemeHeaders(scheme: StoredScheme): void {
  const issues = findSchemeHeaderIssues(scheme);
  if (issues.length === 0) return;
  throw new SenderError(
    'invalid_request',
    issues.map((issue) => `scheme.${issue.field}: ${issue.reason}`).join('; '),
    issues.map((issue) => ({
      path: `scheme.${issue.field}`,
      code: 'invalid_header',
      message: issue.reason,
    })),
  );
}

/** Validates custom headers for the scheme; errors name each header, never its value. */
export function checkHeaders(headers: Record<string, string>, scheme: StoredScheme): Record<string, string> {
  try {
    const valid = validateCustomHeaders(headers, { reservedNames: schemeHeaderNames(scheme) });
    if (scheme.scheme === 'header-auth' && Object.keys(valid).length === 0) {
      throw new SenderError('invalid_request', 'headers: header-auth needs at least one custom header', [
        {
          path: 'headers',
          code: 'too_small',
          message: 'header-auth authenticates with these headers; add one',
        },
      ]);
    }
    return valid;
  } catch (error) {
    if (!(error instanceof CustomHeaderError)) throw error;
    throw new SenderError(
      'invalid_request',
      error.message,
      error.issues.map((issue) => ({
        path: issue.header === '(headers)' ? 'headers' : `headers.${issue.header}`,
        code: 'invalid_header',
        message: issue.reason,
      })),
    );
  }
}

/** A preset (with its documented timeout) or a custom policy. */
export function resolveRetry(retry: z.output<typeof retryInput>): { policy: RetryPolicy; timeoutMs: number } {
  if ('preset' in retry) return getPreset(retry.preset);
  return { policy: { ...retry.custom }, timeoutMs: getPreset('default').timeoutMs };
}

export function checkTimeout(timeoutMs: number, maxTimeoutMs: number): number {
  if (timeoutMs > maxTimeoutMs) {
    throw new SenderError(
      'invalid_request',
      `timeoutMs: ${timeoutMs} exceeds the maximum of ${maxTimeoutMs}`,
      [
        {
          path: 'timeoutMs',
          code: 'too_big',
          message: `at most ${maxTimeoutMs} ms (TASKHOOKS_MAX_TIMEOUT_MS)`,
        },
      ],
    );
  }
  return timeoutMs;
}
