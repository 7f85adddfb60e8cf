import { seriousViolations } from './support/axe';
import { screenshot, signIn, startBrowserStack, type BrowserStack } from './support/browser-stack';

/**
 * Issue 15's screens: someone creates their organisation and lands in it signed in; a tenant's
 * administrator changes its name and settings; a platform administrator deactivates a tenant, whose
 * people are then refused. Each screen has no serious or critical axe violation.
 */
let stack: BrowserStack;
beforeAll(async () => {
  stack = await startBrowserStack();
}, 120_000);
afterAll(async () => stack?.stop());
afterEach(() => expect(stack.pageProblems).toEqual([]));

const passphrase = 'a-long-and-unusual-passphrase';

it('creates an organisation from the sign-in page and lands in it as its administrator', async () => {
  const page = await stack.newPage();
  await page.goto('/sign-in');
  await page.getByRole('link', { name: 'Create your organisation' }).click();
  await page.getByRole('heading', { level: 1, name: 'Create your organisation' }).waitFor();
  expect(await seriousViolations(page, 'register')).toEqual([]);

  // What the form can tell at once, it tells without a call.
  await page.getByRole('button', { name: 'Create organisation' }).click();
  await page.getByText('Enter your e-mail address.').waitFor();

  await page.getByLabel('Organisation name').fill('Hooli');
  await page.getByLabel('Domain').fill('hooli.example');
  await page.getByLabel('First name').fill('Gavin');
  await page.getByLabel('Last name').fill('Belson');
  await page.getByLabel('E-mail').fill('gavin@hooli.example');
  await page.locator('input[name="password"]').fill(passphrase);
  await page.getByLabel('Password again').fill(passphrase);
  await screenshot(page, 'register');
  await page.getByRole('button', { name: 'Create organisation' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  await page.getByText('· Hooli').waitFor();
  const nav = page.getByRole('navigation', { name: 'Main' });
  expect(await nav.getByRole('link').allTextContents()).toEqual(
    expect.arrayContaining(['My requests', 'People', 'Organisation']),
  );
  expect(await nav.getByRole('link', { name: 'Tenants' }).count()).toBe(0); // not the platform's operator

  // A second registration with the same domain is refused on the form, and creates nothing.
  const again = await stack.newPage();
  await again.goto('/register');
  await again.getByLabel('Organisation name').fill('Hooli again');
  await again.getByLabel('Domain').fill('hooli.example');
  await again.getByLabel('E-mail').fill('richard@hooli.example');
  await again.locator('input[name="password"]').fill(passphrase);
  await again.getByLabel('Password again').fill(passphrase);
  await again.getByRole('button', { name: 'Create organisation' }).click();
  await again
    .getByRole('alert')
    .getByText(/domain is already registered/)
    .waitFor();
  const count = await stack.h.withOwner(
    async (owner) => (await owner('tenants').where({ domain: 'hooli.example' }).count({ n: '*' }).first())?.n,
  );
  expect(Number(count)).toBe(1);
}, 120_000);

it('lets a tenant’s administrator rename the organisation and change its settings', async () => {
  const page = await stack.newPage();
  await signIn(page, 'nw-admin', '/admin/organisation');
  await page.getByRole('heading', { level: 1, name: 'Organisation' }).waitFor();
  await page.getByLabel('Name').waitFor();
  expect(await seriousViolations(page, 'organisation')).toEqual([]);
  await page.getByLabel('Name').fill('Northwind Trading Company');
  await page.getByLabel('Currency').selectOption('EUR');
  await page.getByLabel('Time zone').selectOption('Europe/Berlin');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('status').getByText('Saved.').waitFor();
  await page.getByText('· Northwind Trading Company').waitFor(); // the top bar follows
  const tenant = await stack.h.pool('tenants').where({ slug: 'northwind' }).first();
  expect([tenant.name, tenant.settings.currency, tenant.settings.timezone]).toEqual([
    'Northwind Trading Company',
    'EUR',
    'Europe/Berlin',
  ]);
}, 120_000);

it('lets a platform administrator deactivate a tenant, whose people can then no longer sign in', async () => {
  const page = await stack.newPage();
  await signIn(page, 'admin', '/admin/tenants');
  await page.getByRole('heading', { level: 1, name: 'Tenants' }).waitFor();
  await page.getByRole('row', { name: /Northwind/ }).waitFor();
  expect(await seriousViolations(page, 'tenants')).toEqual([]);
  await screenshot(page, 'tenants');
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: /Deactivate Northwind/ }).click();
  await page
    .getByRole('status')
    .getByText(/is deactivated/)
    .waitFor();
  const row = page.getByRole('row', { name: /Northwind/ });
  await row.getByText('Deactivated').waitFor();

  const refused = await stack.newPage();
  await refused.goto('/sign-in');
  await refused.getByLabel('Username or e-mail').fill('nw-alice');
  await refused.getByLabel('Password').fill('demo-pass-123');
  await refused.getByRole('button', { name: 'Sign in' }).click();
  await refused.getByRole('alert').getByText('Unable to log in with the provided credentials.').waitFor();

  await page.getByRole('button', { name: /Reactivate Northwind/ }).click();
  await page
    .getByRole('status')
    .getByText(/is active again/)
    .waitFor();
}, 120_000);
