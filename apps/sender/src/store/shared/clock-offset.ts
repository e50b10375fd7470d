/**
 * How far a database server's clock is from this process's clock. Leases are written and compared
 * with each worker's own clock, so workers sharing one PostgreSQL must agree on the time: the
 * database's clock is the one reference every worker can read.
 */
export interface ClockOffset {
  /** The database's clock minus this process's clock, in ms (positive: the database is ahead). */
  offsetMs: number;
  /** Round trip of the sample the offset comes from: the offset is exact to within half of it. */
  roundTripMs: number;
}

/** The database server's wall clock in epoch milliseconds (clock_timestamp: not the transaction's start). */
export const DATABASE_CLOCK_SQL = 'SELECT (extract(epoch FROM clock_timestamp()) * 1000)::float8 AS ms';

/**
 * Samples the database clock a few times and keeps the sample with the shortest round trip: the
 * first query may also wait for a new connection, which says nothing about the clocks.
 */
export async function measureClockOffset(
  readDatabaseMs: () => Promise<number>,
  clock: () => number,
  samples = 3,
): Promise<ClockOffset> {
  let best: ClockOffset | null = null;
  for (let i = 0; i < samples; i++) {
    const sent = clock();
    const databaseMs = await readDatabaseMs();
    const received = clock();
    const roundTripMs = received - sent;
    if (best === null || roundTripMs < best.roundTripMs) {
      best = { offsetMs: Math.round(databaseMs - (sent + received) / 2), roundTripMs };
    }
  }
  return best!;
}
