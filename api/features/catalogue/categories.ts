import type { Knex } from 'knex';
import { ProductCategory } from '../../../db/models';
import { containsPattern, fetchPage, type Page } from '../../../db/paging';
import { definedOnly } from '../../../lib/defined-only';
import { NotFoundError, ValidationError } from '../../http/errors';
import { applyOrdering } from '../../http/pagination';
import { assertActive, assertFree } from './catalogue-rules';

const TAKEN = 'A category with this name exists.';

export async function listCategories(
  knex: Knex,
  query: { page: number; page_size: number; ordering?: string; search?: string; is_active?: boolean },
): Promise<Page<ProductCategory>> {
  const builder = ProductCategory.query(knex);
  if (query.is_active !== undefined) builder.where('productCategories.isActive', query.is_active);
  if (query.search) builder.whereILike('productCategories.name', containsPattern(query.search));
  applyOrdering(
    builder,
    query.ordering,
    { name: 'productCategories.name', created_at: 'productCategories.createdAt' },
    'name',
    'productCategories.id',
  );
  return fetchPage(builder, query.page, query.page_size);
}

export async function createCategory(knex: Knex, body: { name: string; parent?: string | null }) {
  await assertFree(knex, ProductCategory, 'name', body.name, 'name', TAKEN);
  await assertActive(knex, ProductCategory, body.parent, 'parent', 'category');
  return ProductCategory.query(knex).insertAndFetch({ name: body.name, parentId: body.parent ?? null });
}

/** Renames, moves (never under itself or its own descendants) or (de)activates a category. */
export async function updateCategory(
  knex: Knex,
  id: string,
  body: { name?: string; parent?: string | null; is_active?: boolean },
): Promise<ProductCategory> {
  if (!(await ProductCategory.query(knex).findById(id))) throw new NotFoundError();
  await assertFree(knex, ProductCategory, 'name', body.name, 'name', TAKEN, id);
  if (body.parent) {
    await assertActive(knex, ProductCategory, body.parent, 'parent', 'category');
    if (await isWithin(knex, body.parent, id))
      throw ValidationError.field('parent', 'A category cannot sit under itself or one of its own subcategories.');
  }
  return ProductCategory.query(knex).patchAndFetchById(id, {
    ...definedOnly({ name: body.name, parentId: body.parent, isActive: body.is_active }),
    updatedAt: new Date(),
  });
}

/** Whether `candidate` is `ancestor` or lies below it (walked up, at most 32 levels). */
async function isWithin(knex: Knex, candidate: string, ancestor: string): Promise<boolean> {
  const { rows } = (await knex.raw(
    `WITH RECURSIVE up(id, parent_id, depth) AS (
       SELECT id, parent_id, 0 FROM product_categories WHERE id = ?
       UNION ALL
       SELECT c.id, c.parent_id, up.depth + 1 FROM product_categories c JOIN up ON c.id = up.parent_id WHERE up.depth < 32
     ) SELECT 1 AS hit FROM up WHERE id = ? LIMIT 1`,
    [candidate, ancestor],
  )) as { rows: unknown[] };
  return rows.length > 0;
}
