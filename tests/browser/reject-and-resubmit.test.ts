import { submittedRequest } from './support/requests';
import { signIn, startBrowserStack, type BrowserStack } from './support/browser-stack';

/**
 * web.md "Tests": a rejection with a short comment is refused on screen, then a real one; the requestor
 * reads the comment, edits and resubmits; and people without the right never see the action.
 */
let stack: BrowserStack;
beforeAll(async () => {
  stack = await startBrowserStack();
}, 120_000);
afterAll(async () => stack?.stop());
afterEach(() => expect(stack.pageProblems).toEqual([]));

async function statusOf(id: string): Promise<string> {
  return (await stack.h.knex('purchaseRequests').where({ id }).first()).status as string;
}

it('a short rejection comment is refused on screen and changes nothing; alice edits and resubmits', async () => {
  const subject = `Office chairs ${Date.now().toString(36)}`;
  const id = await submittedRequest(stack, { subject, amount: '600.00' });

  const bob = await stack.newPage();
  await signIn(bob, 'bob', `/requests/${id}`);
  const comment = bob.getByLabel('Comment');
  await comment.fill('Too much');
  await bob.getByText('8 characters — a rejection needs at least 10').waitFor();
  await bob.getByRole('button', { name: 'Reject' }).click();
  await bob.getByRole('alert').getByText('at least 10 characters').waitFor();
  expect(await statusOf(id)).toBe('PENDING_APPROVAL');

  await comment.fill('Too expensive: find a cheaper vendor.');
  await bob.getByRole('button', { name: 'Reject' }).click();
  await bob
    .getByRole('status')
    .getByText(/You rejected/)
    .waitFor();
  await bob.getByRole('heading', { level: 2, name: 'Rejected' }).waitFor();
  expect(await statusOf(id)).toBe('REJECTED');

  const alice = await stack.newPage();
  await signIn(alice, 'alice', `/requests/${id}`);
  await alice.getByText('Too expensive: find a cheaper vendor.').first().waitFor();
  await alice.getByRole('link', { name: 'Edit and resubmit' }).click();
  await alice.getByRole('note', { name: 'Rejection' }).getByText('Too expensive: find a cheaper vendor.').waitFor();
  await alice.getByRole('textbox', { name: 'Vendor', exact: true }).fill('Budget Seating Ltd');
  await alice.getByRole('button', { name: 'Resubmit' }).click();
  await alice.getByRole('heading', { level: 1, name: subject }).waitFor();
  await alice.getByText('Resubmitted').first().waitFor();
  const row = await stack.h.knex('purchaseRequests').where({ id }).first();
  expect([row.status, row.vendorName, row.round]).toEqual(['RESUBMITTED', 'Budget Seating Ltd', 2]);
}, 180_000);

it('people without the right never see the action', async () => {
  const subject = `Printer toner ${Date.now().toString(36)}`;
  const id = await submittedRequest(stack, { subject, amount: '200.00' });

  // alice (requestor) sees no inbox, no orders, no decision on her own request.
  const alice = await stack.newPage();
  await signIn(alice, 'alice', `/requests/${id}`);
  await alice.getByRole('heading', { level: 1, name: subject }).waitFor();
  const aliceNav = alice.getByRole('navigation', { name: 'Main' });
  expect(await aliceNav.getByRole('link').allTextContents()).toEqual(['My requests', 'Catalogue', 'Stock']);
  expect(await alice.getByRole('button', { name: 'Approve' }).count()).toBe(0);
  await alice.getByRole('button', { name: 'Withdraw request' }).waitFor();

  // frank (finance) sees a request only once it reaches finance review (decision 0010): the page says
  // it was not found, and offers nothing to do.
  const frank = await stack.newPage();
  await signIn(frank, 'frank', `/requests/${id}`);
  await frank
    .getByRole('alert')
    .getByText(/not found/i)
    .waitFor();
  expect(await frank.getByRole('button', { name: /Approve|Reject|Complete|Withdraw/ }).count()).toBe(0);
  expect(await frank.getByRole('link', { name: /Edit/ }).count()).toBe(0);

  // carol (director) is not on the manager step: the request is not in her inbox, and until it reaches
  // her it is not found for her either (decision 0010).
  const carol = await stack.newPage();
  await signIn(carol, 'carol', '/inbox');
  await carol.getByText('Nothing waits for you.').waitFor();
  await carol.goto(`/requests/${id}`);
  await carol
    .getByRole('alert')
    .getByText(/not found/i)
    .waitFor();
  expect(await carol.getByRole('button', { name: 'Approve' }).count()).toBe(0);

  // An admin screen opened by a requestor says so, and the navigation never offered it.
  await alice.goto('/admin/audit');
  await alice.getByText('You do not have access to this page.').waitFor();
}, 180_000);
