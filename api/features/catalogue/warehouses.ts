import type { Knex } from 'knex';
import { Warehouse } from '../../../db/models';
import { containsPattern, fetchPage, type Page } from '../../../db/paging';
import { definedOnly } from '../../../lib/defined-only';
import { NotFoundError } from '../../http/errors';
import { applyOrdering } from '../../http/pagination';
import { assertFree } from './catalogue-rules';

const TAKEN = 'A warehouse with this code exists.';

export interface WarehouseFields {
  code?: string;
  name?: string;
  location?: string;
  capacity?: number | null;
  is_active?: boolean;
}

export async function listWarehouses(
  knex: Knex,
  query: { page: number; page_size: number; ordering?: string; search?: string; is_active?: boolean },
): Promise<Page<Warehouse>> {
  const builder = Warehouse.query(knex);
  if (query.is_active !== undefined) builder.where('warehouses.isActive', query.is_active);
  if (query.search) {
    const pattern = containsPattern(query.search);
    builder.where((where) => {
      where
        .whereILike('warehouses.name', pattern)
        .orWhereILike('warehouses.code', pattern)
        .orWhereILike('warehouses.location', pattern);
    });
  }
  applyOrdering(
    builder,
    query.ordering,
    { name: 'warehouses.name', code: 'warehouses.code', created_at: 'warehouses.createdAt' },
    'name',
    'warehouses.id',
  );
  return fetchPage(builder, query.page, query.page_size);
}

export async function getWarehouse(knex: Knex, id: string): Promise<Warehouse> {
  const warehouse = await Warehouse.query(knex).findById(id);
  if (!warehouse) throw new NotFoundError();
  return warehouse;
}

/** Seed 001 sends no code: one is made from the name (EAST-COAST-WAREHOUSE), numbered when taken. */
export async function createWarehouse(knex: Knex, body: WarehouseFields & { name: string }): Promise<Warehouse> {
  if (body.code) await assertFree(knex, Warehouse, 'code', body.code, 'code', TAKEN);
  const code = body.code ?? (await freeCode(knex, body.name));
  return Warehouse.query(knex).insertAndFetch({
    code,
    name: body.name,
    location: body.location ?? '',
    capacity: body.capacity ?? null,
    isActive: body.is_active ?? true,
  });
}

export async function updateWarehouse(knex: Knex, id: string, body: WarehouseFields): Promise<Warehouse> {
  await getWarehouse(knex, id);
  await assertFree(knex, Warehouse, 'code', body.code, 'code', TAKEN, id);
  return Warehouse.query(knex).patchAndFetchById(id, {
    ...definedOnly({
      code: body.code,
      name: body.name,
      location: body.location,
      capacity: body.capacity,
      isActive: body.is_active,
    }),
    updatedAt: new Date(),
  });
}

async function freeCode(knex: Knex, name: string): Promise<string> {
  const base =
    name
      .normalize('NFKD')
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .toUpperCase()
      .slice(0, 28) || 'WH';
  const taken = new Set(
    (
      await Warehouse.query(knex)
        .whereRaw('lower(code) LIKE lower(?)', [`${base}%`])
        .select('code')
    ).map((row) => row.code.toLowerCase()),
  );
  for (let n = 1; ; n += 1) {
    const code = n === 1 ? base : `${base}-${n}`;
    if (!taken.has(code.toLowerCase())) return code;
  }
}
