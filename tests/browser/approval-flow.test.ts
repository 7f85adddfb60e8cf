import type { Page } from 'playwright-core';
import { receivedEmails, waitForEmail } from '../support/mailbox';
import { until } from '../kit/until';
import { DEMO_PASSWORD, screenshot, signIn, startBrowserStack, type BrowserStack } from './support/browser-stack';
import { submittedRequest } from './support/requests';

/**
 * web.md "Tests": the seed-002 flow end to end through the screens, in the operating system's Chromium
 * against the real API, worker, PostgreSQL, Temporal and SMTP. Every status asserted is what the page
 * shows after the API answered, and the API is asked too, so the screens and the service agree.
 */
let stack: BrowserStack;
beforeAll(async () => {
  stack = await startBrowserStack();
}, 120_000);
afterAll(async () => stack?.stop());
afterEach(() => expect(stack.pageProblems).toEqual([]));

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

async function openInboxItem(page: Page, subject: string) {
  await page.getByRole('link', { name: 'Inbox' }).click();
  const item = page.getByRole('article').filter({ has: page.getByRole('heading', { name: subject }) });
  await item.waitFor();
  return item;
}

async function orderStatus(id: string): Promise<string> {
  return ((await stack.h.knex('purchaseOrders').where({ id }).first()).status as string).toLowerCase();
}

async function statusOf(id: string): Promise<string> {
  const row = await stack.h.knex('purchaseRequests').where({ id }).first();
  return row.status as string;
}

