import { integrationHealthScheduleId } from '../../contracts/integration-health';
import { deleteSchedule } from '../../lib/interval-schedule';
import { startReceiver } from '../support/receivers';
import { seriousViolations } from './support/axe';
import { screenshot, signIn, startBrowserStack, type BrowserStack } from './support/browser-stack';

/**
 * Issue 15, seed 004's integration health on screen: an administrator registers providers with
 * health URLs, sees what the tenant's Schedule found (healthy, down), fixes a provider's URL, checks
 * again on demand, and is told plainly when a URL is refused. Real services on loopback.
 */
let stack: BrowserStack;
let service: Awaited<ReturnType<typeof startReceiver>>;
beforeAll(async () => {
  stack = await startBrowserStack({ env: { WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true', WEBHOOK_ALLOW_HTTP: 'true' } });
  service = await startReceiver((_call, req, res) => {
    if (req.url?.startsWith('/ok')) res.writeHead(200).end('ok');
    else res.writeHead(503).end('down for maintenance');
  });
}, 120_000);
afterAll(async () => {
  // The demo tenant's Schedule would outlive this file on the shared dev server.
  if (stack) await deleteSchedule(stack.h.deps.temporal.client, integrationHealthScheduleId(stack.h.tenantId));
  await service?.close();
  await stack?.stop();
});
afterEach(() => expect(stack.pageProblems).toEqual([]));

it('registers providers with health URLs, shows their checks, and fixes a broken one', async () => {
  const base = service.url.replace(/\/hook$/, '');
  const page = await stack.newPage();
  await signIn(page, 'admin', '/admin/integrations/inbound');
  await page.getByRole('heading', { level: 1, name: 'Inbound integrations' }).waitFor();
  for (const [name, path] of [
    ['carrier', '/ok'],
    ['crm', '/broken'],
  ] as const) {
    await page.getByLabel('Provider name').fill(name);
    await page.getByLabel('Health URL').fill(`${base}${path}`);
    await page.getByRole('button', { name: 'Register provider' }).click();
    await page.getByText(`Provider ${name} registered.`).waitFor();
    // A generated secret is shown once; acknowledge it so the next registration starts clean.
    const done = page.getByRole('button', { name: /I have saved it|Done/ });
    if (await done.count()) await done.first().click();
  }
  await page.getByRole('table', { name: 'Integration providers' }).getByText(`${base}/broken`).waitFor();

  await page.getByRole('navigation', { name: 'Integrations' }).getByRole('link', { name: 'Health' }).click();
  await page.getByRole('heading', { level: 1, name: 'Integration health' }).waitFor();
  const table = page.getByRole('table', { name: 'Health of each integration provider' });
  const row = (name: string) => table.getByRole('row').filter({ has: page.getByRole('rowheader', { name }) });
  // The Schedule probes as soon as it is made; the screen looks again every few seconds.
  await row('carrier').getByText('Healthy').waitFor();
  await row('crm').getByText('Down').waitFor();
  await row('crm').getByText('HTTP 503').waitFor();
  await page.getByText('Overall:').getByText('Degraded').waitFor();
  expect(await seriousViolations(page, 'integration health')).toEqual([]);
  await screenshot(page, 'integration-health');

  // A URL the guard refuses is explained on the field, and nothing changes.
  await row('crm').getByRole('button', { name: 'Change URL of crm' }).click();
  const form = page.getByRole('form', { name: 'Health URL of crm' });
  await form.getByLabel('Health URL of crm').fill('ftp://files.example/health');
  await form.getByRole('button', { name: 'Save' }).click();
  await form.getByText(/Enter an absolute URL|cannot be probed|not allowed/).waitFor();

  await form.getByLabel('Health URL of crm').fill(`${base}/ok?fixed=1`);
  await form.getByRole('button', { name: 'Save' }).click();
  await row('crm').getByText(`${base}/ok?fixed=1`).waitFor();
  await page.getByRole('button', { name: 'Check now' }).click();
  await page
    .getByRole('status')
    .getByText(/Checking/)
    .waitFor();
  await row('crm').getByText('Healthy').waitFor();
  await page.getByText('Overall:').getByText('Healthy').waitFor();
});
