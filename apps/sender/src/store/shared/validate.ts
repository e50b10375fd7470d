import { StoreError } from './errors.js';

/** Small guards for values that reach SQL; the API layer validates shapes, these catch programming errors. */

export function requireId(field: string, value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 200) {
    throw new StoreError('invalid_input', `${field}: must be a non-empty string of at most 200 characters`);
  }
  return value;
}

export function requireTime(field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new StoreError('invalid_input', `${field}: must be epoch milliseconds (non-negative integer)`);
  }
  return value;
}

export function requirePositiveInt(field: string, value: unknown, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1 || value > max) {
    throw new StoreError('invalid_input', `${field}: must be an integer from 1 to ${max}`);
  }
  return value;
}

export function requireString(field: string, value: unknown): string {
  if (typeof value !== 'string') throw new StoreError('invalid_input', `${field}: must be a string`);
  return value;
}
