import { generateSecret } from '@taskhooks/signatures';
import { z } from 'zod';
import { openSecrets, rotateSecrets, sealSecrets } from '../../auth/endpoint-secrets.js';
import { SenderError } from '../../errors/sender-errors.js';
import { uuidv7 } from '../../ids/uuidv7.js';
import type { Endpoint, EndpointPatch, StoredScheme } from '../../store/types.js';
import type { ApiContext, Caller, ManagementServices } from '../context.js';
import {
  endpointOutput,
  eventsInput,
  headersInput,
  methodInput,
  retryInput,
  schemeInput,
  secretOnceOutput,
  timeoutInput,
  urlInput,
} from '../endpoints/endpoint-schemas.js';
import {
  checkHeaders,
  checkModelAndEvents,
  checkTimeout,
  checkUrl,
  resolveRetry,
} from '../endpoints/endpoint-validation.js';
import { toEndpointView } from '../endpoints/endpoint-view.js';
import { sendTestEvent } from '../endpoints/send-test.js';
import { idSchema, notFound, tenantIdInput } from '../schemas.js';
import { managementProcedure, resolveTenantId, router, scopeOf } from '../trpc.js';

type Ctx = ApiContext & { caller: Caller; management: ManagementServices };

const endpointId = idSchema('endpoint');

/** The endpoint if the caller may see it; another tenant's endpoint is indistinguishable from a missing one. */
async function loadEndpoint(ctx: Ctx, id: string): Promise<Endpoint> {
  const endpoint = await ctx.store.getEndpoint(id, scopeOf(ctx.caller));
  if (!endpoint) throw notFound('endpoint', 'endpointId', id);
  return endpoint;
}

/** A fresh secret of the scheme's shape; header-auth has none (its headers authenticate). */
function newSecretFor(scheme: StoredScheme): string | null {
  return scheme.scheme === 'header-auth' ? null : generateSecret(scheme.scheme);
}

const openOptions = (m: ManagementServices) => ({ acceptLegacyPlainJson: m.acceptLegacyPlainSecrets });

