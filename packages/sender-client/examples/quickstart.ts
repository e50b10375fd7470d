import { createSenderClient } from '@taskhooks/sender-client';

const sender = createSenderClient({
  url: process.env.TASKHOOKS_API_URL ?? 'http://127.0.0.1:8787',
  // A tenant key acts on its own tenant. Make one with the admin key:
  // POST /api/api-keys {"tenantId": "default", "name": "my backend"} (shown once).
  apiKey: process.env.TASKHOOKS_API_KEY ?? '',
});

// Typed from the contract: a misspelt event or field does not compile.
const task = { id: 42, title: 'Call dentist', done: true, priority: 2, due_at: null, labels: [] };
const published = await sender.publish('task_events_v1', 'task.completed', {
  event: 'task.completed',
  timestamp: new Date().toISOString(),
  data: { task: { ...task, project_id: 1, is_recurring: false, is_snoozed: false } },
});
console.log(`published ${published.messageId} to ${published.deliveriesCreated} endpoint(s)`);

const { items } = await sender.endpoints.list();
console.log(items.map((e) => `${e.url} ${e.enabled ? 'active' : 'disabled'}`).join('\n'));
