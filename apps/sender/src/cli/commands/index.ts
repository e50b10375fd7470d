import type { CommandSpec, OptionSpecs } from '../args/command-spec.js';
import { deliveriesCommand } from './deliveries.js';
import { listenCommand } from './listen.js';
import { migrateCommand } from './migrate.js';
import { recoverCommand } from './recover.js';
import { redeliverCommand } from './redeliver.js';
import { serveCommand } from './serve.js';
import { triggerCommand } from './trigger.js';
import { workerCommand } from './worker.js';

/** Every command, in the order `taskhooks --help` lists them. */
export const commands = [
  serveCommand,
  workerCommand,
  migrateCommand,
  listenCommand,
  triggerCommand,
  deliveriesCommand,
  redeliverCommand,
  recoverCommand,
] as unknown as readonly CommandSpec<OptionSpecs>[];
