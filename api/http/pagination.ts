import type { QueryBuilder, Model } from 'objection';
import type { ZodRawShape } from 'zod';
import { z } from './zod';
import type { AppContext } from './context';
import { fetchPage, type Page, type TotalQuery } from '../../db/paging';

export const MAX_PAGE_SIZE = 100;

const paginationShape = {
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  page_size: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(25),
  search: z.string().trim().min(1).max(200).optional().describe('Case-insensitive match on the text fields'),
};

/** `ordering=field` or `ordering=-field`, only from the whitelist: anything else is a 400 before SQL. */
export function orderingParam<const F extends readonly [string, ...string[]]>(fields: F) {
  const values = fields.flatMap((field) => [field, `-${field}`]) as [string, ...string[]];
  return z
    .enum(values)
    .optional()
    .describe(`One of: ${values.join(', ')}`);
}

/** A list's query schema: pagination, search, ordering and its own filters; unknown parameters → 400. */
export function listQuery<const F extends readonly [string, ...string[]], S extends ZodRawShape>(
  ordering: F,
  filters: S,
) {
  return z.strictObject({ ...paginationShape, ordering: orderingParam(ordering), ...filters });
}

export function paginated<T extends z.ZodType>(item: T) {
  return z.object({
    count: z.number().int(),
    next: z.string().nullable(),
    previous: z.string().nullable(),
    results: z.array(item),
  });
}

/** Applies `ordering` through a column map, with the id as tie-breaker so pages never overlap. */
export function applyOrdering<M extends Model>(
  query: QueryBuilder<M, M[]>,
  ordering: string | undefined,
  columns: Record<string, string>,
  fallback: string,
  idColumn: string,
): QueryBuilder<M, M[]> {
  const value = ordering ?? fallback;
  const descending = value.startsWith('-');
  const column = columns[value.replace(/^-/, '')];
  if (!column) throw new Error(`ordering "${value}" is not mapped`); // unreachable: the schema whitelists
  return query.orderBy(column, descending ? 'desc' : 'asc').orderBy(idColumn, descending ? 'desc' : 'asc');
}

/** The `{count, next, previous, results}` envelope with absolute links built from PUBLIC_BASE_URL. */
export function pageEnvelope<T>(
  ctx: AppContext,
  baseUrl: string,
  page: Page<unknown>,
  results: T[],
  pageSize: number,
  pageNumber: number,
) {
  const link = (target: number) => {
    const params = new URLSearchParams(ctx.querystring);
    params.set('page', String(target));
    return `${baseUrl}${ctx.originalUrl.split('?')[0]}?${params.toString()}`;
  };
  const lastPage = Math.max(1, Math.ceil(page.count / pageSize));
  return {
    count: page.count,
    next: pageNumber < lastPage ? link(pageNumber + 1) : null,
    previous: pageNumber > 1 ? link(Math.min(pageNumber - 1, lastPage)) : null,
    results,
  };
}

/** A list's answer: a page a use case fetched, each row presented, in the envelope. */
export function presentPage<R, T>(
  ctx: AppContext,
  baseUrl: string,
  page: Page<R>,
  query: { page: number; page_size: number },
  present: (row: R) => T,
) {
  return pageEnvelope(ctx, baseUrl, page, page.results.map(present), query.page_size, query.page);
}

/** A list's answer: one page of `builder`, each row presented, in the envelope (the routes' common tail). */
export async function pageBody<M extends Model, T>(
  ctx: AppContext,
  baseUrl: string,
  builder: QueryBuilder<M, M[]>,
  query: { page: number; page_size: number },
  present: (row: M) => T,
  total?: TotalQuery,
) {
  return presentPage(ctx, baseUrl, await fetchPage(builder, query.page, query.page_size, total), query, present);
}
