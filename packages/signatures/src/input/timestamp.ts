import { SignatureError } from '../errors.js';

export const DEFAULT_TOLERANCE_SECONDS = 300;
// 10^11 seconds is the year 5138; anything larger is almost certainly Date.now() milliseconds.
const MAX_PLAUSIBLE_SECONDS = 1e11;

export function assertSigningTimestamp(timestamp: unknown): asserts timestamp is number {
  if (typeof timestamp !== 'number' || !Number.isSafeInteger(timestamp) || timestamp < 0) {
    throw new SignatureError(
      'invalid_timestamp',
      `timestamp must be a non-negative integer of unix seconds (Math.floor(Date.now() / 1000)), got ${String(timestamp)}.`,
    );
  }
  if (timestamp >= MAX_PLAUSIBLE_SECONDS) {
    throw new SignatureError(
      'invalid_timestamp',
      `timestamp ${timestamp} looks like milliseconds: pass unix seconds (Math.floor(Date.now() / 1000)).`,
    );
  }
}

export function parseTimestampHeader(value: string, headerName: string): number {
  const trimmed = value.trim();
  if (!/^\d+$/.test(trimmed)) {
    throw new SignatureError(
      'invalid_timestamp',
      `${headerName} must be unix seconds (digits only), got ${JSON.stringify(trimmed.slice(0, 40))}.`,
    );
  }
  const parsed = Number(trimmed);
  if (parsed >= MAX_PLAUSIBLE_SECONDS) {
    throw new SignatureError(
      'invalid_timestamp',
      `${headerName} has ${trimmed.length} digits, which looks like milliseconds: the sender must send unix seconds.`,
    );
  }
  return parsed;
}

export function resolveTolerance(toleranceSeconds: unknown): number {
  if (toleranceSeconds === undefined) return DEFAULT_TOLERANCE_SECONDS;
  if (typeof toleranceSeconds !== 'number' || !Number.isFinite(toleranceSeconds) || toleranceSeconds < 0) {
    throw new RangeError(
      `toleranceSeconds must be a finite number >= 0 (default ${DEFAULT_TOLERANCE_SECONDS}), got ${String(toleranceSeconds)}.`,
    );
  }
  return toleranceSeconds;
}

export function assertWithinTolerance(
  timestamp: number,
  nowMs: number,
  toleranceSeconds: number,
  headerName: string,
): void {
  const nowSeconds = Math.floor(nowMs / 1000);
  const age = nowSeconds - timestamp;
  if (age > toleranceSeconds) {
    throw new SignatureError(
      'timestamp_too_old',
      `${headerName} is ${age}s in the past (tolerance ${toleranceSeconds}s): reject as a possible replay; if deliveries are legitimately delayed, check the receiver's clock or raise toleranceSeconds.`,
    );
  }
  if (-age > toleranceSeconds) {
    throw new SignatureError(
      'timestamp_too_new',
      `${headerName} is ${-age}s in the future (tolerance ${toleranceSeconds}s): the sender's or the receiver's clock is wrong; sync both with NTP.`,
    );
  }
}

export function resolveNow(now: unknown): number {
  if (now === undefined) return Date.now();
  if (typeof now !== 'function') throw new TypeError('now must be a function returning milliseconds.');
  const value: unknown = now();
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new TypeError(`now() must return milliseconds as a finite number, got ${String(value)}.`);
  }
  return value;
}
