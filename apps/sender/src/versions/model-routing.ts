import {
  conversionPath,
  deprecationHeaders,
  type EventName,
  isModelId,
  type LineageName,
  latestModelOf,
  lineageNames,
  type ModelId,
  renderForPinnedModel,
} from '@taskhooks/contracts';

const renderable = new Map<string, boolean>();

/**
 * Whether an endpoint pinned to `endpointModel` receives messages published as `messageModel`:
 * the same model, or an older version of it that a registered converter can render
 * (publish once as plan_bound_v3, and endpoints pinned to plan_bound_v2 keep working).
 */
export function endpointReceivesModel(endpointModel: string, messageModel: string): boolean {
  if (endpointModel === messageModel) return true;
  const key = `${messageModel}>${endpointModel}`;
  let answer = renderable.get(key);
  if (answer === undefined) {
    answer = isModelId(messageModel) && isModelId(endpointModel) && hasPath(messageModel, endpointModel);
    renderable.set(key, answer);
  }
  return answer;
}

function hasPath(from: ModelId, to: ModelId): boolean {
  try {
    return conversionPath(from, to).length > 0;
  } catch {
    return false;
  }
}

/** The exact bytes an endpoint receives: the stored payload, or its rendering as the pinned version. */
export function renderBodyForEndpoint(
  endpointModel: string,
  messageModel: string,
  payloadJson: string,
): string {
  if (endpointModel === messageModel) return payloadJson;
  return JSON.stringify(renderForPinnedModel(endpointModel as ModelId, JSON.parse(payloadJson)));
}

const versionHeadersCache = new Map<string, Readonly<Record<string, string>>>();

/**
 * Deprecation/Sunset/Link headers when the version an endpoint receives is deprecated (RFC 9745,
 * RFC 8594). Computed once per (model, event): they only change with a release, and this runs
 * for every delivery.
 */
export function versionHeadersFor(endpointModel: string, event: string): Readonly<Record<string, string>> {
  const key = `${endpointModel} ${event}`;
  let headers = versionHeadersCache.get(key);
  if (!headers) {
    headers = isModelId(endpointModel)
      ? Object.fromEntries(
          Object.entries(deprecationHeaders(endpointModel, event as EventName<typeof endpointModel>)).map(
            ([name, value]) => [name.toLowerCase(), value],
          ),
        )
      : {};
    versionHeadersCache.set(key, headers);
  }
  return headers;
}

/**
 * The version an endpoint pins when it is created: a model id pins exactly that version; a model
 * family name (e.g. `plan_bound`) pins the newest version now. The concrete id is stored, so later
 * releases never move an existing endpoint to a new version behind its owner's back.
 */
export function resolvePinnedModel(requested: string): string {
  return (lineageNames as readonly string[]).includes(requested)
    ? latestModelOf(requested as LineageName)
    : requested;
}
