import type { ApiTarget } from './api-target.js';

// One command runs per process: the sender it talks to, so a failure can be explained with it.
let connected: ApiTarget | undefined;

export function setCurrentTarget(target: ApiTarget): void {
  connected = target;
}

/** The sender the command connected to, if it did (for error messages). */
export function currentTarget(): ApiTarget | undefined {
  return connected;
}
