import { apiProcedures as api } from '@taskhooks/sender-client';
import { generateSecret } from '@taskhooks/signatures';
import { openSecrets, rotateSecrets, sealSecrets } from '../../auth/endpoint-secrets.js';
import { SenderError } from '../../errors/sender-errors.js';
import { uuidv7 } from '../../ids/uuidv7.js';
import type { Endpoint, EndpointPatch, StoredScheme } from '../../store/types.js';
import { resolvePinnedModel } from '../../versions/model-routing.js';
import type { ApiContext, Caller, ManagementServices } from '../context.js';
import {
  checkHeaders,
  checkModelAndEvents,
  checkSchemeHeaders,
  checkTimeout,
  checkUrl,
  resolveRetry,
} from '../endpoints/endpoint-validation.js';
import { toEndpointView } from '../endpoints/endpoint-view.js';
import { checkProvidedSecret } from '../endpoints/provided-secret.js';
import { sendTestEvent } from '../endpoints/send-test.js';
import { notFound } from '../schemas.js';
import { refuseWhenSendingOff } from '../sending-switch.js';
import { managementProcedure, resolveExistingTenantId, resolveTenantId, router, scopeOf } from '../trpc.js';

type Ctx = ApiContext & { caller: Caller; management: ManagementServices };

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
    .meta({
      rest: {
        method: 'POST',
        path: '/api/endpoints',
        summary: 'Create an endpoint (the secret is shown once)',
        tag: 'endpoints',
        status: 201,
      },
    })
    .input(api['endpoints.create'].input)
    .output(api['endpoints.create'].output)
    .mutation(async ({ ctx, input }) => {
      const tenantId = resolveTenantId(ctx.caller, input.tenantId);
      const m = ctx.management;
      const model = resolvePinnedModel(input.model);
      checkModelAndEvents(model, input.events);
      checkSchemeHeaders(input.scheme);
      const headers = checkHeaders(input.headers, input.scheme);
      const { policy, timeoutMs: presetTimeout } = resolveRetry(input.retry);
      const timeoutMs =
        input.timeoutMs === undefined
          ? Math.min(presetTimeout, m.maxTimeoutMs)
          : checkTimeout(input.timeoutMs, m.maxTimeoutMs);
      await checkUrl(input.url, m);
      if (!(await ctx.store.getTenant(tenantId))) throw notFound('tenant', 'tenantId', tenantId);

      const id = uuidv7();
      const secret =
        input.secret === undefined
          ? newSecretFor(input.scheme)
          : checkProvidedSecret(input.secret, input.scheme);
      const now = ctx.now();
      const endpoint = await ctx.store.createEndpoint(
        {
          id,
          tenantId,
          url: input.url,
          method: input.method,
          description: input.description,
          model,
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
    .meta({
      rest: {
        method: 'GET',
        path: '/api/endpoints',
        summary: 'List the tenant’s endpoints',
        tag: 'endpoints',
      },
    })
    .input(api['endpoints.list'].input)
    .output(api['endpoints.list'].output)
    .query(async ({ ctx, input }) => {
      const tenantId = await resolveExistingTenantId(ctx, input.tenantId);
      const now = ctx.now();
      const endpoints = await ctx.store.listEndpoints(tenantId);
      return { items: endpoints.map((e) => toEndpointView(e, ctx.management, now)) };
    }),

  get: managementProcedure
    .meta({
      rest: {
        method: 'GET',
        path: '/api/endpoints/{endpointId}',
        summary: 'Get an endpoint',
        tag: 'endpoints',
      },
    })
    .input(api['endpoints.get'].input)
    .output(api['endpoints.get'].output)
    .query(async ({ ctx, input }) =>
      toEndpointView(await loadEndpoint(ctx, input.endpointId), ctx.management, ctx.now()),
    ),

  update: managementProcedure
    .meta({
      rest: {
        method: 'PATCH',
        path: '/api/endpoints/{endpointId}',
        summary: 'Change an endpoint',
        tag: 'endpoints',
      },
    })
    .input(api['endpoints.update'].input)
    .output(api['endpoints.update'].output)
    .mutation(async ({ ctx, input }) => {
      const m = ctx.management;
      const current = await loadEndpoint(ctx, input.endpointId);
      const patch: EndpointPatch = {};
      if (input.model !== undefined || input.events !== undefined) {
        const model = input.model === undefined ? current.model : resolvePinnedModel(input.model);
        checkModelAndEvents(model, input.events ?? current.eventFilter);
        if (input.model !== undefined) patch.model = model;
        if (input.events !== undefined) patch.eventFilter = input.events;
      }
      if (input.headers !== undefined) {
        const headers = checkHeaders(input.headers, current.scheme);
        const opened = openSecrets(m.secretBox, current.id, current.secretsSealed, openOptions(m));
        patch.secretsSealed = sealSecrets(m.secretBox, current.id, { ...opened, headers });
      }
      if (input.retry !== undefined) {
        const { policy, timeoutMs: presetTimeout } = resolveRetry(input.retry);
        patch.retryPolicy = policy;
        // A preset is a schedule and a timeout (seed 002: 3 s): switching to one brings both, as on
        // create, unless this call sets the timeout too. Naming the current preset again, or a
        // custom schedule, keeps the current timeout.
        if ('preset' in input.retry && input.retry.preset !== current.retryPolicy.preset)
          patch.timeoutMs = Math.min(presetTimeout, m.maxTimeoutMs);
      }
      if (input.timeoutMs !== undefined) patch.timeoutMs = checkTimeout(input.timeoutMs, m.maxTimeoutMs);
      if (input.url !== undefined) {
        await checkUrl(input.url, m);
        patch.url = input.url;
        // A new URL is a new destination: its failing period (towards auto-disable) starts afresh.
        if (input.url !== current.url) patch.failingSince = null;
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
    .meta({
      rest: {
        method: 'DELETE',
        path: '/api/endpoints/{endpointId}',
        summary: 'Delete an endpoint and its pending deliveries',
        tag: 'endpoints',
      },
    })
    .input(api['endpoints.delete'].input)
    .output(api['endpoints.delete'].output)
    .mutation(async ({ ctx, input }) => {
      if (!(await ctx.store.deleteEndpoint(input.endpointId, scopeOf(ctx.caller)))) {
        throw notFound('endpoint', 'endpointId', input.endpointId);
      }
      return { deleted: true as const };
    }),

  rotateSecret: managementProcedure
    .meta({
      rest: {
        method: 'POST',
        path: '/api/endpoints/{endpointId}/rotate-secret',
        summary: 'Rotate the signing secret (the new one is shown once)',
        tag: 'endpoints',
      },
    })
    .input(api['endpoints.rotateSecret'].input)
    .output(api['endpoints.rotateSecret'].output)
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
    .meta({
      rest: {
        method: 'POST',
        path: '/api/endpoints/{endpointId}/test',
        summary: 'Send the contract example of an event to this endpoint',
        tag: 'endpoints',
      },
    })
    .input(api['endpoints.sendTest'].input)
    .output(api['endpoints.sendTest'].output)
    .mutation(async ({ ctx, input }) => {
      refuseWhenSendingOff(ctx.management, 'send a test event');
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
