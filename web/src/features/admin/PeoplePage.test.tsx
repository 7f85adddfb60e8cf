import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { PeoplePage } from './PeoplePage';

const get = jest.fn();
const post = jest.fn();
jest.mock('../../api/client', () => {
  const actual = jest.requireActual('../../api/client');
  return {
    ...actual,
    api: { GET: (...args: unknown[]) => get(...args), POST: (...args: unknown[]) => post(...args) },
  };
});
jest.mock('../../session/session', () => ({ useMe: () => ({ me: { id: 'admin' }, can: { admin: true } }) }));

const response = (status: number) => ({ ok: status < 400, status, headers: new Map<string, string>() });
const ok = (data: unknown, status = 200) => ({ data, response: response(status) });
const page = (results: unknown[]) => ok({ count: results.length, next: null, previous: null, results });
const bob = {
  id: 'u2',
  username: 'bob',
  email: 'bob@example.com',
  first_name: 'Bob',
  last_name: 'Brown',
  is_active: true,
  is_admin: false,
  is_service_account: false,
  last_login_at: null,
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
};

beforeEach(() => {
  get.mockReset().mockImplementation(async (path: string) => {
    if (path === '/api/users/') return page([bob]);
    if (path === '/api/users/{id}/access-scopes/')
      return ok([{ id: 's1', role: { code: 'MANAGER', name: 'Manager' }, team: { id: 't1', name: 'Marketing' } }]);
    if (path === '/api/prs/teams/')
      return page([{ id: 't1', name: 'Marketing', description: '', is_active: true, created_at: bob.created_at }]);
    if (path === '/api/roles/') return ok([{ code: 'MANAGER', name: 'Manager', description: 'Approves first' }]);
    throw new Error(`unexpected GET ${path}`);
  });
  post.mockReset();
});

function renderPage(url = '/admin/people') {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={[url]}>
        <PeoplePage />
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

it('lists users with their roles, filtered as the URL says', async () => {
  renderPage('/admin/people?active=no&search=bo');
  const users = await screen.findByRole('table', { name: 'Users' });
  const row = within(users).getByRole('row', { name: /bob/ });
  expect(within(row).getByRole('link', { name: 'bob' }).getAttribute('href')).toBe('/admin/people/u2');
  expect(await within(row).findByText('Manager in Marketing')).toBeTruthy();
  expect(get).toHaveBeenCalledWith('/api/users/', {
    params: { query: { page: 1, page_size: 20, ordering: 'username', search: 'bo', is_active: false } },
  });
  expect(screen.getByRole('heading', { level: 2, name: 'Roles' })).toBeTruthy();
  expect(await screen.findByText('Approves first')).toBeTruthy();
});

it('creates a user and offers the way to their access', async () => {
  post.mockResolvedValue(ok({ ...bob, id: 'u9', username: 'dave' }, 201));
  renderPage();
  const form = screen.getByRole('form', { name: 'Create a user' });
  fireEvent.change(within(form).getByLabelText(/^Username/), { target: { value: 'dave' } });
  fireEvent.change(within(form).getByLabelText(/^E-mail/), { target: { value: 'dave@example.com' } });
  fireEvent.change(within(form).getByLabelText(/^Password/), { target: { value: 'correct-horse-battery' } });
  fireEvent.click(within(form).getByRole('button', { name: 'Create user' }));
  const link = await within(form).findByRole('link', { name: 'Give dave access' });
  expect(link.getAttribute('href')).toBe('/admin/people/u9');
  expect(post).toHaveBeenCalledWith('/api/users/', {
    body: { username: 'dave', email: 'dave@example.com', password: 'correct-horse-battery' },
  });
});
