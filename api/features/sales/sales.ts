import type { Knex } from 'knex';
import { lineTotal, sumMoney } from '../../../contracts/money';
import { negateQuantity } from '../../../contracts/quantities';
import { Product, Sale, SaleLine } from '../../../db/models';
import { containsPattern, fetchPage, type Page } from '../../../db/paging';
import { nextDocumentNumber } from '../../../db/repositories/document-numbers.repository';
import { postMovements } from '../../../db/repositories/stock-ledger.repository';
import type { Principal } from '../../auth/principal';
import { addFieldError, ConflictError, NotFoundError, ValidationError, type FieldErrors } from '../../http/errors';
import { applyOrdering } from '../../http/pagination';
import { activeWarehouse, stockProblem } from '../inventory/inventory-rules';

export interface SaleFilters {
  page: number;
  page_size: number;
  ordering?: string;
  search?: string;
  status?: 'completed' | 'cancelled';
  warehouse_id?: string;
  product_id?: string;
  date_from?: string;
  date_to?: string;
}

export interface NewSale {
  customer_name: string;
  customer_email?: string | null;
  warehouse_id: string;
  currency?: string;
  notes?: string;
  lines: Array<{ product_id: string; quantity: string; unit_price?: string }>;
}

const withLines = (knex: Knex) =>
  Sale.query(knex)
    .withGraphFetched('[warehouse, lines(byNumber).product]')
    .modifiers({
      byNumber: (query) => {
        query.orderBy('lineNo');
      },
    });

/** Seed 003's sales list, newest first by default. */
export async function listSales(knex: Knex, query: SaleFilters): Promise<Page<Sale>> {
  const builder = withLines(knex);
  if (query.status) builder.where('sales.status', query.status);
  if (query.warehouse_id) builder.where('sales.warehouseId', query.warehouse_id);
  if (query.product_id)
    builder.whereIn('sales.id', SaleLine.query(knex).select('saleId').where('productId', query.product_id));
  if (query.date_from) builder.where('sales.soldAt', '>=', `${query.date_from}T00:00:00Z`);
  if (query.date_to) builder.whereRaw(`sales.sold_at < (?::date + 1)::timestamp AT TIME ZONE 'UTC'`, [query.date_to]);
  if (query.search) {
    const pattern = containsPattern(query.search);
    builder.where((where) => {
      where.whereILike('sales.number', pattern).orWhereILike('sales.customerName', pattern);
    });
  }
  applyOrdering(
    builder,
    query.ordering,
    { sold_at: 'sales.soldAt', total: 'sales.total', number: 'sales.number' },
    '-sold_at',
    'sales.id',
  );
  return fetchPage(builder, query.page, query.page_size);
}

export async function getSale(knex: Knex, id: string): Promise<Sale> {
  const sale = await withLines(knex).findById(id);
  if (!sale) throw new NotFoundError();
  return sale;
}

/**
 * A sale and its `sale` movements in one transaction: every stock line issues its quantity from the
 * sale's warehouse through the ledger, so stock that is short refuses the whole sale (409
 * `insufficient-stock`) and nothing is written. Service lines issue nothing. Prices default to the
 * catalogue's and must be in the sale's currency.
 */
export async function createSale(
  db: Knex,
  principal: Principal,
  defaultCurrency: string,
  body: NewSale,
): Promise<Sale> {
  const currency = body.currency ?? defaultCurrency;
  try {
    const id = await db.transaction(async (trx) => {
      await activeWarehouse(trx, body.warehouse_id, 'warehouse_id');
      const products = new Map(
        (await Product.query(trx).findByIds([...new Set(body.lines.map((line) => line.product_id))])).map((p) => [
          p.id,
          p,
        ]),
      );
      const errors: FieldErrors = {};
      const lines = body.lines.map((line, index) => {
        const product = products.get(line.product_id);
        if (!product || !product.isActive)
          addFieldError(errors, `lines.${index}.product_id`, 'No active product has this id.');
        else if (line.unit_price === undefined && product.currency !== currency)
          addFieldError(
            errors,
            `lines.${index}.unit_price`,
            `The catalogue prices this product in ${product.currency}: give its price in ${currency}.`,
          );
        const unitPrice = line.unit_price ?? product?.price ?? '0.00';
        return { ...line, lineNo: index + 1, unitPrice, lineTotal: lineTotal(line.quantity, unitPrice), product };
      });
      if (Object.keys(errors).length > 0) throw new ValidationError(errors);
      const sale = await Sale.query(trx).insertAndFetch({
        number: await nextDocumentNumber(trx, 'SALE'),
        customerName: body.customer_name,
        customerEmail: body.customer_email ?? null,
        warehouseId: body.warehouse_id,
        currency,
        total: sumMoney(lines.map((line) => line.lineTotal)),
        notes: body.notes ?? '',
        soldBy: principal.userId,
      });
      const saved = await SaleLine.query(trx).insertAndFetch(
        lines.map((line) => ({
          saleId: sale.id,
          lineNo: line.lineNo,
          productId: line.product_id,
          quantity: line.quantity,
          unitPrice: line.unitPrice,
          lineTotal: line.lineTotal,
        })),
      );
      const stockLines = saved.filter((line) => products.get(line.productId)?.isStockItem);
      await postMovements(
        trx,
        stockLines.map((line) => ({
          productId: line.productId,
          warehouseId: body.warehouse_id,
          qtyDelta: negateQuantity(line.quantity),
          movementType: 'sale' as const,
          reason: `Sale ${sale.number}`,
          sourceType: 'sale',
          sourceId: sale.id,
          sourceLineId: line.id,
          actorId: principal.userId,
        })),
      );
      return sale.id;
    });
    return await getSale(db, id);
  } catch (error) {
    throw stockProblem(error);
  }
}

/**
 * Cancels a sale: its stock goes back to the warehouse (`sale_reversal` movements, one per stock
 * line) and the sale stays, marked cancelled with who, when and why. A cancelled sale is a 409.
 */
export async function cancelSale(db: Knex, principal: Principal, id: string, reason: string): Promise<Sale> {
  await db.transaction(async (trx) => {
    const sale = await Sale.query(trx).findById(id).forUpdate().withGraphFetched('lines.product');
    if (!sale) throw new NotFoundError();
    if (sale.status === 'cancelled') throw new ConflictError('This sale is already cancelled.');
    await Sale.query(trx)
      .findById(id)
      .patch({ status: 'cancelled', cancelledAt: new Date(), cancelledBy: principal.userId, cancelReason: reason });
    await postMovements(
      trx,
      (sale.lines ?? [])
        .filter((line) => line.product?.isStockItem)
        .map((line) => ({
          productId: line.productId,
          warehouseId: sale.warehouseId,
          qtyDelta: line.quantity,
          movementType: 'sale_reversal' as const,
          reason: `Sale ${sale.number} cancelled: ${reason}`,
          sourceType: 'sale',
          sourceId: sale.id,
          sourceLineId: line.id,
          actorId: principal.userId,
        })),
      { openLevels: true },
    );
  });
  return getSale(db, id);
}
