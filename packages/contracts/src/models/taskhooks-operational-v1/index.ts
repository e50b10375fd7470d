import { defineModel } from '../../registry/define-model.js';
import { endpointDisabled } from './events.js';

/**
 * Operational webhooks of taskhooks itself, sent to the operator endpoint a deployment configures
 * (TASKHOOKS_OPERATOR_WEBHOOK_URL): what happened to the delivery system, not to a family or app.
 */
export const taskhooksOperationalV1 = defineModel({
  id: 'taskhooks_operational_v1',
  title: 'taskhooks operational events v1',
  description:
    "Events about the webhook system itself (an endpoint switched off after failing too long), delivered to the deployment's operator endpoint in an `{ event, timestamp, data }` envelope.",
  events: {
    'endpoint.disabled': endpointDisabled,
  },
});
