// @taskhooks/contracts as a consumer uses it: parse the documented examples, get a precise error
// for a bad payload, import the generated JSON Schemas through the "./json-schema/*.json" export.
export const contractsProbe = {
  runtime: ({ jsonSchemas }) => `
const { ContractError, eventMetadata, getEventSchema, listEvents, modelIds, parseEvent } = pkg;
assert.ok(modelIds.includes('task_events_v1'), 'modelIds lacks task_events_v1: ' + modelIds);
const events = listEvents('task_events_v1');
assert.ok(events.includes('task.created'), 'listEvents lacks task.created: ' + events);
for (const event of events) {
  const [example] = eventMetadata(getEventSchema('task_events_v1', event)).examples;
  assert.ok(example, 'no example for ' + event);
  const parsed = parseEvent('task_events_v1', example);
  assert.equal(parsed.success, true, parsed.error && parsed.error.message);
  assert.equal(parsed.data.event, event);
}
const rejected = parseEvent('task_events_v1', { event: 'task.created', timestamp: 'yesterday', data: {} });
assert.equal(rejected.success, false, 'a bad timestamp was accepted');
assert.ok(rejected.error instanceof ContractError, 'error is not a ContractError');
assert.ok(
  rejected.error.issues.some((issue) => issue.path === 'timestamp'),
  'no issue reported for timestamp: ' + rejected.error.message,
);
// Every generated schema in the repo must ship and resolve through the package's exports.
for (const subpath of ${JSON.stringify(jsonSchemas)}) {
  const schema = readJson(resolvePackagePath('@taskhooks/contracts/json-schema/' + subpath));
  assert.equal(typeof schema, 'object', subpath + ' is not a JSON object');
}
`,
  types: () => `
import {
  assertPayload,
  type ContractIssue,
  type EventName,
  listEvents,
  type PayloadOf,
  parseEvent,
} from '@taskhooks/contracts';

const events: EventName<'task_events_v1'>[] = listEvents('task_events_v1');
const result = parseEvent('task_events_v1', JSON.parse('{}') as unknown);
const outcome: EventName<'task_events_v1'> | ContractIssue[] = result.success
  ? result.data.event
  : result.error.issues;
const created: PayloadOf<'task_events_v1', 'task.created'> = assertPayload(
  'task_events_v1',
  'task.created',
  JSON.parse('{}') as unknown,
);
const title: string = created.data.task.title;
// @ts-expect-error "task.exploded" is not an event of task_events_v1
assertPayload('task_events_v1', 'task.exploded', {});
// @ts-expect-error "no_such_model" is not a model id
parseEvent('no_such_model', {});
// @ts-expect-error a task title is a string
const wrongTitle: number = created.data.task.title;

export { events, outcome, title, wrongTitle };
`,
};
