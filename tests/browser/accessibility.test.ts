import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ApiClient, fetchTransport } from '../kit/api-client';
import { completedRequest } from '../kit/scenarios';
import { until } from '../kit/until';
import { startReceiver, reply } from '../support/receivers';
import { teamId } from '../support/requests';
import { seriousViolations, type AxeFinding } from './support/axe';
import { screenshot, signIn, startBrowserStack, type BrowserStack } from './support/browser-stack';
import { submittedRequest } from './support/requests';

/**
 * web.md "Tests": axe-core finds no serious or critical violation on any screen, each opened with real
 * data; and the inbox and decisions work on a phone-sized screen. The findings of every screen are
 * written to var/axe-report.json (the note quotes it).
 */
let stack: BrowserStack;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
beforeAll(async () => {
  receiver = await startReceiver(reply(200, 'ok'));
  stack = await startBrowserStack({ env: { WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true', WEBHOOK_ALLOW_HTTP: 'true' } });
}, 120_000);
afterAll(async () => {
  await stack?.stop();
  await receiver?.close();
});
afterEach(() => expect(stack.pageProblems).toEqual([]));

/** Opens a screen, waits until its heading is shown and nothing is loading any more, then runs axe. */
async function audit(page: Page, screen: string, url: string, findings: AxeFinding[], checked: string[]) {
  await page.goto(url);
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await until(async () => (await page.getByText(/^Loading\b/).count()) === 0, { what: `${screen} loaded` });
  findings.push(...(await seriousViolations(page, screen)));
  checked.push(screen);
}

it('every screen, opened by the person it is for, has no serious or critical axe violation', async () => {
  const client = new ApiClient(fetchTransport(stack.baseUrl));
  const tokens = await client.signInAll(['alice', 'bob', 'mallory', 'carol', 'frank', 'admin']);
  const admin = tokens.admin;
  const endpoint = await client.call('POST', '/api/webhooks/endpoints/', {
    token: admin,
    body: { url: receiver.url, event_types: ['purchase_request.submitted'] },
  });
  expect(endpoint.status).toBe(201);
  const marketing = await teamId(stack.h, 'Marketing');
  const { id: completedId } = await completedRequest(client, tokens, {
    team: marketing,
    subject: 'Booth furniture rental',
    amount: '1500.00',
  });
  const pendingId = await submittedRequest(stack, { subject: 'Desk lamps for the studio', amount: '300.00' });
  const order = await stack.h.knex('purchaseOrders').where({ purchaseRequestId: completedId }).first();
  const delivery = await until(
    async () => stack.h.knex('webhookDeliveries').where({ endpointId: endpoint.body.id }).first(),
    { what: 'a webhook delivery' },
  );
  const aliceId = (await stack.h.knex('users').where({ username: 'alice' }).first()).id as string;
  const form = await stack.h.knex('formTemplates').first();
  const workflow = await stack.h.knex('workflowTemplates').first();

  const findings: AxeFinding[] = [];
  const checked: string[] = [];

  const signedOut = await stack.newPage();
  await signedOut.goto('/sign-in');
  await signedOut.getByRole('button', { name: 'Sign in' }).waitFor();
  findings.push(...(await seriousViolations(signedOut, 'sign-in')));
  checked.push('sign-in');

  const screens: Array<[user: string, screen: string, url: string]> = [
    ['alice', 'my requests', '/requests'],
    ['alice', 'new request', '/requests/new'],
    ['alice', 'request (completed)', `/requests/${completedId}`],
    ['alice', 'profile', '/profile'],
    ['bob', 'inbox', '/inbox'],
    ['bob', 'request (decision)', `/requests/${pendingId}`],
    ['frank', 'finance review', '/finance'],
    ['frank', 'dashboard', '/dashboard'],
    ['paula', 'orders', '/orders'],
    ['paula', 'order', `/orders/${order.id as string}`],
    ['admin', 'people', '/admin/people'],
    ['admin', 'person', `/admin/people/${aliceId}`],
    ['admin', 'templates', '/admin/templates'],
    ['admin', 'form template', `/admin/templates/forms/${form.id as string}`],
    ['admin', 'workflow template', `/admin/templates/workflows/${workflow.id as string}`],
    ['admin', 'audit', '/admin/audit'],
    ['admin', 'webhook endpoints', '/admin/integrations'],
    ['admin', 'webhook endpoint', `/admin/integrations/endpoints/${endpoint.body.id as string}`],
    ['admin', 'webhook deliveries', '/admin/integrations/deliveries'],
    ['admin', 'webhook delivery', `/admin/integrations/deliveries/${delivery.id as string}`],
    ['admin', 'inbound events', '/admin/integrations/inbound'],
    ['admin', 'API tokens', '/admin/integrations/tokens'],
    ['admin', 'integration health', '/admin/integrations/health'],
    ['admin', 'not found', '/no/such/page'],
  ];
  const pages = new Map<string, Page>();
  for (const [user, screen, url] of screens) {
    let page = pages.get(user);
    if (!page) {
      page = await stack.newPage();
      await signIn(page, user);
      pages.set(user, page);
    }
    await audit(page, screen, url, findings, checked);
    if (screen === 'dashboard') await screenshot(page, 'dashboard');
    if (screen === 'order') await screenshot(page, 'order');
  }

  const reportDir = path.join(__dirname, '..', '..', 'var');
  mkdirSync(reportDir, { recursive: true });
  writeFileSync(path.join(reportDir, 'axe-report.json'), JSON.stringify({ checked, findings }, null, 2));
  expect(checked).toHaveLength(screens.length + 1);
  expect(findings).toEqual([]);
}, 300_000);

it('on a phone, bob approves one request and rejects another from his inbox', async () => {
  const approveSubject = 'Team offsite lunch';
  const rejectSubject = 'Standing desks';
  const approveId = await submittedRequest(stack, { subject: approveSubject, amount: '250.00' });
  const rejectId = await submittedRequest(stack, { subject: rejectSubject, amount: '260.00' });

  const bob = await stack.newPage({ phone: true });
  await signIn(bob, 'bob', '/inbox');
  const itemOf = (subject: string) =>
    bob.getByRole('article').filter({ has: bob.getByRole('heading', { name: subject }) });
  await itemOf(rejectSubject).waitFor();
  // Nothing is wider than the screen: no sideways scrolling on a phone.
  expect(await bob.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
  expect(await seriousViolations(bob, 'inbox (phone)')).toEqual([]);
  await screenshot(bob, 'inbox-phone');

  await itemOf(approveSubject).getByRole('button', { name: 'Approve' }).tap();
  await bob.getByRole('status').getByText(`You approved “${approveSubject}”`, { exact: false }).waitFor();

  const reject = itemOf(rejectSubject);
  await reject.getByLabel('Comment').fill('Not this quarter, sorry.');
  await reject.getByRole('button', { name: 'Reject' }).tap();
  await bob.getByRole('status').getByText(`You rejected “${rejectSubject}”`, { exact: false }).waitFor();

  const status = async (id: string) => (await stack.h.knex('purchaseRequests').where({ id }).first()).status;
  expect(await status(rejectId)).toBe('REJECTED');
  // One manager of two approved: the request is in review and the step still waits for mallory.
  expect(await status(approveId)).toBe('IN_REVIEW');
  expect(await stack.h.knex('approvals').where({ requestId: approveId, action: 'APPROVE' })).toHaveLength(1);
}, 180_000);
