export * from './evolution/index.js';
export {
  eventJsonSchema,
  type JsonSchema,
  modelJsonSchemaBundle,
  schemaId,
} from './json-schema/to-json-schema.js';
export * from './models/extension-v1/index.js';
export * from './models/family-actions-v1/index.js';
export * from './models/plan-bound-v2/index.js';
export * from './models/plan-bound-v3/index.js';
export * from './models/task-events-v1/index.js';
export * from './models/taskhooks-operational-v1/index.js';
export { ContractError, type ContractIssue } from './parse/contract-error.js';
export { type Lenient, type LenientPayload, toLenientSchema } from './parse/lenient.js';
export {
  assertPayload,
  type ParsedPayload,
  type ParseMode,
  type ParseOptions,
  type ParseResult,
  parseEvent,
  validateOutgoing,
} from './parse/parse-event.js';
export {
  type Deprecation,
  defineModel,
  type EventSchema,
  type ModelDefinition,
} from './registry/define-model.js';
export { type EventMetadata, eventMetadata } from './registry/metadata.js';
export {
  type AnyPayloadOf,
  type EventName,
  type EventSchemaOf,
  getEventSchema,
  getModel,
  isEventOf,
  isModelId,
  listEvents,
  type ModelId,
  type Models,
  modelIds,
  models,
  type PayloadInput,
  type PayloadOf,
} from './registry/registry.js';
