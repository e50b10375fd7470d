import { posix } from 'node:path';

/**
 * Every link in the site is relative, so `dist/` works from any sub-path of a host and from
 * `file://`. Page paths are site-root-relative, e.g. `models/plan_bound_v2/plan.failed.html`.
 */
export function relativeHref(fromPage: string, toPath: string): string {
  const [target, hash] = toPath.split('#', 2) as [string, string | undefined];
  const fromDir = posix.dirname(fromPage);
  let href = posix.relative(fromDir, target);
  if (target.endsWith('/') && !href.endsWith('/')) href = href ? `${href}/` : './';
  if (href === '') href = posix.basename(target) || './';
  return hash === undefined ? href : `${href}#${hash}`;
}

export const sitePaths = {
  index: 'index.html',
  model: (model: string) => `models/${model}/index.html`,
  event: (model: string, event: string) => `models/${model}/${event}.html`,
  eventSchema: (model: string, event: string) => `schemas/${model}/${event}.schema.json`,
  modelBundle: (model: string) => `schemas/${model}.bundle.schema.json`,
  schemaIndex: 'schemas/index.json',
  openapi: 'openapi.json',
  searchIndex: 'search-index.json',
  style: 'assets/style.css',
  searchScript: 'assets/search.js',
  guide: (slug: string) => `guides/${slug}.html`,
  notFound: '404.html',
} as const;
