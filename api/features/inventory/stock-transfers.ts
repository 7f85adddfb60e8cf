import type { Knex } from 'knex';
import { negateQuantity } from '../../../contracts/quantities';
import { StockTransfer } from '../../../db/models';
import { postMovements } from '../../../db/repositories/stock-ledger.repository';
import type { Principal } from '../../auth/principal';
import { ValidationError } from '../../http/errors';
import { activeWarehouse, stockProblem, stockProduct } from './inventory-rules';
import { presentTransfer } from './inventory.presenter';

export interface TransferBody {
  product_id: string;
  from_warehouse_id: string;
  to_warehouse_id: string;
  quantity: string;
  reason: string;
}

/**
 * Seed 001's immediate transfer (inventory.md §1.6): the transfer and its two movements (out of one
 * warehouse, into the other, opening a level there if needed) in one transaction, locked in the
 * ledger's global order so that crossed transfers cannot deadlock. Short stock is a 409.
 */
export async function transferStock(db: Knex, principal: Principal, body: TransferBody) {
  if (body.from_warehouse_id === body.to_warehouse_id)
    throw ValidationError.field('to_warehouse_id', 'Transfer to a different warehouse.');
  try {
    return await db.transaction(async (trx) => {
      await stockProduct(trx, body.product_id, 'product_id');
      await activeWarehouse(trx, body.from_warehouse_id, 'from_warehouse_id');
      await activeWarehouse(trx, body.to_warehouse_id, 'to_warehouse_id');
      const transfer = await StockTransfer.query(trx).insertAndFetch({
        productId: body.product_id,
        fromWarehouseId: body.from_warehouse_id,
        toWarehouseId: body.to_warehouse_id,
        quantity: body.quantity,
        reason: body.reason,
        actorId: principal.userId,
      });
      const common = {
        productId: body.product_id,
        reason: body.reason,
        sourceType: 'transfer',
        sourceId: transfer.id,
        transferId: transfer.id,
        actorId: principal.userId,
      };
      const [out, into] = await postMovements(
        trx,
        [
          {
            ...common,
            warehouseId: body.from_warehouse_id,
            qtyDelta: negateQuantity(body.quantity),
            movementType: 'transfer_out',
          },
          { ...common, warehouseId: body.to_warehouse_id, qtyDelta: body.quantity, movementType: 'transfer_in' },
        ],
        { openLevels: true },
      );
      if (!out || !into) throw new Error('a transfer posts two movements');
      return presentTransfer(transfer, out, into);
    });
  } catch (error) {
    throw stockProblem(error);
  }
}
