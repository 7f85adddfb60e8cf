import type { Sale } from '../../../db/models';
import { iso as isoOrNull, isoTime as iso } from '../../http/iso';

/** A sale with its warehouse and lines (each with its product) fetched with it. */
export const presentSale = (sale: Sale) => ({
  id: sale.id,
  number: sale.number,
  status: sale.status,
  customer_name: sale.customerName,
  customer_email: sale.customerEmail,
  warehouse: { id: sale.warehouseId, code: sale.warehouse?.code ?? '', name: sale.warehouse?.name ?? '' },
  currency: sale.currency,
  total: sale.total,
  notes: sale.notes,
  lines: (sale.lines ?? []).map((line) => ({
    line_no: line.lineNo,
    product: {
      id: line.productId,
      sku: line.product?.sku ?? '',
      name: line.product?.name ?? '',
      unit: line.product?.unit ?? '',
    },
    quantity: line.quantity,
    unit_price: line.unitPrice,
    line_total: line.lineTotal,
  })),
  sold_by: sale.soldBy,
  sold_at: iso(sale.soldAt),
  cancelled_at: isoOrNull(sale.cancelledAt),
  cancel_reason: sale.cancelReason,
});
