import { Validator } from '@seriousme/openapi-schema-validator';
import { deprecationHeaders, listEvents, modelIds } from '@taskhooks/contracts';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../catalog/catalog.js';
import { buildOpenApi, componentName, webhookKey } from './build-openapi.js';

const doc = buildOpenApi(loadCatalog(), '1.2.3');
// Round-trip through JSON: what is validated is exactly what openapi.json contains.
const published = JSON.parse(JSON.stringify(doc)) as typeof doc & {
  webhooks: Record<string, { post: Operation }>;
  components: {
    schemas: Record<string, object>;
    securitySchemes: Record<string, { type: string; name?: string }>;
  };
};

interface Operation {
  parameters: { name: string; in: string; required: boolean; schema: { const?: string } }[];
  security: Record<string, string[]>[];
  requestBody: {
    content: {
      'application/json': { schema: { $ref: string }; examples: Record<string, { value: unknown }> };
    };
  };
}

describe('openapi.json', () => {
  it('is a valid OpenAPI 3.1 document according to the official schema', async () => {
    const validator = new Validator();
    const result = await validator.validate(published);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('the validator is not a rubber stamp: a broken webhook entry fails', async () => {
    const broken = structuredClone(published);
    const first = Object.values(broken.webhooks)[0] as unknown as { post: Record<string, unknown> };
    first.post.responses = 'none';
    expect((await new Validator().validate(broken)).valid).toBe(false);
  });

  it('has one webhook per (model, event), keyed model/event', () => {
    const expected = modelIds.flatMap((m) => listEvents(m).map((e) => webhookKey(m, e)));
    expect(Object.keys(published.webhooks).sort()).toEqual(expected.sort());
    expect((published.info as { version: string }).version).toBe('1.2.3');
  });

  it('describes the headers of every scheme and offers each scheme as a security alternative', () => {
    const op = published.webhooks[webhookKey('plan_bound_v2', 'plan.failed')]?.post as Operation;
    const headers = Object.fromEntries(op.parameters.map((p) => [p.name, p]));
    expect(headers['webhook-id']).toMatchObject({ in: 'header', required: true });
    for (const name of [
      'webhook-timestamp',
      'webhook-signature',
      'x-taskhooks-signature',
      'x-webhook-token-hash',
    ])
      expect(headers[name]).toMatchObject({ in: 'header', required: false });
    expect(op.security.map((s) => Object.keys(s)[0])).toEqual([
      'standardWebhooks',
      'hmacSha256Hex',
      'tokenHash',
      'headerAuth',
    ]);
    expect(published.components.securitySchemes.standardWebhooks).toMatchObject({
      type: 'apiKey',
      name: 'webhook-signature',
    });
  });

  it('documents each delivery’s own event name and, for a deprecated version, the version headers it is sent with', () => {
    const params = (model: string, event: string) =>
      Object.fromEntries(
        (published.webhooks[webhookKey(model, event)]!.post as Operation).parameters.map((p) => [p.name, p]),
      );
    for (const model of modelIds) {
      for (const event of listEvents(model)) {
        const headers = params(model, event);
        for (const name of ['x-taskhooks-event', 'x-webhook-event'])
          expect([model, event, name, headers[name]?.schema.const]).toEqual([model, event, name, event]);
        // Exactly what the sender adds (it spreads the same deprecationHeaders into every request).
        const sent = Object.entries(deprecationHeaders(model, event as never));
        const documented = Object.entries(headers).filter(([name]) =>
          ['deprecation', 'sunset', 'link'].includes(name),
        );
        expect(documented.map(([name, p]) => [name, p.schema.const, p.required])).toEqual(
          sent.map(([name, value]) => [name.toLowerCase(), value, true]),
        );
      }
    }
    // At least one deprecated delivery exists, or the loop above proved nothing about them.
    expect(params('plan_bound_v2', 'plan.failed').deprecation?.schema.const).toMatch(/^@\d+$/);
  });

  it('every example validates against its payload schema (draft 2020-12)', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
    let checked = 0;
    for (const [key, item] of Object.entries(published.webhooks)) {
      const media = item.post.requestBody.content['application/json'];
      const name = media.schema.$ref.replace('#/components/schemas/', '');
      const validate = ajv.compile(published.components.schemas[name] as object);
      for (const example of Object.values(media.examples)) {
        const ok = validate(example.value);
        expect(ok ? [] : validate.errors, key).toEqual([]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(Object.keys(published.webhooks).length);
    // And the schema really constrains: a wrong enum value is refused.
    const planFailed = published.components.schemas[componentName('plan_bound_v2', 'plan.failed')] as object;
    const example = published.webhooks[webhookKey('plan_bound_v2', 'plan.failed')]?.post.requestBody.content[
      'application/json'
    ].examples.example?.value as Record<string, unknown>;
    expect(ajv.compile(planFailed)({ ...example, display_status: 'great' })).toBe(false);
  });
});