it('alice submits with an attachment, bob and mallory then carol approve, frank completes, paula sees the order', async () => {
  // Unique in the run's shared mailbox, and what the README's screenshots show.
  const subject = 'Trade fair booth, Berlin';

  // alice: a new request from the team's form, with a PDF quote, submitted.
  const alice = await stack.newPage();
  await signIn(alice, 'alice');
  // The bar names the organisation she works in (issue 15).
  await alice.getByRole('banner').getByText('· Demo organisation').waitFor();
  await alice.getByRole('link', { name: 'New request' }).click();
  await alice.getByLabel('Subject').fill(subject);
  await alice.getByRole('textbox', { name: 'Vendor', exact: true }).fill('Expo Builders GmbH');
  await alice.getByLabel('Amount').fill('1500.00');
  await alice.getByLabel('Budget code').fill('MKT-2026-07');
  await alice.getByLabel('Attachments').setInputFiles({ name: 'quote.pdf', mimeType: 'application/pdf', buffer: PDF });
  await screenshot(alice, 'new-request');
  await alice.getByRole('button', { name: 'Submit for approval' }).click();
  await alice.getByRole('heading', { level: 1, name: subject }).waitFor();
  await alice.getByText('Pending approval').first().waitFor();
  const id = alice.url().split('/requests/')[1] as string;
  expect(await statusOf(id)).toBe('PENDING_APPROVAL');
  await alice.getByRole('button', { name: 'Download quote.pdf' }).waitFor();

  // bob and mallory approve from their inboxes (the manager step wants both).
  for (const manager of ['bob', 'mallory']) {
    const page = await stack.newPage();
    await signIn(page, manager);
    const item = await openInboxItem(page, subject);
    if (manager === 'bob') await screenshot(page, 'inbox');
    await item.getByRole('button', { name: 'Approve' }).click();
    await page.getByRole('status').getByText(`You approved “${subject}”`, { exact: false }).waitFor();
  }

  // carol (director: 1 500 reaches the 1 000 step) approves from the request page.
  const carol = await stack.newPage();
  await signIn(carol, 'carol', `/requests/${id}`);
  await carol.getByRole('heading', { level: 2, name: 'Your decision' }).waitFor();
  await screenshot(carol, 'request-detail');
  await carol.getByRole('button', { name: 'Approve' }).click();
  await carol.getByText('Finance review').first().waitFor();
  await until(async () => (await statusOf(id)) === 'FINANCE_REVIEW', { what: 'finance review' });

  // frank completes from the finance inbox; the answer links the purchase order.
  const frank = await stack.newPage();
  await signIn(frank, 'frank');
  await frank.getByRole('link', { name: 'Finance review' }).click();
  const item = frank.getByRole('article').filter({ has: frank.getByRole('heading', { name: subject }) });
  await item.getByLabel('Finance comment').fill('Budget confirmed for Q3.');
  await item.getByRole('button', { name: 'Complete' }).click();
  const outcome = frank.getByRole('status').filter({ hasText: 'You completed' });
  const orderLink = outcome.getByRole('link').nth(1);
  await orderLink.waitFor();
  expect(await statusOf(id)).toBe('COMPLETED');
  const order = await stack.h.knex('purchaseOrders').where({ purchaseRequestId: id }).first();
  expect(await orderLink.textContent()).toBe(order.number);

  // alice's page refreshes itself: completed, with the order's number.
  await alice.getByText('Completed').first().waitFor({ timeout: 30_000 });
  // The number links to the order (the timeline may name it too, once its entry arrives).
  await alice.getByRole('link', { name: order.number as string }).waitFor();

  // Every e-mail about this request links to its page in the app. (The run's mailbox is shared: npm
  // start's demo request has the same subject, so only this stack's e-mails count.)
  const links = receivedEmails()
    .map((mail) => mail.raw.replace(/=\r?\n/g, ''))
    .filter((raw) => raw.includes(subject) && raw.includes(stack.baseUrl))
    .map((raw) => /Open the request: (\S+)/.exec(raw)?.[1]);
  expect(links.length).toBeGreaterThan(0);
  for (const link of links) expect(link).toBe(`${stack.baseUrl}/requests/${id}`);

  // paula (procurement) finds the order in her list, confirms, processes and ships it.
  const paula = await stack.newPage();
  await signIn(paula, 'paula');
  await paula.getByRole('link', { name: 'Orders' }).click();
  await paula.getByRole('link', { name: order.number as string }).click();
  await paula.getByRole('heading', { level: 1, name: new RegExp(order.number as string) }).waitFor();
  for (const [button, status] of [
    ['Mark as confirmed', 'confirmed'],
    ['Mark as processing', 'processing'],
  ] as const) {
    await paula.getByRole('button', { name: button }).click();
    await until(async () => (await orderStatus(order.id as string)) === status, { what: status });
  }
  await paula.getByLabel('Carrier').fill('DHL');
  await paula.getByLabel('Tracking number').fill('JD014600003828');
  await paula.getByRole('button', { name: 'Create shipment' }).click();
  await paula.getByText('JD014600003828').first().waitFor();
  await until(async () => (await orderStatus(order.id as string)) === 'shipped', { what: 'shipped' });
  await paula.getByText('Shipped').first().waitFor();
  expect(await paula.getByRole('button', { name: 'Mark as confirmed' }).count()).toBe(0);

  // The "shipped" e-mail to alice links to the order's page, which she may read.
  // (Other test files share the run's mailbox and number their own orders alike: match this stack's link.)
  const shipped = await waitForEmail(
    (mail) =>
      mail.to.some((to) => to.startsWith('alice@')) &&
      mail.subject.includes(order.number as string) &&
      mail.raw.replace(/=\r?\n/g, '').includes(`Open the order: ${stack.baseUrl}/`),
  );
  const orderMailLink = /Open the order: (\S+)/.exec(shipped.raw.replace(/=\r?\n/g, ''))?.[1] as string;
  expect(orderMailLink).toBe(`${stack.baseUrl}/orders/${order.id as string}`);
  await alice.goto(orderMailLink);
  await alice.getByRole('heading', { level: 1, name: new RegExp(order.number as string) }).waitFor();
  await alice.getByText('JD014600003828').first().waitFor();
}, 240_000);

it('a signed-out approver follows the e-mail link, signs in, lands on the request and decides there', async () => {
  const subject = `Laptop stand ${Date.now().toString(36)}`;
  const id = await submittedRequest(stack, { subject, amount: '120.00' });
  const mail = await waitForEmail(
    (message) => message.to.some((to) => to.startsWith('bob@')) && message.raw.includes(subject),
  );
  const link = /Open the request: (\S+)/.exec(mail.raw.replace(/=\r?\n/g, ''))?.[1] as string;
  expect(link).toBe(`${stack.baseUrl}/requests/${id}`);

  const bob = await stack.newPage({ phone: true });
  await bob.goto(link);
  await bob.waitForURL(/\/sign-in\?next=/);
  await bob.getByLabel('Username or e-mail').fill('bob');
  await bob.getByLabel('Password').fill(DEMO_PASSWORD);
  await bob.getByRole('button', { name: 'Sign in' }).click();
  await bob.getByRole('heading', { level: 1, name: subject }).waitFor();
  expect(new URL(bob.url()).pathname).toBe(`/requests/${id}`);
  await bob.getByRole('button', { name: 'Approve' }).click();
  await bob.getByRole('status').getByText(`You approved “${subject}”`, { exact: false }).waitFor();
  expect(await statusOf(id)).toBe('IN_REVIEW');
}, 120_000);
