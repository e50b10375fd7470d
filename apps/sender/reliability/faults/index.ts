import type { FaultScenario } from '../result-types.js';
import * as chaosReceiver from './chaos-receiver-deliveries.js';
import * as postgresConnections from './postgres-connections-lost.js';
import * as sigkillSenderSqlite from './sigkill-sender-sqlite.js';
import * as sigkillWorkerPostgres from './sigkill-worker-postgres.js';
import * as slowEndpointIsolation from './slow-endpoint-isolation.js';
import * as sqliteDiskFull from './sqlite-disk-full.js';

/** The fault scenarios of issue 8, in the order of the suite's summary table. */
export const faultScenarios: readonly FaultScenario[] = [
  { name: 'sigkill-sender-sqlite', run: sigkillSenderSqlite.run },
  { name: 'sigkill-worker-postgres', run: sigkillWorkerPostgres.run },
  { name: 'postgres-connections-lost', run: postgresConnections.run },
  { name: 'sqlite-disk-full', run: sqliteDiskFull.run },
  { name: 'chaos-receiver', run: chaosReceiver.run },
  { name: 'slow-endpoint-isolation', run: slowEndpointIsolation.run },
];
