import { deprecationHeaders, type JsonSchema, type ModelId } from '@taskhooks/contracts';
import type { Catalog, CatalogEvent, CatalogModel } from '../catalog/catalog.js';
import { commonHeaders, type SchemeGuide, schemeGuides } from '../guides/schemes.js';

export type OpenApiDocument = Record<string, unknown> & {
  openapi: string;
  webhooks: Record<string, unknown>;
};

/** `plan_bound_v2.plan.failed`: valid as a components key (`^[a-zA-Z0-9._-]+$`) and unique per (model, event). */
export function componentName(model: string, event: string): string {
  return `${model}.${event}`.replace(/[^a-zA-Z0-9._-]/g, '_');
}

/** `plan_bound_v2/plan.failed`: the key of one webhook entry. */
export function webhookKey(model: string, event: string): string {
  return `${model}/${event}`;
}

const securitySchemeName: Record<SchemeGuide['scheme'], string> = {
  'standard-webhooks': 'standardWebhooks',
  'hmac-sha256-hex': 'hmacSha256Hex',
  'token-hash': 'tokenHash',
  'header-auth': 'headerAuth',
};

/**
 * OpenAPI 3.1 description of every (model, event) delivery as a `webhooks` entry: payload schema
 * (the contract's JSON Schema, which 3.1 accepts as-is), the headers of each signature scheme,
 * and the validated example.
 */
export function buildOpenApi(catalog: Catalog, version: string): OpenApiDocument {
  const schemas: Record<string, JsonSchema> = {};
  const webhooks: Record<string, unknown> = {};
  for (const model of catalog.models) {
    for (const event of model.events) {
      schemas[componentName(model.id, event.name)] = componentSchema(event.jsonSchema);
      webhooks[webhookKey(model.id, event.name)] = { post: operation(model, event) };
    }
  }
  return {
    openapi: '3.1.1',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'taskhooks webhooks',
      version,
      summary: 'Payloads and delivery headers of every taskhooks webhook event.',
      description:
        'Generated from @taskhooks/contracts. Each webhook is keyed `<model>/<event>`. The receiver chooses one signature scheme per endpoint; `security` lists the alternatives and the header parameters say which scheme sends them.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    webhooks,
    components: {
      schemas,
      securitySchemes: securitySchemes(),
    },
  };
}

function componentSchema(schema: JsonSchema): JsonSchema {
  // The dialect is set document-wide, and an `$id` would re-base references inside components.
  const { $schema: _dialect, $id: _id, ...rest } = schema;
  return rest;
}

function operation(model: CatalogModel, event: CatalogEvent): Record<string, unknown> {
  return {
    operationId: `${model.id}_${event.name}`.replace(/[^a-zA-Z0-9_]/g, '_'),
    summary: `${event.name} (${model.id})`,
    description: event.description,
    tags: [model.id],
    ...(event.deprecation ? { deprecated: true } : {}),
    parameters: headerParameters(model, event),
    security: schemeGuides.map((g) => ({ [securitySchemeName[g.scheme]]: [] })),
    requestBody: {
      required: true,
      content: {
        'application/json': {
          schema: { $ref: `#/components/schemas/${componentName(model.id, event.name)}` },
          examples: Object.fromEntries(
            event.examples.map((value, index) => [
              index === 0 ? 'example' : `example${index + 1}`,
              { summary: `A ${event.name} payload`, value },
            ]),
          ),
        },
      },
    },
    responses: {
      '2XX': { description: 'Accepted. Any 2xx acknowledges the delivery; nothing is read from the body.' },
      '429': { description: 'Retried later; `Retry-After` is honoured up to the preset maximum.' },
      '5XX': { description: 'Retried according to the endpoint retry preset.' },
      default: { description: 'Other answers (3xx, most 4xx) are not retried by the default preset.' },
    },
  };
}

/**
 * The headers of one delivery: those of every scheme, each scheme's own, with the event's name
 * where a header carries it, and the version headers the sender adds to a deprecated model version.
 */
function headerParameters(model: CatalogModel, event: CatalogEvent): Record<string, unknown>[] {
  const seen = new Set<string>();
  const params: Record<string, unknown>[] = [];
  const add = (name: string, description: string, required: boolean, schema: Record<string, unknown>) => {
    if (seen.has(name) || name === 'content-type') return; // OpenAPI ignores a Content-Type parameter
    seen.add(name);
    params.push({ name, in: 'header', required, description, schema });
  };
  const text = { type: 'string' };
  for (const header of commonHeaders) add(header.name, `All schemes. ${header.description}`, true, text);
  for (const guide of schemeGuides) {
    if (guide.scheme === 'header-auth') continue; // names are chosen per endpoint; see securitySchemes
    for (const header of guide.headers) {
      if (header.carriesEvent) {
        add(header.name, `Scheme \`${guide.scheme}\`. ${header.description}`, false, {
          type: 'string',
          const: event.name,
        });
      } else
        add(header.name, `Scheme \`${guide.scheme}\` (${header.value}). ${header.description}`, false, text);
    }
  }
  for (const [name, value] of Object.entries(deprecationHeaders(model.id as ModelId, event.name as never))) {
    add(
      name.toLowerCase(),
      VERSION_HEADER_DESCRIPTIONS[name] ?? 'Sent because this version is deprecated.',
      true,
      {
        type: 'string',
        const: value,
      },
    );
  }
  return params;
}

const VERSION_HEADER_DESCRIPTIONS: Record<string, string> = {
  Deprecation: 'All schemes, this deprecated version only: since when (RFC 9745, `@<unix seconds>`).',
  Sunset: 'All schemes, this deprecated version only: when it stops being sent (RFC 8594, an HTTP date).',
  Link: 'All schemes, this deprecated version only: the successor version\'s schema (`rel="successor-version"`).',
};

function securitySchemes(): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const guide of schemeGuides) {
    const credential = guide.headers.find((h) => h.credential);
    const description = `${guide.title}: ${guide.signed}`;
    out[securitySchemeName[guide.scheme]] =
      guide.scheme === 'header-auth'
        ? {
            type: 'http',
            scheme: 'bearer',
            description: `${description} Any static header can be configured; Bearer is the common case.`,
          }
        : { type: 'apiKey', in: 'header', name: credential?.name ?? 'authorization', description };
  }
  return out;
}
