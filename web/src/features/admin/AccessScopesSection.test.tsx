import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { User } from './admin-queries';
import { AccessScopesSection } from './AccessScopesSection';

const get = jest.fn();
const post = jest.fn();
const del = jest.fn();
jest.mock('../../api/client', () => {
  const actual = jest.requireActual('../../api/client');
  return {
    ...actual,
    api: {
      GET: (...args: unknown[]) => get(...args),
      POST: (...args: unknown[]) => post(...args),
      DELETE: (...args: unknown[]) => del(...args),
    },
  };
});

/** What openapi-fetch hands back; jsdom has no fetch Response, and unwrap reads only these. */
const response = (status: number) => ({ ok: status < 400, status, headers: new Map<string, string>() });
const ok = (data: unknown, status = 200) => ({ data, response: response(status) });
const refused = (status: number, detail: string) => ({
  error: { type: 'about:blank', title: 'Refused', status, detail, request_id: 'x' },
  response: response(status),
});

const user: User = {
  id: 'u1',
  username: 'alice',
  email: 'alice@example.com',
  first_name: 'Alice',
  last_name: '',
  is_active: true,
  is_admin: false,
  is_service_account: false,
  last_login_at: null,
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
};
const marketing = { id: 't1', name: 'Marketing' };
const initiator = { id: 's1', role: { code: 'INITIATOR', name: 'Initiator' }, team: marketing };
let scopes: unknown[];

beforeEach(() => {
  scopes = [initiator];
  get.mockReset().mockImplementation(async (path: string) => {
    if (path === '/api/users/{id}/access-scopes/') return ok(scopes);
    if (path === '/api/roles/')
      return ok([
        { code: 'INITIATOR', name: 'Initiator', description: '' },
        { code: 'MANAGER', name: 'Manager', description: 'Approves first' },
      ]);
    if (path === '/api/prs/teams/') return ok({ count: 1, next: null, previous: null, results: [marketing] });
    throw new Error(`unexpected GET ${path}`);
  });
  post.mockReset();
  del.mockReset();
});

function renderSection() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <AccessScopesSection user={user} />
    </QueryClientProvider>,
  );
}

it('grants a role in every team and shows the list the API answers afterwards', async () => {
  post.mockImplementation(async () => {
    scopes = [initiator, { id: 's2', role: { code: 'MANAGER', name: 'Manager' }, team: null }];
    return ok(scopes[1], 201);
  });
  renderSection();
  await screen.findByRole('option', { name: 'Manager' });
  fireEvent.change(screen.getByLabelText(/^Role/), { target: { value: 'MANAGER' } });
  expect((screen.getByLabelText('Team') as HTMLSelectElement).value).toBe('');
  fireEvent.click(screen.getByRole('button', { name: 'Add access' }));
  const table = await screen.findByRole('table', { name: 'Access scopes of alice' });
  await within(table).findByRole('button', { name: 'Remove Manager in all teams' });
  expect(post).toHaveBeenCalledWith('/api/users/{id}/access-scopes/', {
    params: { path: { id: 'u1' } },
    body: { role: 'MANAGER', team: null },
  });
});

it('asks for a role before calling the API', async () => {
  renderSection();
  await screen.findByRole('button', { name: 'Remove Initiator in Marketing' });
  fireEvent.click(screen.getByRole('button', { name: 'Add access' }));
  expect(screen.getByText('Choose a role.')).toBeTruthy();
  expect(post).not.toHaveBeenCalled();
});

it("shows the API's refusal next to the action", async () => {
  post.mockResolvedValue(refused(409, 'The user already holds this access scope.'));
  renderSection();
  await screen.findByRole('option', { name: 'Initiator' });
  fireEvent.change(screen.getByLabelText(/^Role/), { target: { value: 'INITIATOR' } });
  fireEvent.change(screen.getByLabelText('Team'), { target: { value: 't1' } });
  fireEvent.click(screen.getByRole('button', { name: 'Add access' }));
  expect((await screen.findByRole('alert')).textContent).toBe('The user already holds this access scope.');
});

it('removes a scope by its id', async () => {
  del.mockImplementation(async () => {
    scopes = [];
    return { data: undefined, response: response(204) };
  });
  renderSection();
  fireEvent.click(await screen.findByRole('button', { name: 'Remove Initiator in Marketing' }));
  await screen.findByText('alice holds no role yet.');
  expect(del).toHaveBeenCalledWith('/api/users/{id}/access-scopes/{scope_id}/', {
    params: { path: { id: 'u1', scope_id: 's1' } },
  });
  await waitFor(() => expect(screen.queryByRole('table')).toBeNull());
});
