import { seriousViolations } from './support/axe';
import { screenshot, signIn, startBrowserStack, type BrowserStack } from './support/browser-stack';

/**
 * Issue 16's catalogue on screen: a procurement officer finds products by category, adds and changes
 * one, adds a vendor with an offer and a warehouse; a requestor reads the catalogue without any of
 * the forms. Every screen has no serious or critical axe violation.
 */
let stack: BrowserStack;
beforeAll(async () => {
  stack = await startBrowserStack();
}, 120_000);
afterAll(async () => stack?.stop());
afterEach(() => expect(stack.pageProblems).toEqual([]));

it('lets procurement keep the catalogue: products, a vendor and its offer, a warehouse', async () => {
  const page = await stack.newPage();
  await signIn(page, 'paula');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Catalogue' }).click();
  await page.getByRole('heading', { level: 1, name: 'Catalogue' }).waitFor();
  const products = page.getByRole('table', { name: 'Products' });
  await products.getByRole('rowheader', { name: 'LAP001' }).waitFor();
  expect(await seriousViolations(page, 'catalogue')).toEqual([]);

  await page.getByRole('search', { name: 'Find products' }).getByLabel('Category').selectOption({ label: 'Furniture' });
  await products.getByRole('rowheader', { name: 'CHR001' }).waitFor();
  expect(await products.getByRole('rowheader').allTextContents()).toEqual(['CHR001']);
  await page
    .getByRole('search', { name: 'Find products' })
    .getByLabel('Category')
    .selectOption({ label: 'Any category' });
  await products.getByRole('rowheader', { name: 'LAP001' }).waitFor();

  // A new product; a taken SKU is explained on its field.
  const add = page.getByRole('form', { name: 'Add a product' });
  await add.getByLabel('SKU').fill('lap001');
  await add.getByLabel('Name').fill('Another laptop');
  await add.getByLabel('Price').fill('10');
  await add.getByRole('button', { name: 'Add product' }).click();
  await add.getByText('A product with this SKU exists.').waitFor();
  await add.getByLabel('SKU').fill('DSK001');
  await add.getByLabel('Name').fill('Standing desk');
  await add.getByLabel('Price').fill('450.00');
  await add.getByLabel('Category').selectOption({ label: 'Furniture' });
  await add.getByLabel('Preferred vendor').selectOption({ label: 'Globex Office' });
  await add.getByRole('button', { name: 'Add product' }).click();
  await add.getByRole('status').getByText('Added DSK001.').waitFor();
  const desk = products.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'DSK001' }) });
  await desk.getByText('Globex Office').waitFor();

  await desk.getByRole('button', { name: 'Change DSK001' }).click();
  const change = page.getByRole('form', { name: 'Change DSK001' });
  await change.getByLabel('Price').fill('425.50');
  await change.getByRole('button', { name: 'Save product' }).click();
  await change.getByRole('status').getByText('Saved DSK001.').waitFor();
  await desk.getByText('425.50').waitFor();
  await screenshot(page, 'catalogue');

  // A vendor, then what it offers.
  await page.getByRole('navigation', { name: 'Catalogue' }).getByRole('link', { name: 'Vendors' }).click();
  await page.getByRole('heading', { level: 1, name: 'Vendors' }).waitFor();
  const vendorForm = page.getByRole('form', { name: 'Add a vendor' });
  await vendorForm.getByLabel('Vendor name').fill('Initech');
  await vendorForm.getByLabel('E-mail').fill('buy@initech.example');
  await vendorForm.getByRole('button', { name: 'Add vendor' }).click();
  await vendorForm.getByRole('status').getByText('Added Initech.').waitFor();
  expect(await seriousViolations(page, 'vendors')).toEqual([]);
  await page.getByRole('table', { name: 'Vendors' }).getByRole('link', { name: 'Initech' }).click();
  await page.getByRole('heading', { level: 1, name: 'Initech' }).waitFor();
  const offer = page.getByRole('form', { name: 'Record an offer' });
  await offer.getByLabel('Product').selectOption({ label: 'LAP001 · Laptop' });
  await offer.getByLabel("Vendor's price").fill('930');
  await offer.getByLabel('Lead time (days)').fill('7');
  await offer.getByRole('button', { name: 'Record offer' }).click();
  const offers = page.getByRole('table', { name: 'Offers of this vendor' });
  await offers.getByText('7 days').waitFor();
  expect(await seriousViolations(page, 'vendor')).toEqual([]);

  // A warehouse, with a code made from its name, then closed.
  await page.getByRole('navigation', { name: 'Catalogue' }).getByRole('link', { name: 'Warehouses' }).click();
  const warehouseForm = page.getByRole('form', { name: 'Add a warehouse' });
  await warehouseForm.getByLabel('Warehouse name').fill('West Depot');
  await warehouseForm.getByLabel('Capacity').fill('2500');
  await warehouseForm.getByRole('button', { name: 'Add warehouse' }).click();
  await warehouseForm.getByRole('status').getByText('Added West Depot (WEST-DEPOT).').waitFor();
  const west = page
    .getByRole('table', { name: 'Warehouses' })
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: 'WEST-DEPOT' }) });
  await west.getByRole('button', { name: 'Close West Depot' }).click();
  await west.getByText('Closed').waitFor();
  expect(await seriousViolations(page, 'warehouses')).toEqual([]);
});

it('shows a requestor the catalogue to read, without the forms that change it', async () => {
  const page = await stack.newPage({ phone: true });
  await signIn(page, 'alice', '/catalogue');
  await page.getByRole('table', { name: 'Products' }).getByRole('rowheader', { name: 'LAP001' }).waitFor();
  expect(await page.getByRole('form', { name: 'Add a product' }).count()).toBe(0);
  expect(await page.getByRole('button', { name: /Change|Deactivate/ }).count()).toBe(0);
  expect(await seriousViolations(page, 'catalogue on a phone')).toEqual([]);
});
