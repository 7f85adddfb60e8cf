import type { Knex } from 'knex';
import { subtractQuantities, compareQuantities } from '../../../contracts/quantities';
import { ProductCategory, Product, StockLevel } from '../../../db/models';
import { containsPattern, fetchPage, type Page } from '../../../db/paging';
import { syncLowStockAlerts } from '../../../db/repositories/low-stock-alerts.repository';
import { postMovements } from '../../../db/repositories/stock-ledger.repository';
import { isUuid } from '../../../lib/is-uuid';
import type { Principal } from '../../auth/principal';
import {
  addFieldError,
  ConflictError,
  NotFoundError,
  PreconditionFailedError,
  ValidationError,
  type FieldErrors,
} from '../../http/errors';
import { applyOrdering } from '../../http/pagination';
import {
  activeWarehouse,
  ruleColumns,
  ruleErrors,
  stockProblem,
  stockProduct,
  type RuleFields,
} from './inventory-rules';

export interface StockLevelFilters {
  page: number;
  page_size: number;
  ordering?: string;
  search?: string;
  product_name?: string;
  product_id?: string;
  category?: string;
  warehouse_id?: string;
  stock_status?: 'out' | 'low' | 'normal';
  min_stock?: string;
  max_stock?: string;
}

export interface StockChange extends RuleFields {
  quantity?: string;
  reason?: string;
  expected_quantity?: string;
}

const withNames = (knex: Knex) => StockLevel.query(knex).withGraphJoined('[product.category, warehouse]');

const STATUS_SQL = {
  out: 'stock_levels.on_hand <= 0',
  low: 'stock_levels.on_hand > 0 AND stock_levels.min_stock_level IS NOT NULL AND stock_levels.on_hand < stock_levels.min_stock_level',
  normal:
    'stock_levels.on_hand > 0 AND (stock_levels.min_stock_level IS NULL OR stock_levels.on_hand >= stock_levels.min_stock_level)',
};

/** Seed 001's inventory list, with its filters and ordering. */
export async function listStockLevels(knex: Knex, query: StockLevelFilters): Promise<Page<StockLevel>> {
  const builder = withNames(knex);
  if (query.warehouse_id) builder.where('stock_levels.warehouseId', query.warehouse_id);
  if (query.product_id) builder.where('stock_levels.productId', query.product_id);
  if (query.stock_status) builder.whereRaw(STATUS_SQL[query.stock_status]);
  if (query.min_stock) builder.where('stock_levels.onHand', '>=', query.min_stock);
  if (query.max_stock) builder.where('stock_levels.onHand', '<=', query.max_stock);
  // Filters on the product are subqueries (not the joined alias), so the page's count can use them too.
  const products = Product.query(knex).select('products.id');
  let byProduct = false;
  if (query.product_name) {
    products.whereILike('products.name', containsPattern(query.product_name));
    byProduct = true;
  }
  if (query.search) {
    const pattern = containsPattern(query.search);
    products.where((where) => {
      where.whereILike('products.name', pattern).orWhereILike('products.sku', pattern);
    });
    byProduct = true;
  }
  if (query.category) {
    if (isUuid(query.category)) products.where('products.categoryId', query.category);
    else
      products.whereIn(
        'products.categoryId',
        ProductCategory.query(knex).select('id').whereRaw('lower(name) = lower(?)', [query.category]),
      );
    byProduct = true;
  }
  if (byProduct) builder.whereIn('stock_levels.productId', products);
  applyOrdering(
    builder,
    query.ordering,
    {
      quantity: 'stock_levels.onHand',
      last_updated: 'stock_levels.updatedAt',
      product__name: 'product.name',
      product__sku: 'product.sku',
      warehouse__code: 'warehouse.code',
    },
    'product__name',
    'stock_levels.id',
  );
  return fetchPage(builder, query.page, query.page_size);
}

export async function getStockLevel(knex: Knex, id: string): Promise<StockLevel> {
  const level = await withNames(knex).findById(id);
  if (!level) throw new NotFoundError();
  return level;
}

/** Opens a level for a (product, warehouse), its opening balance written as an `opening` movement. */
export async function openStockLevel(
  db: Knex,
  principal: Principal,
  body: RuleFields & { product_id: string; warehouse_id: string; quantity?: string; reason?: string },
): Promise<StockLevel> {
  const id = await db.transaction(async (trx) => {
    await stockProduct(trx, body.product_id, 'product_id');
    await activeWarehouse(trx, body.warehouse_id, 'warehouse_id');
    const errors = await ruleErrors(trx, body, { minStockLevel: null, maxStockLevel: null });
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);
    const existing = await StockLevel.query(trx)
      .where({ productId: body.product_id, warehouseId: body.warehouse_id })
      .first();
    if (existing)
      throw new ConflictError('This product already has a stock level in this warehouse; change its quantity.');
    const level = await StockLevel.query(trx).insert({
      productId: body.product_id,
      warehouseId: body.warehouse_id,
      ...ruleColumns(body),
    });
    if (!body.quantity || compareQuantities(body.quantity, '0') === 0) await syncLowStockAlerts(trx, [level.id]);
    else
      await postMovements(trx, [
        {
          productId: body.product_id,
          warehouseId: body.warehouse_id,
          qtyDelta: body.quantity,
          movementType: 'opening',
          reason: body.reason || 'Opening balance',
          actorId: principal.userId,
        },
      ]);
    return level.id;
  });
  return getStockLevel(db, id);
}

