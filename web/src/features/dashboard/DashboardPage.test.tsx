import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { DashboardPage } from './DashboardPage';
import type { DashboardMetrics } from './dashboard-data';

const get = jest.fn();
jest.mock('../../api/client', () => {
  const actual = jest.requireActual('../../api/client');
  return { ...actual, api: { GET: (...args: unknown[]) => get(...args) } };
});

const can = { dashboard: true };
jest.mock('../../session/session', () => ({
  useMe: () => ({ me: { access_scopes: [] }, can }),
}));

const response = (status: number) => ({ ok: status < 400, status, headers: new Map<string, string>() });

const metrics: DashboardMetrics = {
  period: '7d',
  since: '2026-01-08T00:00:00.000Z',
  requests_by_status: { PENDING_APPROVAL: 4, COMPLETED: 2 },
  orders_by_status: { pending: 1, shipped: 3 },
  pending_approvals_per_step: [
    { step_name: 'Director', step_order: 2, count: 1 },
    { step_name: 'Manager', step_order: 1, count: 3 },
  ],
  submit_to_completion_seconds: { completed: 2, median: 7200, p90: 90000 },
  teams: null,
  webhooks: { succeeded: 9, failed: 1, success_rate: 0.9 },
  low_stock_items: 2,
  total_inventory_value: { USD: '64279.47' },
};

function renderPage(path = '/dashboard?period=7d') {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={[path]}>
        <DashboardPage />
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

beforeEach(() => {
  get.mockReset();
  can.dashboard = true;
});

it('draws each figure as a captioned chart whose label reads the values', async () => {
  get.mockResolvedValue({ data: metrics, response: response(200) });
  renderPage();
  const requests = await screen.findByRole('figure', { name: 'Requests by status' });
  expect(within(requests).getByRole('img').getAttribute('aria-label')).toBe(
    'Requests by status: Draft 0, Pending approval 4, In review 0, Resubmitted 0, Rejected 0, Fully approved 0, Finance review 0, Completed 2, Cancelled 0.',
  );
  const approvals = screen.getByRole('figure', { name: 'Approvals waiting per step' });
  expect(within(approvals).getByRole('img').getAttribute('aria-label')).toBe(
    'Approvals waiting per step: Manager 3, Director 1.',
  );
  expect(screen.getByRole('figure', { name: 'Orders by status' })).toBeTruthy();
  const cycle = screen.getByRole('figure', { name: 'Time from submit to completion' });
  expect(within(cycle).getByRole('img').getAttribute('aria-label')).toBe(
    'Time from submit to completion: Median 2.0 hours, 90th percentile 25.0 hours.',
  );
  expect(screen.getByText('90 %')).toBeTruthy();
  const table = within(screen.getByRole('figure', { name: 'Webhook deliveries' })).getByRole('table', {
    hidden: true,
  });
  expect(
    within(table)
      .getAllByRole('row', { hidden: true })
      .map((row) => row.textContent),
  ).toEqual(['OutcomeDeliveries', 'Succeeded9', 'Failed1']);
  expect(get).toHaveBeenCalledWith('/api/dashboard/metrics/', { params: { query: { period: '7d' } } });
});

it('shows the stock figures, linked to the alerts and the stock screen', async () => {
  get.mockResolvedValue({ data: metrics, response: response(200) });
  renderPage();
  const stock = await screen.findByRole('region', { name: 'Stock' });
  expect(within(stock).getByRole('link', { name: '2' }).getAttribute('href')).toBe('/inventory/alerts');
  expect(within(stock).getByText('Value on hand (USD)').nextSibling?.textContent).toBe('$64,279.47');
  expect(within(stock).getByRole('link', { name: 'Stock per warehouse' }).getAttribute('href')).toBe('/inventory');
});

it('asks for the period chosen', async () => {
  get.mockResolvedValue({ data: metrics, response: response(200) });
  renderPage('/dashboard');
  await screen.findByRole('figure', { name: 'Requests by status' });
  expect(get).toHaveBeenLastCalledWith('/api/dashboard/metrics/', { params: { query: { period: '30d' } } });
  fireEvent.change(screen.getByLabelText('Period'), { target: { value: '90d' } });
  await screen.findByRole('figure', { name: 'Requests by status' });
  expect(get).toHaveBeenLastCalledWith('/api/dashboard/metrics/', { params: { query: { period: '90d' } } });
});

it('says when webhook figures are not for this person', async () => {
  get.mockResolvedValue({ data: { ...metrics, webhooks: null, teams: ['t1'] }, response: response(200) });
  renderPage();
  expect(await screen.findByText(/shown to those who see every team/)).toBeTruthy();
  expect(screen.queryByRole('figure', { name: 'Webhook deliveries' })).toBeNull();
});

it('tells a person without the right that the page is not for them', () => {
  can.dashboard = false;
  renderPage();
  expect(screen.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeTruthy();
  expect(screen.getByText('You do not have access to this page.')).toBeTruthy();
  expect(get).not.toHaveBeenCalled();
});
