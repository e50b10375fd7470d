import { afterEach, describe, expect, it } from 'vitest';
import { killAllSenderProcesses } from '../../src/testing/sender-process.js';
import type { FaultResult } from '../result-types.js';
import { faultScenarios } from './index.js';

/**
 * The fault scenarios of the reliability suite at CI scale (reduced counts; the `full` figures
 * come from `pnpm test:reliability`). Each must account for every acknowledged event (lost = 0)
 * and show its own fault's signature. Runs in about 2–3 minutes on two shared cores.
 */
const results = new Map<string, FaultResult>();
async function runAtCiScale(name: string): Promise<FaultResult> {
  const scenario = faultScenarios.find((s) => s.name === name);
  if (!scenario) throw new Error(`no fault scenario ${name}`);
  const result = await scenario.run({ scale: 'ci' });
  console.log(`[fault ${name}] ${JSON.stringify(result)}`);
  results.set(name, result);
  return result;
}

afterEach(() => killAllSenderProcesses());

function expectNothingLost(result: FaultResult) {
  expect(result.published).toBeGreaterThan(0);
  expect(result.lost).toBe(0);
  expect(result.delivered).toBe(result.published);
}

describe('fault scenarios (CI scale)', () => {
  it('lists every fault of issue 8 once, in order', () => {
    expect(faultScenarios.map((s) => s.name)).toEqual([
      'sigkill-sender-sqlite',
      'sigkill-worker-postgres',
      'postgres-connections-lost',
      'sqlite-disk-full',
      'chaos-receiver',
      'slow-endpoint-isolation',
    ]);
  });

  it('SIGKILL of the sender (SQLite) mid-load: restart drains, duplicates within the in-flight bound', async () => {
    const result = await runAtCiScale('sigkill-sender-sqlite');
    expectNothingLost(result);
    expect(result.duplicates).toBeLessThanOrEqual(Number(result.extra?.duplicateBound));
    expect(Number(result.extra?.acknowledgedAtKill)).toBeLessThan(result.published);
    expect(result.extra).toMatchObject({ failedDeliveries: 0, publishAfterRecovery: 200 });
  }, 120_000);

  it('SIGKILL of one of two PostgreSQL workers: the survivor drains', async () => {
    const result = await runAtCiScale('sigkill-worker-postgres');
    expectNothingLost(result);
    expect(result.extra).toMatchObject({ failedDeliveries: 0, survivorExitCode: 0 });
    expect(Number(result.extra?.survivorAttempts)).toBeGreaterThan(0);
  }, 120_000);

  it('PostgreSQL connections killed and refused: the sender reconnects, /readyz goes 503 then 200, publish says 503', async () => {
    const result = await runAtCiScale('postgres-connections-lost');
    expectNothingLost(result);
    expect(String(result.extra?.readiness)).toMatch(/^200→.*503.*→200$/);
    expect(Number(result.extra?.connectionsKilled)).toBeGreaterThan(0);
    // Every refused publish was a clear 503, never an opaque 500 or a dropped connection.
    expect(result.extra).toMatchObject({
      publishOtherFailures: 0,
      senderSurvived: 1,
      senderExitCode: 0,
      failedDeliveries: 0,
    });
  }, 150_000);

  it('SQLite disk full: publish answers 503 naming SQLITE_FULL; after space is freed everything acknowledged arrives', async (context) => {
    const result = await runAtCiScale('sqlite-disk-full');
    if (result.extra?.skipped) context.skip(result.notes?.join('; '));
    expectNothingLost(result);
    expect(result.extra).toMatchObject({
      restStatusWhenFull: 503,
      restCodeWhenFull: 'unavailable',
      otherFailedCalls: 0,
      publishAfterSpaceFreed: 200,
      failedDeliveries: 0,
    });
    expect(Number(result.extra?.unavailableAnswers)).toBeGreaterThan(0);
    expect(result.notes?.[0]).toContain('the disk holding the database is full (SQLITE_FULL)');
  }, 150_000);

  it('chaos receiver: every delivery ends as its policy says, every attempt logged, no overlap, nothing stuck', async () => {
    const result = await runAtCiScale('chaos-receiver');
    const extra = result.extra ?? {};
    expect(result.lost).toBe(0);
    expect(result.delivered + Number(extra.failedAsPolicy)).toBe(result.published);
    expect(result.duplicates).toBe(0);
    expect(extra).toMatchObject({
      wrongOutcome: 0,
      unloggedOrExtraAttempts: 0,
      attemptRecordMismatches: 0,
      overlappingRequests: 0,
      retryAfterIgnored: 0,
      inFlightAfterDrain: 0,
      receiverOpenAfterDrain: 0,
      senderExitCode: 0,
    });
    expect(Number(extra.maxExcerptBytes)).toBeLessThanOrEqual(4096);
    expect(Number(extra.hugeExcerptsCapped)).toBeGreaterThan(0);
    for (const behaviour of [
      'ok',
      'server_error',
      'rate_limited',
      'rejected',
      'hang',
      'reset',
      'slow_bytes',
      'huge_ok',
      'huge_error',
    ])
      expect(Number(extra[`behaviour_${behaviour}`]), behaviour).toBeGreaterThan(0);
  }, 200_000);

  it('slow-endpoint isolation: the healthy half completes while the other half hangs (ratio reported, not asserted)', async () => {
    const result = await runAtCiScale('slow-endpoint-isolation');
    expectNothingLost(result);
    expect(Number(result.extra?.throughputRatio)).toBeGreaterThan(0);
  }, 150_000);
});
