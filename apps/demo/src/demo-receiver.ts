import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createReceiver, type EventDelivery, type Receiver } from '@taskhooks/receiver-sdk';
import { createNodeHandler } from '@taskhooks/receiver-sdk/node';

/** What the receiver saw for one verified delivery. */
export interface VerifiedDelivery {
  /** The `webhook-id` header: the sender's message id. */
  messageId: string;
  event: string;
  childName: string | null;
  /** One line of what it means for the family, as a receiving app would show it. */
  summary: string;
  receivedAt: number;
}

export interface DemoReceiver {
  url: string;
  /** Called after the sender created the endpoint and showed its secret once. */
  useSecret(secret: string): void;
  close(): Promise<void>;
}

/**
 * A third-party app receiving the family's events with @taskhooks/receiver-sdk: every request is
 * signature-checked and contract-validated before a handler sees it; anything else gets a 4xx.
 */
export async function startDemoReceiver(handlers: {
  onVerified: (delivery: VerifiedDelivery) => void;
  onRefused: (reason: string) => void;
}): Promise<DemoReceiver> {
  let handle: ((req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>) | null = null;
  const server = http.createServer((req, res) => {
    if (!handle) {
      res.writeHead(503, { 'retry-after': '1' }).end('receiver not configured yet');
      return;
    }
    void handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/webhooks/family`,
    useSecret(secret) {
      handle = createNodeHandler(withHandlers(createReceiver({ model: 'plan_bound_v2', secret }), handlers));
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function withHandlers(
  receiver: Receiver<'plan_bound_v2'>,
  handlers: Parameters<typeof startDemoReceiver>[0],
): Receiver<'plan_bound_v2'> {
  receiver.onAny((delivery) =>
    handlers.onVerified({
      messageId: delivery.id,
      event: delivery.event,
      childName: delivery.payload.child_name,
      summary: summarize(delivery),
      receivedAt: Date.now(),
    }),
  );
  receiver.onError((error) => handlers.onRefused(`${error.code}: ${error.message}`));
  return receiver;
}

/** What the event means for the family, as a receiving app would show it. */
function summarize(delivery: EventDelivery<'plan_bound_v2'>): string {
  switch (delivery.event) {
    case 'plan.started':
      return `"${delivery.payload.plan_title}" started, ${delivery.payload.summary.required_total} required tasks`;
    case 'plan.completed':
    case 'plan.failed':
    case 'plan.expired': {
      const { plan_title, display_status, summary } = delivery.payload;
      return `"${plan_title}" ${display_status}: ${summary.required_completed}/${summary.required_total} required approved, score ${summary.score_pct ?? 'n/a'} %`;
    }
    case 'submission.pending_review':
      return `"${delivery.payload.task.title}" waits for a parent's review`;
    case 'submission.approved': {
      const { task } = delivery.payload;
      return `"${task.title}" approved: +${task.reward_points} ${task.reward_currency}`;
    }
    case 'submission.rejected':
      return `"${delivery.payload.task.title}" rejected (score ${delivery.payload.task.score ?? 'n/a'})`;
  }
}
