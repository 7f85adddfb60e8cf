import type { Knex } from 'knex';
import type { MovementType } from '../models';
import { syncLowStockAlerts } from './low-stock-alerts.repository';

// The inventory ledger (inventory.md §1.6–1.7, decision 0040): the one place stock changes. Every
// change is a movement posted with its level's update in one statement, in the caller's transaction.

export interface MovementInput {
  productId: string;
  warehouseId: string;
  /** Signed decimal string (`-6.000` issues six). Never zero. */
  qtyDelta: string;
  movementType: MovementType;
  reason?: string;
  sourceType?: string;
  sourceId?: string;
  sourceLineId?: string;
  transferId?: string;
  unitCost?: string | null;
  actorId?: string | null;
  /** Makes the posting idempotent: a second posting with the same key answers the first movement. */
  operationKey?: string;
}

export interface PostedMovement {
  id: string;
  levelId: string;
  productId: string;
  warehouseId: string;
  qtyDelta: string;
  qtyAfter: string;
  /** The level's `on_hand` before this movement, and its minimum (for the low-stock edge). */
  qtyBefore: string;
  minStockLevel: string | null;
  /** False when the operation key had been posted before and nothing was written now. */
  posted: boolean;
}

/** A movement would take a level below zero; nothing of the posting was written. */
export class StockShortError extends Error {
  constructor(
    readonly productId: string,
    readonly warehouseId: string,
    readonly onHand: string,
    readonly qtyDelta: string,
  ) {
    super(`Not enough stock: ${onHand} on hand, ${qtyDelta.replace(/^-/, '')} asked for.`);
  }
}

/** A movement names a (product, warehouse) that has no stock level, and may not open one. */
export class StockLevelMissingError extends Error {
  constructor(
    readonly productId: string,
    readonly warehouseId: string,
  ) {
    super('This product has no stock level in this warehouse.');
  }
}

// Raw rows keep the SQL's names (the snake-case mappers only touch query builders): alias in camelCase.
const RETURNED = `level.id AS "levelId", level.product_id AS "productId", level.warehouse_id AS "warehouseId",
  moved.id, moved.qty_delta AS "qtyDelta", moved.qty_after AS "qtyAfter",
  moved.qty_after - moved.qty_delta AS "qtyBefore", level.min_stock_level AS "minStockLevel"`;

/**
 * Posts movements in the caller's transaction, in one global lock order (product, then warehouse)
 * so that crossed transfers and bulk changes cannot deadlock (inventory.md §1.7). Each movement is
 * one statement: the level's `on_hand + Δ` (refused, not written, when it would go negative; the
 * CHECK constraint stands behind it) and the movement with `qty_after` from the same row, under the
 * same row lock. `openLevels`: a movement into a (product, warehouse) without a level opens it (a
 * receipt, a transfer in); otherwise that is StockLevelMissingError. Low-stock alerts follow the
 * levels in the same transaction (db/repositories/low-stock-alerts.repository.ts). Answers in the
 * input's order.
 */
export async function postMovements(
  trx: Knex.Transaction,
  movements: MovementInput[],
  options: { openLevels?: boolean } = {},
): Promise<PostedMovement[]> {
  const order = movements
    .map((movement, index) => ({ movement, index }))
    .sort(
      (a, b) =>
        compare(a.movement.productId, b.movement.productId) ||
        compare(a.movement.warehouseId, b.movement.warehouseId) ||
        a.index - b.index,
    );
  const posted: PostedMovement[] = new Array<PostedMovement>(movements.length);
  for (const { movement, index } of order) posted[index] = await postOne(trx, movement, options.openLevels ?? false);
  await syncLowStockAlerts(trx, [...new Set(posted.filter((p) => p.posted).map((p) => p.levelId))]);
  return posted;
}

