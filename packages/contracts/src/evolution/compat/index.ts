export {
  type CompatFinding,
  type CompatFindingKind,
  compareCatalogs,
  formatFinding,
  gateFails,
  type SchemaCatalog,
} from './compare-catalogs.js';
export { compareSchemas } from './compare-schemas.js';
export type { SchemaChange, SchemaChangeKind } from './schema-change.js';
export type { SchemaNode } from './schema-node.js';
