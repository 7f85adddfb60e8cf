import type { Knex } from 'knex';
import type { Model, QueryBuilder } from 'objection';

// One page of a list query and its total, in one statement (P1 and P5 of quality.md).

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

/** `%text%` for ILIKE with the caller's `%`, `_` and `\` taken literally (search never becomes a pattern). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, '\\$&')}%`;
}
