import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen } from '@testing-library/react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import type { Capabilities } from '../../session/capabilities';
import { orderFixture } from './order-fixtures';
import { OrdersPage } from './OrdersPage';

const get = jest.fn();
jest.mock('../../api/client', () => {
  const actual = jest.requireActual('../../api/client');
  return { ...actual, api: { GET: (...args: unknown[]) => get(...args) } };
});

let can: Partial<Capabilities> = {};
jest.mock('../../session/session', () => ({ useMe: () => ({ me: { id: 'u1' }, can }) }));

const response = { ok: true, status: 200, headers: new Map<string, string>() };

function Where() {
  const location = useLocation();
  return <p data-where>{location.search}</p>;
}

function renderList(url: string, capabilities: Partial<Capabilities>) {
  can = capabilities;
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const view = render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={[url]}>
        <Routes>
          <Route
            path="/orders"
            element={
              <>
                <OrdersPage />
                <Where />
              </>
            }
          />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return () => view.container.querySelector('[data-where]')?.textContent;
}

beforeEach(() => {
  get.mockReset();
  get.mockResolvedValue({ data: { count: 1, next: null, previous: null, results: [orderFixture()] }, response });
});

it('asks the API with the filters of the URL and lists the answer', async () => {
  renderList('/orders?status=pending&search=Depot&page=2', { readOrders: true });
  expect(await screen.findByRole('link', { name: 'PO-2026-000042' })).toBeTruthy();
  expect(get).toHaveBeenCalledWith('/api/orders/', {
    params: { query: { page: 2, page_size: 20, ordering: '-created_at', status: ['pending'], search: 'Depot' } },
  });
  expect(screen.getByRole('link', { name: 'Laptops' }).getAttribute('href')).toBe('/requests/r1');
  expect(screen.getByRole('cell', { name: '$1,068.00' })).toBeTruthy();
});

it('keeps a changed filter in the URL, back on page 1', async () => {
  const where = renderList('/orders?page=3', { readOrders: true });
  await screen.findByRole('link', { name: 'PO-2026-000042' });
  fireEvent.change(screen.getByRole('combobox', { name: 'Status' }), { target: { value: 'shipped' } });
  expect(where()).toBe('?status=shipped');
  fireEvent.change(screen.getByRole('searchbox', { name: 'Search' }), { target: { value: 'PO-2026' } });
  fireEvent.click(screen.getByRole('button', { name: 'Apply filters' }));
  expect(where()).toBe('?status=shipped&search=PO-2026');
});

it('tells someone without access so, without asking the API', () => {
  renderList('/orders', { readOrders: false });
  expect(screen.getByText('You do not have access to this page.')).toBeTruthy();
  expect(get).not.toHaveBeenCalled();
});
