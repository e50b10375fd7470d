import type { SenderConfig } from '../config/env.js';
import { signingSecretProblem } from '../security/signing-secret.js';

// Apart from operator-endpoint.ts so that loadConfig can check it without importing the secret sealing.
/** The tenant that holds the operator endpoint and its messages, apart from every customer's. */
export const OPERATOR_TENANT_ID = 'taskhooks-operator';
/** Fixed, so every start (and every process of a deployment) updates the one endpoint. */
export const OPERATOR_ENDPOINT_ID = '00000000-0000-7000-8000-0000000000ef';
export const OPERATOR_MODEL = 'taskhooks_operational_v1';

export type OperatorConfig = Pick<
  SenderConfig,
  'TASKHOOKS_OPERATOR_WEBHOOK_URL' | 'TASKHOOKS_OPERATOR_WEBHOOK_SECRET' | 'WEBHOOK_TENANT'
>;

/** What is wrong with the operator webhook variables, naming the variable, or null. */
export function operatorEndpointProblem(config: OperatorConfig): string | null {
  const url = config.TASKHOOKS_OPERATOR_WEBHOOK_URL;
  const secret = config.TASKHOOKS_OPERATOR_WEBHOOK_SECRET;
  // Reserved whether or not the operator webhook is configured now (it may be later).
  if (config.WEBHOOK_TENANT === OPERATOR_TENANT_ID) {
    return `WEBHOOK_TENANT: "${OPERATOR_TENANT_ID}" is the operator webhook's own tenant; choose another`;
  }
  if (!url) {
    return secret === undefined
      ? null
      : 'TASKHOOKS_OPERATOR_WEBHOOK_SECRET: set without TASKHOOKS_OPERATOR_WEBHOOK_URL, so nothing would be sent';
  }
  if (secret === undefined) {
    return 'TASKHOOKS_OPERATOR_WEBHOOK_SECRET: required with TASKHOOKS_OPERATOR_WEBHOOK_URL (operational webhooks are signed with Standard Webhooks); create one with `echo whsec_$(openssl rand -base64 32)`';
  }
  const problem = signingSecretProblem(secret, 'standard-webhooks');
  if (problem) return `TASKHOOKS_OPERATOR_WEBHOOK_SECRET: ${problem}`;
  return null;
}
