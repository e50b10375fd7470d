import { SenderError } from '../errors/sender-errors.js';
import type { ManagementServices } from './context.js';

/**
 * With WEBHOOK_ENABLED=false this sender sends nothing (seed 001's opt-out), so a test send or a
 * redelivery asked for through the API is refused rather than queued for a worker that never runs.
 */
export function refuseWhenSendingOff(management: ManagementServices, action: string): void {
  if (management.sendingEnabled !== false) return;
  throw new SenderError(
    'conflict',
    `WEBHOOK_ENABLED=false: this sender sends no webhooks, so it cannot ${action}; unset WEBHOOK_ENABLED or set it to true`,
    [{ path: '', code: 'sending_disabled', message: 'WEBHOOK_ENABLED=false' }],
  );
}