async function postOne(trx: Knex.Transaction, movement: MovementInput, openLevels: boolean): Promise<PostedMovement> {
  if (movement.operationKey) {
    const earlier = await postedBefore(trx, movement.operationKey);
    if (earlier) return earlier;
  }
  if (openLevels && Number(movement.qtyDelta) > 0)
    await trx.raw(
      `INSERT INTO stock_levels (product_id, warehouse_id) VALUES (?, ?)
       ON CONFLICT (tenant_id, product_id, warehouse_id) DO NOTHING`,
      [movement.productId, movement.warehouseId],
    );
  const values = [
    movement.qtyDelta,
    movement.productId,
    movement.warehouseId,
    movement.qtyDelta,
    movement.qtyDelta,
    movement.movementType,
    movement.reason ?? '',
    movement.sourceType ?? null,
    movement.sourceId ?? null,
    movement.sourceLineId ?? null,
    movement.transferId ?? null,
    movement.unitCost ?? null,
    movement.actorId ?? null,
    movement.operationKey ?? null,
  ];
  const { rows } = (await trx.raw(
    `WITH next AS (SELECT nextval(pg_get_serial_sequence('stock_movements', 'id')) AS id),
     level AS (
       UPDATE stock_levels
          SET on_hand = on_hand + ?::numeric, version = version + 1, updated_at = now(),
              last_movement_id = (SELECT id FROM next)
        WHERE product_id = ? AND warehouse_id = ? AND on_hand + ?::numeric >= 0
        RETURNING id, product_id, warehouse_id, on_hand, min_stock_level),
     moved AS (
       INSERT INTO stock_movements (id, product_id, warehouse_id, qty_delta, qty_after, movement_type, reason,
                                    source_type, source_id, source_line_id, transfer_id, unit_cost, actor_id,
                                    operation_key)
       SELECT next.id, level.product_id, level.warehouse_id, ?::numeric, level.on_hand, ?, ?, ?, ?, ?, ?, ?, ?, ?
         FROM level, next
       RETURNING id, qty_delta, qty_after)
     SELECT ${RETURNED} FROM level, moved`,
    values,
  )) as { rows: PostedRow[] };
  const row = rows[0];
  if (row) return fromRow(row, true);
  // Nothing was updated: the level is missing, or it holds too little (read now, under no lock: the
  // answer only explains the refusal).
  const level = (await trx('stock_levels')
    .where({ productId: movement.productId, warehouseId: movement.warehouseId })
    .first('onHand')) as { onHand: string } | undefined;
  if (!level) throw new StockLevelMissingError(movement.productId, movement.warehouseId);
  throw new StockShortError(movement.productId, movement.warehouseId, level.onHand, movement.qtyDelta);
}

interface PostedRow {
  levelId: string;
  productId: string;
  warehouseId: string;
  id: string;
  qtyDelta: string;
  qtyAfter: string;
  qtyBefore: string;
  minStockLevel: string | null;
}

async function postedBefore(trx: Knex.Transaction, operationKey: string): Promise<PostedMovement | undefined> {
  const { rows } = (await trx.raw(
    `SELECT ${RETURNED}
       FROM stock_movements moved
       JOIN stock_levels level USING (tenant_id, product_id, warehouse_id)
      WHERE moved.operation_key = ?`,
    [operationKey],
  )) as { rows: PostedRow[] };
  return rows[0] ? fromRow(rows[0], false) : undefined;
}

const fromRow = (row: PostedRow, posted: boolean): PostedMovement => ({
  id: String(row.id),
  levelId: row.levelId,
  productId: row.productId,
  warehouseId: row.warehouseId,
  qtyDelta: row.qtyDelta,
  qtyAfter: row.qtyAfter,
  qtyBefore: row.qtyBefore,
  minStockLevel: row.minStockLevel,
  posted,
});

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The verify route's check (inventory.md §1.6): every level whose `on_hand` differs from the sum of
 * its movements, with both figures. An empty answer means the ledger and the levels agree.
 */
export async function ledgerDisagreements(
  knex: Knex,
): Promise<Array<{ levelId: string; productId: string; warehouseId: string; onHand: string; ledger: string }>> {
  const { rows } = (await knex.raw(
    `SELECT level.id AS "levelId", level.product_id AS "productId", level.warehouse_id AS "warehouseId",
            level.on_hand AS "onHand", COALESCE(sum(moved.qty_delta), 0) AS ledger
       FROM stock_levels level
       LEFT JOIN stock_movements moved USING (tenant_id, product_id, warehouse_id)
      GROUP BY level.id
     HAVING level.on_hand <> COALESCE(sum(moved.qty_delta), 0)
      ORDER BY level.product_id, level.warehouse_id`,
  )) as {
    rows: Array<{ levelId: string; productId: string; warehouseId: string; onHand: string; ledger: string }>;
  };
  return rows;
}
