import { z } from 'zod';
import { hasBody, type RestOperation } from './operation.js';
import { restErrorSchema } from './rest-errors.js';

type JsonSchema = Record<string, unknown> & {
  properties?: Record<string, JsonSchema>;
  required?: string[];
  description?: string;
};

export interface OpenApiOptions {
  version: string;
  /** Extra, non-REST paths (health, metrics) documented as-is. */
  extraPaths?: Record<string, unknown>;
}

function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    io,
    target: 'draft-2020-12',
    unrepresentable: 'any',
  }) as JsonSchema;
  return rest;
}

const errorResponses = {
  '400': 'Invalid request: `issues` names each offending field',
  '401': 'Missing or invalid API key',
  '403': 'The key may not do this (another tenant, or an admin-only call)',
  '404': 'No such resource (or it belongs to another tenant)',
  '409':
    'Conflicts with the current state (publishing: `idempotency_key_reused`, a key already used for another request)',
  '413': 'Request body too large',
  '415': 'The request’s Content-Type is not JSON: send `Content-Type: application/json`',
  '429': 'Rate limited: retry after `Retry-After` seconds',
  '500': 'Internal error (a bug): the same error shape; the sender logs the cause',
  '503':
    'Storage unavailable (disk full, read-only, connection lost): retry later, with the same `Idempotency-Key` when publishing',
} as const;

/**
 * The OpenAPI 3.1 document of the REST surface, derived from the very schemas that validate each
 * request (zod → JSON Schema 2020-12, the dialect OpenAPI 3.1 uses): nothing is written twice.
 */
export function buildOpenApiDocument(operations: readonly RestOperation[], options: OpenApiOptions) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of operations) {
    const request = jsonSchemaOf(operation.request, 'input');
    const properties = request.properties ?? {};
    const required = new Set(request.required ?? []);
    const parameters: unknown[] = operation.pathParams.map((name) => ({
      name,
      in: 'path',
      required: true,
      schema: withoutDescription(properties[name] ?? { type: 'string' }),
      ...(properties[name]?.description ? { description: properties[name]?.description } : {}),
    }));
    const fields = Object.keys(properties).filter((name) => !operation.pathParams.includes(name));
    let requestBody: unknown;
    if (hasBody(operation.method)) {
      const body: JsonSchema = { ...request, properties: pick(properties, fields) };
      const bodyRequired = [...required].filter((name) => fields.includes(name));
      if (bodyRequired.length > 0) body.required = bodyRequired;
      else delete body.required;
      requestBody = { required: bodyRequired.length > 0, content: { 'application/json': { schema: body } } };
    } else {
      for (const name of fields) {
        const schema = properties[name]!;
        parameters.push({
          name,
          in: 'query',
          required: required.has(name),
          schema: withoutDescription(schema),
          ...(schema.description ? { description: schema.description } : {}),
        });
      }
    }
    for (const [name, description] of Object.entries(operation.requestHeaders ?? {})) {
      parameters.push({
        name,
        in: 'header',
        required: false,
        schema: { type: 'string', minLength: 1 },
        description,
      });
    }
    paths[operation.path] ??= {};
    paths[operation.path]![operation.method.toLowerCase()] = {
      operationId: operation.operationId,
      summary: operation.summary,
      tags: [operation.tag],
      ...(operation.description ? { description: operation.description } : {}),
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(requestBody ? { requestBody } : {}),
      responses: {
        [String(operation.status)]: {
          description: 'Success',
          content: { 'application/json': { schema: jsonSchemaOf(operation.response, 'output') } },
        },
        ...Object.fromEntries(
          Object.entries(errorResponses)
            // Only a request with a body can have the wrong content type.
            .filter(([status]) => status !== '415' || hasBody(operation.method))
            .map(([status, description]) => [
              status,
              {
                description,
                ...(status === '429'
                  ? {
                      headers: {
                        'Retry-After': { schema: { type: 'integer' }, description: 'Seconds to wait.' },
                      },
                    }
                  : {}),
                content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
              },
            ]),
        ),
      },
    };
  }
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'taskhooks sender API',
      version: options.version,
      description:
        'REST face of the taskhooks sender. Every operation calls the same procedure as the tRPC API under /trpc. Authenticate with `Authorization: Bearer <API key>`; a tenant key acts on its own tenant.',
    },
    security: [{ bearerAuth: [] }],
    tags: [...new Set(operations.map((op) => op.tag))].map((name) => ({ name })),
    paths: { ...paths, ...options.extraPaths },
    components: {
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', description: 'An admin or tenant API key.' },
      },
      schemas: { Error: jsonSchemaOf(restErrorSchema, 'output') },
    },
  };
}

function pick(properties: Record<string, JsonSchema>, names: string[]): Record<string, JsonSchema> {
  return Object.fromEntries(names.map((name) => [name, properties[name]!]));
}

function withoutDescription(schema: JsonSchema): JsonSchema {
  const { description: _description, ...rest } = schema;
  return rest;
}
