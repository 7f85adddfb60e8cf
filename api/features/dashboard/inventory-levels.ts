import type { Knex } from 'knex';
import { sumMoney } from '../../../contracts/money';

export interface WarehouseFigures {
  warehouse: { id: string; code: string; name: string };
  levels: number;
  low_stock_items: number;
  out_of_stock_items: number;
  /** Σ on hand × the product's price, per currency (a catalogue may price in several). */
  value: Record<string, string>;
}

const LOW = 'l.min_stock_level IS NOT NULL AND l.on_hand < l.min_stock_level';

/**
 * Seed 001's inventory dashboard, one statement: per open warehouse, how many levels it holds, how
 * many are below their minimum (`low_stock_items`, out of stock included) or empty, and what the
 * stock is worth at catalogue prices; then the same over every warehouse.
 */
export async function inventoryLevels(knex: Knex) {
  const { rows } = (await knex.raw(
    `SELECT w.id, w.code, w.name, p.currency,
            count(l.id) AS levels,
            count(l.id) FILTER (WHERE ${LOW}) AS low,
            count(l.id) FILTER (WHERE l.on_hand = 0) AS empty,
            COALESCE(sum(round(l.on_hand * p.price, 2)), 0) AS value
       FROM warehouses w
       LEFT JOIN stock_levels l ON l.warehouse_id = w.id
       LEFT JOIN products p ON p.id = l.product_id
      WHERE w.is_active
      GROUP BY w.id, w.code, w.name, p.currency
      ORDER BY w.code, p.currency`,
  )) as {
    rows: Array<{
      id: string;
      code: string;
      name: string;
      currency: string | null;
      levels: string;
      low: string;
      empty: string;
      value: string;
    }>;
  };
  const byWarehouse = new Map<string, WarehouseFigures>();
  for (const row of rows) {
    const figures = byWarehouse.get(row.id) ?? {
      warehouse: { id: row.id, code: row.code, name: row.name },
      levels: 0,
      low_stock_items: 0,
      out_of_stock_items: 0,
      value: {},
    };
    figures.levels += Number(row.levels);
    figures.low_stock_items += Number(row.low);
    figures.out_of_stock_items += Number(row.empty);
    if (row.currency) figures.value[row.currency] = row.value;
    byWarehouse.set(row.id, figures);
  }
  const warehouses = [...byWarehouse.values()];
  return {
    warehouses,
    totals: {
      levels: warehouses.reduce((sum, w) => sum + w.levels, 0),
      low_stock_items: warehouses.reduce((sum, w) => sum + w.low_stock_items, 0),
      out_of_stock_items: warehouses.reduce((sum, w) => sum + w.out_of_stock_items, 0),
      value: sumByCurrency(warehouses.map((w) => w.value)),
    },
  };
}

/** The two stock figures seed 001 puts next to the others on `/api/dashboard/metrics/`. */
export async function stockHeadline(knex: Knex) {
  const { totals } = await inventoryLevels(knex);
  return { low_stock_items: totals.low_stock_items, total_inventory_value: totals.value };
}

function sumByCurrency(values: Array<Record<string, string>>): Record<string, string> {
  const amounts = new Map<string, string[]>();
  for (const value of values)
    for (const [currency, amount] of Object.entries(value))
      amounts.set(currency, [...(amounts.get(currency) ?? []), amount]);
  return Object.fromEntries([...amounts].map(([currency, list]) => [currency, sumMoney(list)]));
}
