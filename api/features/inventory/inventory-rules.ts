import type { Knex } from 'knex';
import { compareQuantities } from '../../../contracts/quantities';
import { Product, Team, Warehouse } from '../../../db/models';
import { StockLevelMissingError, StockShortError } from '../../../db/repositories/stock-ledger.repository';
import type { Principal } from '../../auth/principal';
import { addFieldError, InsufficientStockError, ValidationError, type FieldErrors } from '../../http/errors';
import { mayManageCatalogue } from '../catalogue/catalogue-rules';

/**
 * Who changes stock (decision 0040): whoever manages the catalogue (administrators and procurement
 * officers); everyone signed in reads levels and movements. Decided before the body is read.
 */
export const authorizeStockChange = ({ principal, db }: { principal: Principal; db: Knex }) =>
  mayManageCatalogue(db, principal, 'Only procurement officers and administrators change stock.');

/** The ledger's refusals as the API's: a level that would go negative, or one that does not exist. */
export function stockProblem(error: unknown): unknown {
  if (error instanceof StockShortError) return new InsufficientStockError(error.message);
  if (error instanceof StockLevelMissingError)
    return new InsufficientStockError(`${error.message} Nothing is on hand.`);
  return error;
}

/** A product that can hold stock: active, and a stock item (service items never get levels). */
export async function stockProduct(knex: Knex, id: string, field: string): Promise<Product> {
  const product = await Product.query(knex).findById(id);
  if (!product || !product.isActive) throw ValidationError.field(field, 'No active product has this id.');
  if (!product.isStockItem) throw ValidationError.field(field, 'This product is a service: it holds no stock.');
  return product;
}

export async function activeWarehouse(knex: Knex, id: string, field: string): Promise<Warehouse> {
  const warehouse = await Warehouse.query(knex).findById(id);
  if (!warehouse || !warehouse.isActive) throw ValidationError.field(field, 'No open warehouse has this id.');
  return warehouse;
}

export interface RuleFields {
  min_stock_level?: string | null;
  max_stock_level?: string | null;
  reorder_qty?: string | null;
  qty_multiple?: string | null;
  reorder_trigger?: 'auto' | 'manual' | 'off';
  replenish_team?: string | null;
}

/** A reorder rule's own consistency, with the level's stored values for fields the change leaves out. */
export async function ruleErrors(
  knex: Knex,
  change: RuleFields,
  stored: { minStockLevel: string | null; maxStockLevel: string | null },
  prefix = '',
): Promise<FieldErrors> {
  const errors: FieldErrors = {};
  const min = change.min_stock_level !== undefined ? change.min_stock_level : stored.minStockLevel;
  const max = change.max_stock_level !== undefined ? change.max_stock_level : stored.maxStockLevel;
  if (min !== null && max !== null && compareQuantities(max, min) < 0)
    addFieldError(errors, `${prefix}max_stock_level`, 'The maximum may not be below the minimum.');
  if (change.replenish_team) {
    const team = await Team.query(knex).findById(change.replenish_team);
    if (!team || !team.isActive) addFieldError(errors, `${prefix}replenish_team`, 'No active team has this id.');
  }
  return errors;
}

/** The rule's columns from a change (only the fields it names). */
export const ruleColumns = (change: RuleFields) => ({
  ...(change.min_stock_level !== undefined ? { minStockLevel: change.min_stock_level } : {}),
  ...(change.max_stock_level !== undefined ? { maxStockLevel: change.max_stock_level } : {}),
  ...(change.reorder_qty !== undefined ? { reorderQty: change.reorder_qty } : {}),
  ...(change.qty_multiple !== undefined ? { qtyMultiple: change.qty_multiple } : {}),
  ...(change.reorder_trigger !== undefined ? { reorderTrigger: change.reorder_trigger } : {}),
  ...(change.replenish_team !== undefined ? { replenishTeamId: change.replenish_team } : {}),
});
