import { eventsRouter } from './routers/events.js';
import { router } from './trpc.js';

/** The one API router: every procedure of the sender. */
export const appRouter = router({
  events: eventsRouter,
});

export type AppRouter = typeof appRouter;