export const endpointsRouter = router({
  create: managementProcedure
    .input(
      z.object({
        tenantId: tenantIdInput,
        url: urlInput,
        method: methodInput.default('POST'),
        description: z.string().max(500).default('').describe('Free text shown in lists.'),
        model: z.string().min(1).describe('Payload model id, e.g. plan_bound_v2.'),
        events: eventsInput.default([]),
        scheme: schemeInput.default({ scheme: 'standard-webhooks' }),
        headers: headersInput.default({}),
        retry: retryInput.default({ preset: 'default' }),
        timeoutMs: timeoutInput.optional(),
        enabled: z.boolean().default(true).describe('Create disabled to set it up before traffic flows.'),
      }),
    )
    .output(z.object({ endpoint: endpointOutput, secret: secretOnceOutput }))
    .mutation(async ({ ctx, input }) => {
      const tenantId = resolveTenantId(ctx.caller, input.tenantId);
      const m = ctx.management;
      checkModelAndEvents(input.model, input.events);
      const headers = checkHeaders(input.headers, input.scheme);
      const { policy, timeoutMs: presetTimeout } = resolveRetry(input.retry);
      const timeoutMs =
        input.timeoutMs === undefined
          ? Math.min(presetTimeout, m.maxTimeoutMs)
          : checkTimeout(input.timeoutMs, m.maxTimeoutMs);
      await checkUrl(input.url, m);
      if (!(await ctx.store.getTenant(tenantId))) throw notFound('tenant', 'tenantId', tenantId);

      const id = uuidv7();
      const secret = newSecretFor(input.scheme);
      const now = ctx.now();
      const endpoint = await ctx.store.createEndpoint(
        {
          id,
          tenantId,
          url: input.url,
          method: input.method,
          description: input.description,
          model: input.model,
          eventFilter: input.events,
          scheme: input.scheme,
          secretsSealed: sealSecrets(m.secretBox, id, {
            secrets: secret ? [{ value: secret }] : [],
            headers,
          }),
          retryPolicy: policy,
          timeoutMs,
          enabled: input.enabled,
        },
        now,
      );
      return { endpoint: toEndpointView(endpoint, m, now), secret };
    }),

  list: managementProcedure
    .input(z.object({ tenantId: tenantIdInput }))
    .output(z.object({ items: z.array(endpointOutput).describe('The tenant’s endpoints, oldest first.') }))
    .query(async ({ ctx, input }) => {
      const tenantId = resolveTenantId(ctx.caller, input.tenantId);
      const now = ctx.now();
      const endpoints = await ctx.store.listEndpoints(tenantId);
      return { items: endpoints.map((e) => toEndpointView(e, ctx.management, now)) };
    }),

  get: managementProcedure
    .input(z.object({ endpointId }))
    .output(endpointOutput)
    .query(async ({ ctx, input }) =>
      toEndpointView(await loadEndpoint(ctx, input.endpointId), ctx.management, ctx.now()),
    ),

  update: managementProcedure
    .input(
      z.object({
        endpointId,
        url: urlInput.optional(),
        method: methodInput.optional(),
        description: z.string().max(500).optional().describe('Free text shown in lists.'),
        model: z
          .string()
          .min(1)
          .optional()
          .describe('Payload model id; the event filter is re-checked against it.'),
        events: eventsInput.optional(),
        headers: headersInput.optional().describe('Replaces every custom header (values stored encrypted).'),
        retry: retryInput.optional(),
        timeoutMs: timeoutInput.optional(),
        enabled: z
          .boolean()
          .optional()
          .describe('Enabling also clears the disabled reason and failing state.'),
      }),
    )
    .output(endpointOutput)
    .mutation(async ({ ctx, input }) => {
      const m = ctx.management;
      const current = await loadEndpoint(ctx, input.endpointId);
      const patch: EndpointPatch = {};
      if (input.model !== undefined || input.events !== undefined) {
        checkModelAndEvents(input.model ?? current.model, input.events ?? current.eventFilter);
        if (input.model !== undefined) patch.model = input.model;
        if (input.events !== undefined) patch.eventFilter = input.events;
      }
      if (input.headers !== undefined) {
        const headers = checkHeaders(input.headers, current.scheme);
        const opened = openSecrets(m.secretBox, current.id, current.secretsSealed, openOptions(m));
        patch.secretsSealed = sealSecrets(m.secretBox, current.id, { ...opened, headers });
      }
      if (input.retry !== undefined) patch.retryPolicy = resolveRetry(input.retry).policy;
      if (input.timeoutMs !== undefined) patch.timeoutMs = checkTimeout(input.timeoutMs, m.maxTimeoutMs);
      if (input.url !== undefined) {
        await checkUrl(input.url, m);
        patch.url = input.url;
      }
      if (input.method !== undefined) patch.method = input.method;
      if (input.description !== undefined) patch.description = input.description;
      if (input.enabled !== undefined) {
        patch.enabled = input.enabled;
        patch.disabledReason = input.enabled ? null : 'disabled through the API';
        if (input.enabled) patch.failingSince = null;
      }
      const now = ctx.now();
      const updated = await ctx.store.updateEndpoint(current.id, patch, now, scopeOf(ctx.caller));
      if (!updated) throw notFound('endpoint', 'endpointId', input.endpointId);
      return toEndpointView(updated, m, now);
    }),

  delete: managementProcedure
    .input(z.object({ endpointId }))
    .output(
      z.object({ deleted: z.literal(true).describe('The endpoint and its pending deliveries are gone.') }),
    )
    .mutation(async ({ ctx, input }) => {
      if (!(await ctx.store.deleteEndpoint(input.endpointId, scopeOf(ctx.caller)))) {
        throw notFound('endpoint', 'endpointId', input.endpointId);
      }
      return { deleted: true as const };
    }),

  rotateSecret: managementProcedure
    .input(
      z.object({
        endpointId,
        overlapSeconds: z
          .number()
          .int()
          .min(0)
          .max(30 * 24 * 3600)
          .optional()
          .describe(
            'How long the previous secret keeps signing alongside the new one (default 24 h; 0 = none).',
          ),
      }),
    )
    .output(
      z.object({
        endpoint: endpointOutput,
        secret: z
          .string()
          .describe('The new secret. Shown ONCE: store it now, it cannot be retrieved later.'),
        previousSecretExpiresAt: z
          .number()
          .int()
          .nullable()
          .describe('When the previous secret stops signing (epoch ms); null when it stopped at once.'),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const m = ctx.management;
      const current = await loadEndpoint(ctx, input.endpointId);
      const secret = newSecretFor(current.scheme);
      if (secret === null) {
        throw new SenderError(
          'conflict',
          'header-auth endpoints have no signing secret; update their headers',
          [{ path: 'endpointId', code: 'no_secret', message: 'scheme header-auth has no secret to rotate' }],
        );
      }
      const now = ctx.now();
      const overlapMs = input.overlapSeconds === undefined ? m.secretOverlapMs : input.overlapSeconds * 1000;
      const opened = openSecrets(m.secretBox, current.id, current.secretsSealed, openOptions(m));
      const rotated = rotateSecrets(opened, secret, now, overlapMs);
      const updated = await ctx.store.updateEndpoint(
        current.id,
        { secretsSealed: sealSecrets(m.secretBox, current.id, rotated) },
        now,
        scopeOf(ctx.caller),
      );
      if (!updated) throw notFound('endpoint', 'endpointId', input.endpointId);
      const expiries = rotated.secrets.slice(1).map((s) => s.expiresAt ?? now);
      return {
        endpoint: toEndpointView(updated, m, now),
        secret,
        previousSecretExpiresAt: expiries.length > 0 ? Math.max(...expiries) : null,
      };
    }),

  sendTest: managementProcedure
    .input(
      z.object({
        endpointId,
        event: z
          .string()
          .min(1)
          .optional()
          .describe('Event whose contract example is sent; default: the first event the endpoint receives.'),
      }),
    )
    .output(
      z.object({
        messageId: z.string().describe('The test message; follow it with messages.get.'),
        event: z.string().describe('The event sent.'),
        deliveriesCreated: z.number().int().describe('1 when queued for delivery.'),
        deliveriesSkipped: z
          .number()
          .int()
          .describe('1 when the tenant’s entitlement is expired (logged, not sent).'),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const endpoint = await loadEndpoint(ctx, input.endpointId);
      const { event, result } = await sendTestEvent(ctx.store, endpoint, input.event, ctx.now());
      ctx.management.wakeWorkers();
      return {
        messageId: result.messageId,
        event,
        deliveriesCreated: result.deliveriesCreated,
        deliveriesSkipped: result.deliveriesSkipped,
      };
    }),
});
