import type { FuzzResult, ReliabilityScale } from '../result-types.js';
import { fuzzApiBodies } from './api-bodies.js';
import { fuzzEndpointInputs } from './endpoint-inputs.js';
import { fuzzPublishPayloads } from './publish-payloads.js';
import { fuzzReceiverSdk } from './receiver-sdk.js';

export interface FuzzTarget {
  name: string;
  run(scale: ReliabilityScale, seed: number): Promise<FuzzResult>;
}

/** Every fuzz target of the suite, in the order the summary lists them. */
export const fuzzTargets: FuzzTarget[] = [
  { name: 'publish payloads', run: fuzzPublishPayloads },
  { name: 'endpoint inputs', run: fuzzEndpointInputs },
  { name: 'tRPC/REST bodies', run: fuzzApiBodies },
  { name: 'receiver SDK', run: fuzzReceiverSdk },
];
