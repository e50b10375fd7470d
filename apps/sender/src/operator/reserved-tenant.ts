import { SenderError } from '../errors/sender-errors.js';
import { OPERATOR_TENANT_ID } from './operator-config.js';

/**
 * The operator tenant holds the operator webhook, whose events name every customer's tenants and
 * endpoints. No customer tenant may take its id (the operator endpoint would later be put into
 * it), and nothing may hand out a key or a portal session scoped to it.
 */
export function refuseOperatorTenant(tenantId: string, path: 'id' | 'tenantId', action: string): void {
  if (tenantId !== OPERATOR_TENANT_ID) return;
  throw new SenderError(
    'forbidden',
    `${path}: "${OPERATOR_TENANT_ID}" is reserved for the operator webhook (TASKHOOKS_OPERATOR_WEBHOOK_URL); ${action}`,
    [{ path, code: 'reserved', message: `"${OPERATOR_TENANT_ID}" is reserved for the operator webhook` }],
  );
}
