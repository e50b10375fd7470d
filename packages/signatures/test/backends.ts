// Every behavioural test runs against both crypto backends: the node:crypto fast path (selected by the
// "node" condition of `#crypto`) and the Web Crypto implementation (web.ts), which must behave identically.
import * as nodeEntry from '../src/index.js';
import * as webEntry from '../src/web.js';

export type SignaturesEntry = typeof nodeEntry;

export const backends: ReadonlyArray<readonly [string, SignaturesEntry]> = [
  ['node:crypto', nodeEntry],
  ['Web Crypto', webEntry],
];

/** Runs `action` and returns the SignatureError it must throw (fails the test otherwise). */
export async function expectSignatureError(
  action: () => Promise<unknown>,
): Promise<InstanceType<SignaturesEntry['SignatureError']>> {
  try {
    await action();
  } catch (error) {
    if (error instanceof nodeEntry.SignatureError) return error;
    throw new Error(`expected a SignatureError, got ${String(error)}`);
  }
  throw new Error('expected a SignatureError, but the call succeeded');
}