/**
 * PATCH of one level (inventory.md §1.7): the row is locked first, the caller's `If-Match` (its
 * version) and `expected_quantity` are compared with what is stored (412 when stale), and a new
 * `quantity` becomes an `adjustment` movement of the difference, never a blind overwrite.
 */
export async function updateStockLevel(
  db: Knex,
  principal: Principal,
  id: string,
  change: StockChange,
  ifMatch: string | undefined,
): Promise<StockLevel> {
  try {
    await db.transaction(async (trx) => {
      const level = await StockLevel.query(trx).findById(id).forUpdate();
      if (!level) throw new NotFoundError();
      if (ifMatch !== undefined && !etagMatches(ifMatch, level.version))
        throw new PreconditionFailedError(
          `Someone changed this stock level since you read it: ${level.onHand} are on hand now (version ${level.version}). Reload it and try again.`,
        );
      const plan = await planChange(trx, level, change, undefined, '');
      if (plan.stale) throw new PreconditionFailedError(plan.stale);
      if (Object.keys(plan.errors).length > 0) throw new ValidationError(plan.errors);
      await applyChange(trx, principal, level, change, plan.delta, plan.reason);
    });
  } catch (error) {
    throw stockProblem(error);
  }
  return getStockLevel(db, id);
}

/**
 * Seed 001's bulk update, all or nothing: every row is checked before anything is written, and one
 * bad row answers 400 with its index (`updates.3.data.quantity`) and changes nothing. The rows are
 * locked in the ledger's global order (product, warehouse), so two bulk updates cannot deadlock.
 */
export async function bulkUpdateStockLevels(
  db: Knex,
  principal: Principal,
  body: { updates: Array<{ id: string; data: StockChange }>; reason?: string },
): Promise<StockLevel[]> {
  const ids = body.updates.map((update) => update.id);
  try {
    await db.transaction(async (trx) => {
      const levels = await StockLevel.query(trx)
        .whereIn('id', [...new Set(ids)])
        .orderBy(['productId', 'warehouseId'])
        .forUpdate();
      const byId = new Map(levels.map((level) => [level.id, level]));
      const errors: FieldErrors = {};
      const plans = [];
      const seen = new Set<string>();
      for (const [index, update] of body.updates.entries()) {
        const level = byId.get(update.id);
        if (!level) {
          addFieldError(errors, `updates.${index}.id`, 'No stock level has this id.');
          continue;
        }
        if (seen.has(update.id)) addFieldError(errors, `updates.${index}.id`, 'This level is already changed above.');
        seen.add(update.id);
        const plan = await planChange(trx, level, update.data, body.reason, `updates.${index}.data.`);
        if (plan.stale) addFieldError(errors, `updates.${index}.data.expected_quantity`, plan.stale);
        for (const [field, messages] of Object.entries(plan.errors))
          for (const message of messages) addFieldError(errors, field, message);
        plans.push({ level, change: update.data, plan });
      }
      if (Object.keys(errors).length > 0)
        throw new ValidationError(errors, 'Nothing was changed: correct the rows listed and send them all again.');
      for (const { level, change, plan } of plans)
        await applyChange(trx, principal, level, change, plan.delta, plan.reason);
    });
  } catch (error) {
    throw stockProblem(error);
  }
  const page = await withNames(db).whereIn('stock_levels.id', ids);
  const byId = new Map(page.map((level) => [level.id, level]));
  return ids.map((id) => byId.get(id) as StockLevel);
}

interface ChangePlan {
  errors: FieldErrors;
  /** Why the change is refused as stale (412 alone, an error of its row in a bulk). */
  stale?: string;
  delta: string | null;
  reason: string;
}

async function planChange(
  trx: Knex,
  level: StockLevel,
  change: StockChange,
  defaultReason: string | undefined,
  prefix: string,
): Promise<ChangePlan> {
  const errors = await ruleErrors(trx, change, level, prefix);
  const reason = change.reason || defaultReason || '';
  let delta: string | null = null;
  if (change.quantity !== undefined) {
    delta = subtractQuantities(change.quantity, level.onHand);
    if (!reason) addFieldError(errors, `${prefix}reason`, 'Say why the count changed.');
    if (compareQuantities(delta, '0') === 0) delta = null;
  }
  const stale =
    change.expected_quantity !== undefined && compareQuantities(change.expected_quantity, level.onHand) !== 0
      ? `${level.onHand} are on hand now, not ${change.expected_quantity}: reload and count again.`
      : undefined;
  return { errors, stale, delta, reason };
}

async function applyChange(
  trx: Knex.Transaction,
  principal: Principal,
  level: StockLevel,
  change: StockChange,
  delta: string | null,
  reason: string,
): Promise<void> {
  if (delta !== null)
    await postMovements(trx, [
      {
        productId: level.productId,
        warehouseId: level.warehouseId,
        qtyDelta: delta,
        movementType: 'adjustment',
        reason,
        actorId: principal.userId,
      },
    ]);
  const rule = ruleColumns(change);
  if (Object.keys(rule).length > 0) {
    await StockLevel.query(trx)
      .findById(level.id)
      .patch({ ...rule, version: StockLevel.raw('version + 1'), updatedAt: new Date() } as never);
    // A new minimum may put the level below it, or above it, without any movement.
    if (rule.minStockLevel !== undefined) await syncLowStockAlerts(trx, [level.id]);
  }
}

/** `If-Match: "3"`, `W/"3"` or `*`; a list matches when any of its tags does. */
function etagMatches(header: string, version: number): boolean {
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === `"${version}"`);
}
