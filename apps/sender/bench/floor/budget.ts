// The arithmetic of the verdict, per rep (see the README's "The floor" section).
//
// Budget: while BullMQ ran, the machine gave its four processes (worker, Redis, receiver, load
// generator) `bullmqTotal` µs of CPU per event. Twice BullMQ's rate with the same CPU leaves half
// of it per event. The receiver still needs its share at any rate, and taskhooks' load generator
// (HTTP publishBatch) needs its own, so what remains is the sender's, store server included:
//   budget(k× BullMQ) = bullmqTotal / k − receiver − HTTP ingest load generator
// The CPU the processes actually used is the measure, not cores × wall time: on a shared VM the
// wall-clock figure swings with the neighbours (softirq, steal, other tenants), the used CPU less.
//
// Floor: the CPU one event cannot do without, summed from the separately measured steps. "Without
// HTTP ingest" takes the event as its share of a parsed batch body; "with" adds the HTTP server.
import type { IngestCost } from './ingest-cost.js';
import type { MicroCosts } from './micro-costs.js';
import type { PostgresFloorCost } from './postgres-floor.js';
import { type BullmqCost, bullmqTotalUs, type RawSendCost } from './send-costs.js';
import type { SqliteFloorCost } from './sqlite-floor.js';

export interface RepCosts {
  raw: RawSendCost;
  bullmq: BullmqCost;
  ingest: IngestCost;
  micro: MicroCosts;
  sqlite: SqliteFloorCost;
  postgres: PostgresFloorCost;
}

export interface Verdict {
  budget2x: number;
  budget1x: number;
  sqliteFloor: number;
  sqliteFloorWithIngest: number;
  postgresFloor: number;
  postgresFloorWithIngest: number;
}

export function budgetFor(costs: RepCosts, timesBullmq: number): number {
  return bullmqTotalUs(costs.bullmq) / timesBullmq - costs.bullmq.receiverUs - costs.ingest.loadGeneratorUs;
}

/** Validation, serialising the payload once, signing and the undici send: needed on any store. */
function sendingWorkUs(costs: RepCosts): number {
  return costs.micro.validateUs + costs.micro.stringifyUs + costs.micro.signUs + costs.raw.senderUs;
}

export function sqliteStoreUs(costs: RepCosts): number {
  return costs.sqlite.publishUs + costs.sqlite.completeUs;
}

export function postgresStoreUs(costs: RepCosts): number {
  return costs.postgres.clientUs + costs.postgres.serverUs;
}

export function verdict(costs: RepCosts): Verdict {
  const withoutIngest = sendingWorkUs(costs) + costs.micro.parseShareUs;
  const withIngest = sendingWorkUs(costs) + costs.ingest.serverUs;
  return {
    budget2x: budgetFor(costs, 2),
    budget1x: budgetFor(costs, 1),
    sqliteFloor: withoutIngest + sqliteStoreUs(costs),
    sqliteFloorWithIngest: withIngest + sqliteStoreUs(costs),
    postgresFloor: withoutIngest + postgresStoreUs(costs),
    postgresFloorWithIngest: withIngest + postgresStoreUs(costs),
  };
}
