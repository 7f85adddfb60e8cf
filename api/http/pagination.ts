import type { Knex } from 'knex';
import type { QueryBuilder, Model } from 'objection';
import type { ZodRawShape } from 'zod';
import { z } from '../schemas/zod';
import type { AppContext } from './context';

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

export interface Page<T> {
  count: number;
  results: T[];
}

/** Where a list's total comes from when it can be had cheaper than counting the filtered rows: one row, column `n`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any model's count query
export type TotalQuery = Knex.QueryBuilder | QueryBuilder<any, any>;

/**
 * One statement for the page and its total: the total is a scalar subquery (`total`, or a count of
 * the same filters), so PostgreSQL can still walk an ordering index and stop after the page, which
 * `count(*) over ()` cannot (it sorts every matching row). A second query runs only past the end.
 */
export async function fetchPage<M extends Model>(
  query: QueryBuilder<M, M[]>,
  page: number,
  pageSize: number,
  total?: TotalQuery,
): Promise<Page<M>> {
  const model = query.modelClass();
  const counter = total ?? query.clone().clearWithGraph().clearSelect().clearOrder().count('* as n');
  if (!query.hasSelects()) query.select(`${model.tableName}.*`);
  const rows = await query
    .select(model.raw('(?) as total_count', [counter]))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const count =
    rows.length > 0
      ? Number((rows[0] as unknown as { totalCount: number }).totalCount)
      : page > 1
        ? await countOf(counter)
        : 0;
  for (const row of rows) delete (row as unknown as { totalCount?: number }).totalCount;
  return { count, results: rows };
}

async function countOf(counter: TotalQuery): Promise<number> {
  const [row] = (await counter) as unknown as Array<{ n?: number | string }>;
  return Number(row?.n ?? 0);
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

/** A list's answer: one page of `builder`, each row presented, in the envelope (the routes' common tail). */
export async function pageBody<M extends Model, T>(
  ctx: AppContext,
  baseUrl: string,
  builder: QueryBuilder<M, M[]>,
  query: { page: number; page_size: number },
  present: (row: M) => T,
  total?: TotalQuery,
) {
  const page = await fetchPage(builder, query.page, query.page_size, total);
  return pageEnvelope(ctx, baseUrl, page, page.results.map(present), query.page_size, query.page);
}

/** `%text%` for ILIKE with the caller's `%`, `_` and `\` taken literally (search never becomes a pattern). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, '\\$&')}%`;
}
