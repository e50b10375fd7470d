/**
 * How many deliveries wait (pending) or are being attempted (in_flight), read through the partial
 * indexes that hold only unfinished rows (deliveries_due, deliveries_leases). Its cost follows the
 * queue, not the retained history: a `/metrics` scrape runs it, and counting by state over the
 * whole table took 77–130 ms per scrape at 500k retained rows on SQLite, on the event loop.
 * The same SQL on both backends (CAST because PostgreSQL's COUNT is a bigint, which pg reads as a string).
 */
export const COUNT_QUEUED_DELIVERIES = `
  SELECT
    (SELECT CAST(COUNT(*) AS INTEGER) FROM deliveries WHERE state = 'pending') AS pending,
    (SELECT CAST(COUNT(*) AS INTEGER) FROM deliveries WHERE state = 'in_flight') AS in_flight`;

export interface QueuedDeliveryCounts {
  pending: number;
  in_flight: number;
}
