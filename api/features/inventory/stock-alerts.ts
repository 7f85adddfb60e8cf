import type { Knex } from 'knex';
import { LowStockAlert, type AlertStatus } from '../../../db/models';
import { fetchPage, type Page } from '../../../db/paging';
import type { Principal } from '../../auth/principal';
import { ConflictError, NotFoundError } from '../../http/errors';
import { applyOrdering } from '../../http/pagination';

export interface AlertFilters {
  page: number;
  page_size: number;
  ordering?: string;
  status: AlertStatus | 'active' | 'all';
  warehouse_id?: string;
  product_id?: string;
}

const withNames = (knex: Knex) => LowStockAlert.query(knex).withGraphJoined('[product, warehouse, level]');

/** Seed 001's low-stock alerts: by default the active ones (open or acknowledged), newest first. */
export async function listAlerts(knex: Knex, query: AlertFilters): Promise<Page<LowStockAlert>> {
  const builder = withNames(knex);
  if (query.status === 'active') builder.whereNot('low_stock_alerts.status', 'resolved');
  else if (query.status !== 'all') builder.where('low_stock_alerts.status', query.status);
  if (query.warehouse_id) builder.where('low_stock_alerts.warehouseId', query.warehouse_id);
  if (query.product_id) builder.where('low_stock_alerts.productId', query.product_id);
  applyOrdering(
    builder,
    query.ordering,
    { opened_at: 'low_stock_alerts.openedAt' },
    '-opened_at',
    'low_stock_alerts.id',
  );
  return fetchPage(builder, query.page, query.page_size);
}

/**
 * Someone has seen the alert (inventory.md §1.3: open → acknowledged); it still resolves by itself
 * when the level is back. Acknowledging twice changes nothing; a resolved alert is a 409.
 */
export async function acknowledgeAlert(db: Knex, principal: Principal, id: string): Promise<LowStockAlert> {
  await db.transaction(async (trx) => {
    const alert = await LowStockAlert.query(trx).findById(id).forUpdate();
    if (!alert) throw new NotFoundError();
    if (alert.status === 'resolved') throw new ConflictError('This alert is resolved: the stock is back.');
    if (alert.status === 'open')
      await LowStockAlert.query(trx)
        .findById(id)
        .patch({ status: 'acknowledged', acknowledgedBy: principal.userId, acknowledgedAt: new Date() });
  });
  const alert = await withNames(db).findById(id);
  if (!alert) throw new NotFoundError();
  return alert;
}
