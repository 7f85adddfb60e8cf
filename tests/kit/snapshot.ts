import type { Knex } from 'knex';

/** Tables whose rows a refused request must never touch (counters, sessions and e-mails excluded). */
export const stateTables = [
  'purchaseRequests',
  'approvals',
  'requestStepApprovers',
  'attachments',
  'purchaseOrders',
  'purchaseOrderItems',
  'orderNotes',
  'orderStatusHistory',
  'shipments',
  'users',
  'accessScopes',
  'teams',
  'roles',
  'formTemplates',
  'formTemplateFields',
  'workflowTemplates',
  'workflowTemplateSteps',
  'webhookEndpoints',
  'integrationProviders',
  'inboundEvents',
  'productCategories',
  'products',
  'vendors',
  'vendorProducts',
  'warehouses',
  'stockLevels',
  'stockMovements',
  'stockTransfers',
  'lowStockAlerts',
  'sales',
  'saleLines',
  'auditLogs',
];

/**
 * Every row of `tables`, serialised and sorted per table: two snapshots are equal when nothing was
 * written between them (tests assert that a refusal changed nothing).
 */
export async function snapshot(knex: Knex, tables: string[] = stateTables): Promise<Record<string, string[]>> {
  const state: Record<string, string[]> = {};
  for (const table of tables)
    state[table] = (await knex(table).select('*')).map((row: unknown) => JSON.stringify(row)).sort();
  return state;
}
