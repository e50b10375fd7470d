import { apiKeysRouter } from './routers/api-keys.js';
import { deliveriesRouter } from './routers/deliveries.js';
import { endpointsRouter } from './routers/endpoints.js';
import { eventsRouter } from './routers/events.js';
import { messagesRouter } from './routers/messages.js';
import { portalRouter } from './routers/portal.js';
import { tenantsRouter } from './routers/tenants.js';
import { router } from './trpc.js';

/** The one API router: every procedure of the sender. */
export const appRouter = router({
  events: eventsRouter,
  tenants: tenantsRouter,
  endpoints: endpointsRouter,
  messages: messagesRouter,
  deliveries: deliveriesRouter,
  apiKeys: apiKeysRouter,
  portal: portalRouter,
});

export type AppRouter = typeof appRouter;
