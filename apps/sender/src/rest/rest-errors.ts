import { getTRPCErrorFromUnknown } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { z } from 'zod';
import { RateLimitedError } from '../api/rate-limit.js';
import { zodIssuesOf } from '../api/trpc.js';
import { httpStatusOf, SenderError } from '../errors/sender-errors.js';

/** The one error body of the REST API (and of the sender's non-tRPC routes). */
export const restErrorSchema = z
  .object({
    error: z.object({
      code: z
        .string()
        .describe(
          'Stable reason: invalid_request, invalid_payload, unknown_model, unauthorized, forbidden, not_found, conflict, payload_too_large, rate_limited, unavailable (503: the database cannot take the call now), …',
        ),
      message: z.string().describe('What went wrong, naming the field.'),
      issues: z
        .array(
          z.object({
            path: z
              .string()
              .describe('Dotted path of the offending field (`events.0`); empty for the whole request.'),
            message: z.string(),
            code: z.string().optional(),
          }),
        )
        .describe('One entry per offending field.'),
    }),
  })
  .describe('An error.');

export type RestErrorBody = z.output<typeof restErrorSchema>;

export interface RestError {
  status: number;
  body: RestErrorBody;
  headers: Record<string, string>;
}

export function restError(
  status: number,
  code: string,
  message: string,
  issues: RestErrorBody['error']['issues'] = [],
): RestError {
  return { status, body: { error: { code, message, issues } }, headers: {} };
}

/**
 * Maps whatever a procedure threw to the REST error shape: SenderErrors keep their code and
 * issues, input validation lists each field, anything unexpected is a 500 whose message reveals
 * nothing internal.
 */
export function toRestError(thrown: unknown): RestError {
  if (thrown instanceof SenderError) return fromSenderError(thrown);
  const error = getTRPCErrorFromUnknown(thrown);
  if (error.cause instanceof SenderError) return fromSenderError(error.cause);
  const zodIssues = zodIssuesOf(error.cause);
  if (zodIssues) {
    const summary = zodIssues.map((issue) => `${issue.path || '(request)'}: ${issue.message}`).join('; ');
    return restError(400, 'invalid_request', `invalid request: ${summary}`, zodIssues);
  }
  const status = getHTTPStatusCodeFromError(error);
  if (status >= 500 && error.code === 'INTERNAL_SERVER_ERROR') {
    return restError(500, 'internal_error', 'internal error; the sender logged the details');
  }
  return restError(status, error.code.toLowerCase(), error.message);
}

function fromSenderError(error: SenderError): RestError {
  const result = restError(
    httpStatusOf[error.code],
    error.code,
    error.message,
    error.issues.map((issue) => ({ path: issue.path, message: issue.message, code: issue.code })),
  );
  // A 429 tells the client when to come back (RFC 9110 §10.2.3), in whole seconds.
  if (error instanceof RateLimitedError) result.headers['retry-after'] = String(error.retryAfterSeconds);
  return result;
}
