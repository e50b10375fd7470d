import { z } from 'zod';
import { MAX_PAGE_SIZE } from './limits.js';

/** A UTF-16 surrogate without its partner: not a character, and no UTF-8 encoding holds it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Text the sender stores or looks up: PostgreSQL cannot hold a NUL character (SQLite can), and
 * neither database keeps a lone surrogate (PostgreSQL failed the call, and others committed with
 * it; SQLite stored U+FFFD instead), so both are refused by name rather than stored changed or
 * answered with a database error.
 */
export const storableText = () =>
  z
    .string()
    .refine((value) => !value.includes('\u0000'), {
      error: 'must not contain NUL characters (\\u0000)',
    })
    .refine((value) => !LONE_SURROGATE.test(value), {
      error: 'must be well-formed Unicode: contains a lone surrogate (\\ud800–\\udfff without its pair)',
    });

/** Ids are opaque strings (UUID v7 for what the sender creates; tenants choose their own). */
export const idSchema = (what: string) => storableText().min(1).max(200).describe(`The ${what} id.`);

export const tenantIdInput = storableText()
  .min(1)
  .max(200)
  .optional()
  .describe('Tenant to act on. Required with an admin key; with a tenant key it may only name that tenant.');

/** Epoch milliseconds or an ISO 8601 date-time with offset; always answered as epoch milliseconds. */
export const timeInput = (what: string) =>
  z
    .union([z.number().int().nonnegative(), z.iso.datetime({ offset: true })])
    .transform((value) => (typeof value === 'number' ? value : Date.parse(value)))
    .describe(`${what}: epoch milliseconds or an ISO 8601 date-time (e.g. 2026-05-01T00:00:00Z).`);

export const pageInput = {
  cursor: z
    .string()
    .min(1)
    .max(500)
    .nullish()
    .describe('`nextCursor` of the previous page; omit for the first (newest) page.'),
  limit: z
    .number()
    .int()
    .min(1)
    .max(MAX_PAGE_SIZE)
    .default(50)
    .describe(`Page size, 1–${MAX_PAGE_SIZE} (default 50).`),
};

export const nextCursorOutput = z
  .string()
  .nullable()
  .describe('Pass as `cursor` to get the next (older) page; null on the last page.');

export const epochMs = (what: string) => z.number().int().describe(`${what}, epoch milliseconds.`);
