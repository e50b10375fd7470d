import type { RestOperation } from './operation.js';

export type RouteMatch =
  | { kind: 'found'; operation: RestOperation; params: Record<string, string> }
  | { kind: 'method_not_allowed'; allowed: string[] }
  /** A path parameter that is not valid percent-encoding (e.g. `%E0%A4%A`). */
  | { kind: 'invalid_param'; name: string }
  | { kind: 'not_found' };

interface CompiledRoute {
  operation: RestOperation;
  pattern: RegExp;
  /** Literal segments first: `/api/events/batch` must win over a `/api/events/{id}`. */
  specificity: number;
}

/** Maps (method, path) to an operation; path params are URL-decoded, never containing `/`. */
export class RouteTable {
  readonly #routes: CompiledRoute[];

  constructor(operations: readonly RestOperation[]) {
    const seen = new Set<string>();
    for (const op of operations) {
      const key = `${op.method} ${op.path.replace(/\{\w+\}/g, '{}')}`;
      if (seen.has(key)) throw new Error(`two REST operations answer ${key}`);
      seen.add(key);
    }
    this.#routes = operations
      .map((operation) => ({
        operation,
        pattern: new RegExp(
          `^${operation.path
            .split('/')
            .map((segment) => (/^\{\w+\}$/.test(segment) ? '([^/]+)' : escapeRegExp(segment)))
            .join('/')}/?$`,
        ),
        specificity: operation.path.split('/').filter((s) => s !== '' && !s.startsWith('{')).length,
      }))
      .sort((a, b) => b.specificity - a.specificity);
  }

  match(method: string, path: string): RouteMatch {
    const allowed: string[] = [];
    for (const route of this.#routes) {
      const found = route.pattern.exec(path);
      if (!found) continue;
      if (route.operation.method !== method) {
        allowed.push(route.operation.method);
        continue;
      }
      const params: Record<string, string> = {};
      for (const [i, name] of route.operation.pathParams.entries()) {
        const decoded = decodePathSegment(found[i + 1]!);
        if (decoded === null) return { kind: 'invalid_param', name };
        params[name] = decoded;
      }
      return { kind: 'found', operation: route.operation, params };
    }
    return allowed.length > 0 ? { kind: 'method_not_allowed', allowed } : { kind: 'not_found' };
  }
}

function decodePathSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null; // URIError: a stray `%` or an escape that is not UTF-8
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
