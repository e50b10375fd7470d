// The load generators' shape, as in throughput.ts: calls of `perCall` events, `inFlight` at a time.

export const PER_CALL = 100;
export const IN_FLIGHT = 4;

/** Calls `publishOne(count)` until `events` are published, `IN_FLIGHT` calls at a time. */
export async function publishInCalls(events: number, publishOne: (count: number) => Promise<unknown>) {
  let remaining = events;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (remaining > 0) {
        const count = Math.min(PER_CALL, remaining);
        remaining -= count;
        await publishOne(count);
      }
    }),
  );
}
