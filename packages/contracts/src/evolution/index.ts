export * from './compat/index.js';
export { conversionPath, convertPayload, renderForPinnedModel } from './convert/convert-payload.js';
export { type PayloadConverter, payloadConverters } from './convert/converters.js';
export { planBoundV3ToV2 } from './convert/plan-bound-v3-to-v2.js';
export { deprecationHeaders, headersFor } from './lifecycle/deprecation-headers.js';
export {
  type DeprecationNotice,
  deprecationOf,
  type LifecycleState,
  lifecycleStateAt,
  modelLifecycle,
} from './lifecycle/lifecycle.js';
export {
  type LatestModelOf,
  type LineageName,
  latestModelOf,
  lineageNames,
  lineageOf,
  type ModelOfLineage,
  modelLineage,
  successorOf,
} from './lineage/lineage.js';
