import type { Knex } from 'knex';
import { postMovements } from '../repositories/stock-ledger.repository';

/**
 * Issue 16's demo catalogue, the same in every demo tenant (so isolation shows with identical SKUs,
 * tenancy.md §4.5): three categories, two vendors with what they charge, two warehouses and five
 * products, one of them a service. Prices are in USD, the deployment's default currency. Running it
 * again adds nothing. Runs as the owner inside the tenant's seed transaction: every row names its tenant.
 */
export const demoCategories = ['Electronics', 'Office supplies', 'Furniture'];
export const demoVendors = [
  { name: 'Acme Supplies', email: 'orders@acme-supplies.example', paymentTermsDays: 30 },
  { name: 'Globex Office', email: 'sales@globex-office.example', paymentTermsDays: 45 },
];
export const demoWarehouses = [
  { code: 'MAIN', name: 'Main Warehouse', location: '123 Main St', capacity: 10000 },
  { code: 'EAST', name: 'East Coast Warehouse', location: '456 Industrial Blvd, Boston, MA 02101', capacity: 5000 },
];
export const demoProducts = [
  { sku: 'LAP001', name: 'Laptop', category: 'Electronics', unit: 'each', price: '999.99', vendor: 'Acme Supplies' },
  {
    sku: 'MON001',
    name: 'Monitor 27"',
    category: 'Electronics',
    unit: 'each',
    price: '249.00',
    vendor: 'Acme Supplies',
  },
  {
    sku: 'PAP001',
    name: 'Copy paper A4, 5 reams',
    category: 'Office supplies',
    unit: 'box',
    price: '39.90',
    vendor: 'Globex Office',
  },
  {
    sku: 'CHR001',
    name: 'Office chair',
    category: 'Furniture',
    unit: 'each',
    price: '189.00',
    vendor: 'Globex Office',
  },
  {
    sku: 'SRV001',
    name: 'IT support, per hour',
    category: 'Electronics',
    unit: 'hour',
    price: '95.00',
    vendor: 'Acme Supplies',
    service: true,
  },
];
/** Opening stock: one laptop level below its minimum, so a low item shows from the start. */
export const demoStock = [
  { sku: 'LAP001', warehouse: 'MAIN', onHand: '50', min: '5', max: '100' },
  { sku: 'LAP001', warehouse: 'EAST', onHand: '3', min: '5', max: '20' },
  { sku: 'MON001', warehouse: 'MAIN', onHand: '20', min: '5', max: '40' },
  { sku: 'PAP001', warehouse: 'MAIN', onHand: '120', min: '50', max: '300', multiple: '10' },
  { sku: 'CHR001', warehouse: 'EAST', onHand: '8', min: '4', max: '20' },
];
const demoOffers = [
  { vendor: 'Acme Supplies', sku: 'LAP001', price: '949.00', leadTimeDays: 5 },
  { vendor: 'Acme Supplies', sku: 'MON001', price: '229.00', leadTimeDays: 5 },
  { vendor: 'Globex Office', sku: 'PAP001', price: '36.50', leadTimeDays: 2, minQty: '10' },
  { vendor: 'Globex Office', sku: 'CHR001', price: '175.00', leadTimeDays: 14 },
];

export async function seedCatalogue(trx: Knex.Transaction, tenantId: string): Promise<void> {
  const ids = async (table: string, column: string) =>
    new Map(
      ((await trx(table).where({ tenantId }).select('id', column)) as Array<Record<string, string>>).map((row) => [
        row[column] as string,
        row.id as string,
      ]),
    );
  await trx('productCategories')
    .insert(demoCategories.map((name) => ({ tenantId, name })))
    .onConflict(trx.raw('(tenant_id, lower(name))'))
    .ignore();
  await trx('vendors')
    .insert(demoVendors.map((vendor) => ({ tenantId, currency: 'USD', ...vendor })))
    .onConflict(trx.raw('(tenant_id, lower(name))'))
    .ignore();
  await trx('warehouses')
    .insert(demoWarehouses.map((warehouse) => ({ tenantId, ...warehouse })))
    .onConflict(trx.raw('(tenant_id, lower(code))'))
    .ignore();
  const categories = await ids('productCategories', 'name');
  const vendors = await ids('vendors', 'name');
  await trx('products')
    .insert(
      demoProducts.map((product) => ({
        tenantId,
        sku: product.sku,
        name: product.name,
        categoryId: categories.get(product.category),
        unit: product.unit,
        price: product.price,
        currency: 'USD',
        preferredVendorId: vendors.get(product.vendor),
        isStockItem: !product.service,
      })),
    )
    .onConflict(trx.raw('(tenant_id, lower(sku))'))
    .ignore();
  const products = await ids('products', 'sku');
  await trx('vendorProducts')
    .insert(
      demoOffers.map((offer) => ({
        tenantId,
        vendorId: vendors.get(offer.vendor),
        productId: products.get(offer.sku),
        price: offer.price,
        currency: 'USD',
        minQty: offer.minQty ?? '1',
        leadTimeDays: offer.leadTimeDays,
      })),
    )
    .onConflict(['tenant_id', 'vendor_id', 'product_id'])
    .ignore();
  await seedStock(trx, tenantId, products, await ids('warehouses', 'code'));
}

/** The opening balances, through the ledger like every stock change (an `opening` movement each). */
async function seedStock(
  trx: Knex.Transaction,
  tenantId: string,
  products: Map<string, string>,
  warehouses: Map<string, string>,
): Promise<void> {
  for (const stock of demoStock) {
    const productId = products.get(stock.sku) as string;
    const warehouseId = warehouses.get(stock.warehouse) as string;
    if (await trx('stockLevels').where({ tenantId, productId, warehouseId }).first('id')) continue;
    await trx('stockLevels').insert({
      tenantId,
      productId,
      warehouseId,
      minStockLevel: stock.min,
      maxStockLevel: stock.max,
      qtyMultiple: stock.multiple ?? null,
    });
    await postMovements(trx, [
      { productId, warehouseId, qtyDelta: stock.onHand, movementType: 'opening', reason: 'Opening balance' },
    ]);
  }
}
