import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import type { Capabilities } from '../../session/capabilities';
import { orderFixture } from './order-fixtures';
import { OrderDetailPage } from './OrderDetailPage';
import type { OrderDetail } from './order-types';

const get = jest.fn();
const patch = jest.fn();
const post = jest.fn();
jest.mock('../../api/client', () => {
  const actual = jest.requireActual('../../api/client');
  return {
    ...actual,
    api: {
      GET: (...args: unknown[]) => get(...args),
      PATCH: (...args: unknown[]) => patch(...args),
      POST: (...args: unknown[]) => post(...args),
    },
  };
});

let can: Partial<Capabilities> = {};
jest.mock('../../session/session', () => ({
  useMe: () => ({ me: { id: 'u1', username: 'someone' }, can }),
}));

const reader = { readOrders: true, manageOrders: false, request: false };
const manager = { readOrders: true, manageOrders: true, request: false };

/** What openapi-fetch hands back; jsdom has no fetch Response, and unwrap reads only these. */
const response = (status: number) => ({ ok: status < 400, status, headers: new Map<string, string>() });
const answer = (data: unknown, status = 200) => ({ data, response: response(status) });
const problem = (status: number, detail: string) => ({
  error: { type: 'about:blank', title: 'Refused', status, detail, request_id: 'x' },
  response: response(status),
});

function renderPage(order: OrderDetail, capabilities: Partial<Capabilities>) {
  can = capabilities;
  get.mockResolvedValue(answer(order));
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={[`/orders/${order.id}`]}>
        <Routes>
          <Route path="/orders/:id" element={<OrderDetailPage />} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

const actionButtons = () =>
  screen
    .queryAllByRole('button')
    .map((button) => button.textContent)
    .filter((name) => name !== 'Add note' && name !== 'Create shipment');

beforeEach(() => {
  get.mockReset();
  patch.mockReset();
  post.mockReset();
});

it('shows a read-only person the order without any action', async () => {
  renderPage(orderFixture(), reader);
  await screen.findByRole('heading', { level: 1, name: 'Purchase order PO-2026-000042' });
  expect(screen.getByRole('link', { name: 'Laptops' }).getAttribute('href')).toBe('/requests/r1');
  expect(screen.getByRole('table', { name: 'Items of PO-2026-000042' })).toBeTruthy();
  expect(screen.queryAllByRole('button')).toEqual([]);
  expect(screen.queryByRole('textbox')).toBeNull();
});

it('hides the actions from a manager when the API offers no transition', async () => {
  renderPage(orderFixture({ status: 'delivered', allowed_transitions: [] }), manager);
  await screen.findByRole('heading', { level: 1 });
  expect(screen.queryAllByRole('button')).toEqual([]);
});

it('offers a manager exactly the transitions the API allows, and notes', async () => {
  renderPage(orderFixture(), manager);
  await screen.findByRole('heading', { level: 1 });
  expect(actionButtons()).toEqual(['Mark as confirmed', 'Cancel order']);
  expect(screen.getByRole('button', { name: 'Add note' })).toBeTruthy();
  expect(screen.queryByRole('button', { name: 'Create shipment' })).toBeNull();
});

it('offers the shipment form, not a "shipped" button, for an order in processing', async () => {
  renderPage(orderFixture({ status: 'processing', allowed_transitions: ['shipped', 'cancelled'] }), manager);
  await screen.findByRole('heading', { level: 1 });
  expect(actionButtons()).toEqual(['Cancel order']);
  for (const name of ['Carrier', 'Tracking number', 'Service type', 'Shipping cost', 'Shipment note']) {
    expect(screen.getByRole('textbox', { name })).toBeTruthy();
  }
  expect(screen.getByLabelText('Estimated delivery').getAttribute('type')).toBe('date');
});

it("shows the API's answer after a change, with the note sent", async () => {
  const confirmed = orderFixture({ status: 'confirmed', allowed_transitions: ['processing', 'cancelled'] });
  patch.mockResolvedValue(answer(confirmed));
  renderPage(orderFixture(), manager);
  await screen.findByRole('heading', { level: 1 });
  fireEvent.change(screen.getByRole('textbox', { name: 'Status note' }), { target: { value: 'By phone' } });
  get.mockResolvedValue(answer(confirmed));
  fireEvent.click(screen.getByRole('button', { name: 'Mark as confirmed' }));
  const outcome = await screen.findByText(/You changed the order to/);
  expect(within(outcome).getByText('Confirmed')).toBeTruthy();
  expect(patch).toHaveBeenCalledWith(
    '/api/orders/{id}/status/',
    expect.objectContaining({
      params: expect.objectContaining({ path: { id: 'o1' } }),
      body: { status: 'confirmed', note: 'By phone' },
    }),
  );
  expect(await screen.findByRole('button', { name: 'Mark as processing' })).toBeTruthy();
  expect(actionButtons()).toEqual(['Mark as processing', 'Cancel order']);
});

it("shows the API's refusal beside the buttons", async () => {
  patch.mockResolvedValue(problem(409, 'An order that is confirmed cannot become confirmed.'));
  renderPage(orderFixture(), manager);
  await screen.findByRole('heading', { level: 1 });
  fireEvent.click(screen.getByRole('button', { name: 'Mark as confirmed' }));
  const alert = await screen.findByRole('alert');
  expect(alert.textContent).toBe('An order that is confirmed cannot become confirmed.');
  expect(screen.getByRole('button', { name: 'Mark as confirmed' })).toBeTruthy();
});

it('records a shipment, then shows the shipped order the API answers', async () => {
  const processing = orderFixture({ status: 'processing', allowed_transitions: ['shipped', 'cancelled'] });
  const shipment = {
    id: 's1',
    order: { id: 'o1', number: 'PO-2026-000042' },
    carrier: 'UPS',
    service_type: '',
    tracking_number: '1Z999',
    shipping_cost: '0.00',
    estimated_delivery: '2026-02-01',
    delivered_at: null,
    created_at: '2026-01-20T09:00:00.000Z',
  };
  post.mockResolvedValue(answer(shipment, 201));
  renderPage(processing, manager);
  await screen.findByRole('heading', { level: 1 });
  fireEvent.change(screen.getByRole('textbox', { name: 'Carrier' }), { target: { value: 'UPS' } });
  fireEvent.change(screen.getByRole('textbox', { name: 'Tracking number' }), { target: { value: '1Z999' } });
  fireEvent.change(screen.getByLabelText('Estimated delivery'), { target: { value: '2026-02-01' } });
  const fields = { ...shipment, order: undefined };
  get.mockResolvedValue(
    answer({ ...processing, status: 'shipped', allowed_transitions: ['delivered'], shipments: [fields] }),
  );
  fireEvent.click(screen.getByRole('button', { name: 'Create shipment' }));
  expect(await screen.findByText('Shipment 1Z999 with UPS recorded for order PO-2026-000042.')).toBeTruthy();
  expect(post).toHaveBeenCalledWith(
    '/api/shipping/',
    expect.objectContaining({
      body: { order_id: 'o1', carrier: 'UPS', tracking_number: '1Z999', estimated_delivery: '2026-02-01' },
    }),
  );
  expect(await screen.findByRole('button', { name: 'Mark as delivered' })).toBeTruthy();
  expect(screen.queryByRole('button', { name: 'Create shipment' })).toBeNull();
  expect(screen.getByRole('table', { name: 'Shipments of PO-2026-000042' })).toBeTruthy();
});
