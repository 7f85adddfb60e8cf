import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { MemoryRouter, useLocation } from 'react-router';
import { AuditPage } from './AuditPage';

const get = jest.fn();
jest.mock('../../api/client', () => {
  const actual = jest.requireActual('../../api/client');
  return { ...actual, api: { GET: (...args: unknown[]) => get(...args) } };
});
const can = { admin: true };
jest.mock('../../session/session', () => ({ useMe: () => ({ me: { id: 'admin' }, can }) }));

const response = (status: number) => ({ ok: status < 400, status, headers: new Map<string, string>() });
const ok = (data: unknown) => ({ data, response: response(200) });
const alice = '1b2c3d4e-0000-4f5a-8b9c-0d1e2f3a4b5c';
const entry = {
  id: 42,
  actor: { user_id: alice, token_id: null },
  action: 'purchase_request.approve',
  resource_type: 'purchase_request',
  resource_id: 'r1',
  old_values: { status: 'PENDING_APPROVAL', round: 1 },
  new_values: { status: 'IN_REVIEW', round: 1 },
  ip_address: null,
  user_agent: null,
  request_id: null,
  timestamp: '2026-01-15T11:00:00.000Z',
  hash: 'abc',
};
let verification: unknown;

beforeEach(() => {
  can.admin = true;
  verification = { ok: true, rows: 12, unchained: 0 };
  get.mockReset().mockImplementation(async (path: string) => {
    if (path === '/api/audit/logs/') return ok({ count: 1, next: null, previous: null, results: [entry] });
    if (path === '/api/users/')
      return ok({ count: 1, next: null, previous: null, results: [{ id: alice, username: 'alice' }] });
    if (path === '/api/audit/verify/') return ok(verification);
    throw new Error(`unexpected GET ${path}`);
  });
});

/** The URL the page wrote (jsdom lacks the Request a data router needs, so a declarative router). */
const location = { search: '' };
function LocationProbe() {
  location.search = useLocation().search;
  return null;
}

function renderAt(url: string) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={[url]}>
        <AuditPage />
        <LocationProbe />
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

it('reads its filters from the URL, asks the API with them, and writes new ones back', async () => {
  renderAt('/admin/audit?resource_type=purchase_request&page=2');
  const table = await screen.findByRole('table', { name: 'Audit entries' });
  expect(within(table).getByText('alice')).toBeTruthy();
  expect(within(table).getByText('Changed: status')).toBeTruthy();
  expect(get).toHaveBeenCalledWith('/api/audit/logs/', {
    params: { query: { page: 2, page_size: 25, ordering: '-timestamp', resource_type: 'purchase_request' } },
  });
  expect((screen.getByLabelText('Resource type') as HTMLInputElement).value).toBe('purchase_request');

  fireEvent.change(screen.getByLabelText(/^Action/), { target: { value: 'purchase_request.approve' } });
  fireEvent.change(screen.getByLabelText(/^Actor/), { target: { value: alice } });
  fireEvent.click(screen.getByRole('button', { name: 'Apply filters' }));
  expect(location.search).toBe(`?action=purchase_request.approve&resource_type=purchase_request&user_id=${alice}`);
});

it('expands an entry to show its old and new values', async () => {
  renderAt('/admin/audit');
  const summary = await screen.findByText('Show values', { exact: false });
  fireEvent.click(summary);
  const details = summary.closest('details') as HTMLElement;
  expect(within(details).getByText('Before')).toBeTruthy();
  expect(within(details).getByText(/"status": "IN_REVIEW"/)).toBeTruthy();
});

it('verifies the chain on demand and says the result in words', async () => {
  renderAt('/admin/audit');
  expect(get).not.toHaveBeenCalledWith('/api/audit/verify/');
  fireEvent.click(screen.getByRole('button', { name: 'Verify the chain' }));
  expect(await screen.findByText('Chain intact: 12 entries verified.')).toBeTruthy();

  verification = { ok: false, rows: 7, unchained: 0, broken_at: 7, reason: 'the row was changed after it was written' };
  fireEvent.click(screen.getByRole('button', { name: 'Verify again' }));
  expect(
    await screen.findByText('Chain broken at entry #7: the row was changed after it was written. 7 entries checked.'),
  ).toBeTruthy();
});

it('refuses people who are not administrators, without asking the API', () => {
  can.admin = false;
  renderAt('/admin/audit');
  expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Audit log');
  expect(screen.getByText('You do not have access to this page.')).toBeTruthy();
  expect(get).not.toHaveBeenCalled();
});
