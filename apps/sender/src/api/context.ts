import type { Publisher } from '../ingest/publisher.js';
import type { Store } from '../store/types.js';

/** Who is calling: an operator (every tenant) or one tenant's backend. */
export type Caller = { kind: 'admin'; keyId: string } | { kind: 'tenant'; tenantId: string; keyId: string };

export interface ApiServices {
  store: Store;
  publisher: Publisher;
  now: () => number;
}

export interface ApiContext extends ApiServices {
  caller: Caller | null;
}
