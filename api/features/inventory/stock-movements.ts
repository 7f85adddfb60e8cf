import type { Knex } from 'knex';
import { StockLevel, StockMovement, type MovementType } from '../../../db/models';
import { fetchPage, type Page } from '../../../db/paging';
import { ledgerDisagreements } from '../../../db/repositories/stock-ledger.repository';
import { applyOrdering } from '../../http/pagination';

export interface MovementFilters {
  page: number;
  page_size: number;
  ordering?: string;
  product_id?: string;
  warehouse_id?: string;
  movement_type?: MovementType;
  source_type?: string;
  transfer_id?: string;
  date_from?: string;
  date_to?: string;
}

/** The ledger, newest first; days are UTC and both ends are inclusive. */
export async function listMovements(knex: Knex, query: MovementFilters): Promise<Page<StockMovement>> {
  const builder = StockMovement.query(knex).withGraphJoined('[product, warehouse]');
  if (query.product_id) builder.where('stock_movements.productId', query.product_id);
  if (query.warehouse_id) builder.where('stock_movements.warehouseId', query.warehouse_id);
  if (query.movement_type) builder.where('stock_movements.movementType', query.movement_type);
  if (query.source_type) builder.where('stock_movements.sourceType', query.source_type);
  if (query.transfer_id) builder.where('stock_movements.transferId', query.transfer_id);
  if (query.date_from) builder.where('stock_movements.createdAt', '>=', `${query.date_from}T00:00:00Z`);
  if (query.date_to)
    builder.whereRaw(`stock_movements.created_at < (?::date + 1)::timestamp AT TIME ZONE 'UTC'`, [query.date_to]);
  applyOrdering(builder, query.ordering, { created_at: 'stock_movements.id' }, '-created_at', 'stock_movements.id');
  return fetchPage(builder, query.page, query.page_size);
}

/** The verify route (inventory.md §1.6): every level recomputed from its movements. */
export async function verifyLedger(knex: Knex) {
  const disagreements = await ledgerDisagreements(knex);
  const [levels] = (await StockLevel.query(knex).count('* as n')) as unknown as Array<{ n: string }>;
  const [movements] = (await StockMovement.query(knex).count('* as n')) as unknown as Array<{ n: string }>;
  return {
    consistent: disagreements.length === 0,
    levels: Number(levels?.n ?? 0),
    movements: Number(movements?.n ?? 0),
    disagreements: disagreements.map((row) => ({
      id: row.levelId,
      product_id: row.productId,
      warehouse_id: row.warehouseId,
      quantity: row.onHand,
      ledger: row.ledger,
    })),
  };
}
