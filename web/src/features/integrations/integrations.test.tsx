import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { ApiTokensPage } from './ApiTokensPage';
import { DeliveryDetailPage } from './DeliveryDetailPage';
import { WebhookEndpointsPage } from './WebhookEndpointsPage';

const calls = { GET: jest.fn(), POST: jest.fn(), PATCH: jest.fn(), DELETE: jest.fn() };
jest.mock('../../api/client', () => {
  const actual = jest.requireActual('../../api/client');
  return {
    ...actual,
    api: {
      GET: (...args: unknown[]) => calls.GET(...args),
      POST: (...args: unknown[]) => calls.POST(...args),
      PATCH: (...args: unknown[]) => calls.PATCH(...args),
      DELETE: (...args: unknown[]) => calls.DELETE(...args),
    },
  };
});

const can = { admin: true };
jest.mock('../../session/session', () => ({ useMe: () => ({ me: {}, can }) }));

const response = (status: number) => ({ ok: status < 400, status, headers: new Map<string, string>() });
const ok = (data: unknown, status = 200) => ({ data, response: response(status) });
const page = (results: unknown[]) => ok({ count: results.length, next: null, previous: null, results });
const problem = (status: number, detail: string) => ({
  error: { type: 'about:blank', title: 'Refused', status, detail, request_id: 'x' },
  response: response(status),
});

const endpoint = {
  id: 'e1',
  url: 'https://erp.example.com/hooks',
  description: 'ERP',
  event_types: ['*'],
  is_active: true,
  disabled_reason: null,
  secret_rotated_until: null,
  created_at: '2026-01-10T09:00:00.000Z',
  updated_at: '2026-01-10T09:00:00.000Z',
};
const catalogue = [
  { type: 'order.created', description: 'An order was created.', example: {} },
  { type: 'order.updated', description: 'An order changed status.', example: {} },
];

let client: QueryClient;
function renderAt(path: string, routePath: string, element: ReactNode) {
  client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={[path]}>
        <Routes>
          <Route path={routePath} element={element} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

beforeEach(() => {
  Object.values(calls).forEach((mock) => mock.mockReset());
  can.admin = true;
});

describe('webhook endpoints', () => {
  beforeEach(() => {
    calls.GET.mockImplementation((path: string) =>
      Promise.resolve(path === '/api/webhooks/event-types/' ? ok(catalogue) : page([endpoint])),
    );
  });

  it('shows a new endpoint’s secret once, outside the query cache, until Done', async () => {
    calls.POST.mockResolvedValue(ok({ ...endpoint, id: 'e2', secret: 'whsec_TopSecret' }, 201));
    renderAt('/admin/integrations', '/admin/integrations', <WebhookEndpointsPage />);
    expect(await screen.findByRole('link', { name: 'https://erp.example.com/hooks' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Webhook endpoints' }).getAttribute('aria-current')).toBe('page');

    fireEvent.change(screen.getByLabelText(/^URL/), { target: { value: ' https://new.example.com/in ' } });
    fireEvent.click(await screen.findByRole('checkbox', { name: 'order.updated' }));
    expect((screen.getByRole('checkbox', { name: 'All events' }) as HTMLInputElement).checked).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: 'Create endpoint' }));

    const region = await screen.findByRole('region', { name: 'Signing secret of the new endpoint' });
    expect(within(region).getByText('whsec_TopSecret')).toBeTruthy();
    expect(within(region).getByText(/It will not be shown again/)).toBeTruthy();
    expect(document.activeElement?.textContent).toBe('Signing secret of the new endpoint');
    const [path, options] = calls.POST.mock.calls[0] as [string, { body: unknown; params: { header: object } }];
    expect(path).toBe('/api/webhooks/endpoints/');
    expect(options.body).toEqual({
      url: 'https://new.example.com/in',
      description: '',
      event_types: ['order.updated'],
    });
    expect(options.params.header).toEqual({ 'Idempotency-Key': expect.stringMatching(/^web-/) });

    const cached = JSON.stringify([
      client
        .getQueryCache()
        .getAll()
        .map((query) => query.state.data),
      client
        .getMutationCache()
        .getAll()
        .map((mutation) => mutation.state.data),
    ]);
    expect(cached).not.toContain('whsec_TopSecret');

    const writeText = jest.fn().mockResolvedValue(undefined);
    Object.assign(navigator, { clipboard: { writeText } });
    fireEvent.click(within(region).getByRole('button', { name: 'Copy' }));
    expect(await within(region).findByText('Copied to the clipboard.')).toBeTruthy();
    expect(writeText).toHaveBeenCalledWith('whsec_TopSecret');

    fireEvent.click(within(region).getByRole('button', { name: 'Done' }));
    expect(screen.queryByText('whsec_TopSecret')).toBeNull();
  });

  it('refuses to send an endpoint with no event type', async () => {
    renderAt('/admin/integrations', '/admin/integrations', <WebhookEndpointsPage />);
    fireEvent.change(screen.getByLabelText(/^URL/), { target: { value: 'https://x.example.com' } });
    fireEvent.click(await screen.findByRole('checkbox', { name: 'All events' }));
    fireEvent.click(screen.getByRole('button', { name: 'Create endpoint' }));
    expect(screen.getByText('Choose at least one event type, or all events.')).toBeTruthy();
    expect(calls.POST).not.toHaveBeenCalled();
  });

  it('keeps the page from someone who is not an admin', () => {
    can.admin = false;
    renderAt('/admin/integrations', '/admin/integrations', <WebhookEndpointsPage />);
    expect(screen.getByText('You do not have access to this page.')).toBeTruthy();
    expect(calls.GET).not.toHaveBeenCalled();
  });
});

describe('API tokens', () => {
  const token = {
    id: 't1',
    name: 'ERP integration',
    prefix: 'k3v9x2qa',
    user: { id: 'u1', username: 'admin' },
    scopes: ['orders:read'],
    rate_limit_per_hour: null,
    created_at: '2026-01-10T09:00:00.000Z',
    expires_at: null,
    last_used_at: null,
    revoked_at: null,
  };

  it('creates a token with the chosen scopes and shows its secret once', async () => {
    calls.GET.mockResolvedValue(page([]));
    calls.POST.mockResolvedValue(ok({ ...token, id: 't2', name: 'Reports', token: 'prs_k3v9_secret' }, 201));
    renderAt('/admin/integrations/tokens', '/admin/integrations/tokens', <ApiTokensPage />);
    fireEvent.change(screen.getByLabelText(/^Token name/), { target: { value: 'Reports' } });
    fireEvent.click(screen.getByRole('checkbox', { name: 'audit:read' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'requests:read' }));
    fireEvent.click(screen.getByRole('button', { name: 'Create token' }));
    const region = await screen.findByRole('region', { name: 'Secret of the token “Reports”' });
    expect(within(region).getByText('prs_k3v9_secret')).toBeTruthy();
    const [, options] = calls.POST.mock.calls[0] as [string, { body: unknown }];
    expect(options.body).toEqual({ name: 'Reports', scopes: ['requests:read', 'audit:read'] });
  });

  it('asks before revoking, then shows what the API says', async () => {
    calls.GET.mockResolvedValueOnce(page([token])).mockResolvedValue(
      page([{ ...token, revoked_at: '2026-02-01T00:00:00.000Z' }]),
    );
    calls.DELETE.mockResolvedValue({ data: undefined, response: response(204) });
    renderAt('/admin/integrations/tokens', '/admin/integrations/tokens', <ApiTokensPage />);
    const row = (await screen.findByRole('cell', { name: 'ERP integration' })).closest('tr') as HTMLElement;
    fireEvent.click(within(row).getByRole('button', { name: 'Revoke ERP integration' }));
    expect(calls.DELETE).not.toHaveBeenCalled();
    const confirm = within(row).getByRole('button', { name: 'Yes, revoke' });
    expect(document.activeElement).toBe(confirm);
    fireEvent.click(confirm);
    expect(await within(row).findByText('Revoked')).toBeTruthy();
    expect(calls.DELETE).toHaveBeenCalledWith('/api/auth/api-tokens/{id}/', { params: { path: { id: 't1' } } });
  });
});

describe('a delivery', () => {
  const delivery = {
    id: 'd1',
    event_id: 'evt_1',
    event_type: 'order.updated',
    endpoint_id: 'e1',
    status: 'failed',
    attempt_count: 2,
    last_status_code: 500,
    redelivery_of: null,
    created_at: '2026-01-16T10:00:00.000Z',
    completed_at: '2026-01-16T10:05:00.000Z',
    attempts: [
      {
        attempt_number: 1,
        attempted_at: '2026-01-16T10:00:00.000Z',
        status_code: 500,
        latency_ms: 120,
        error: null,
        response_excerpt: 'Internal error',
      },
    ],
  };

  it('lists its attempts and shows a refused redelivery next to the button', async () => {
    calls.GET.mockImplementation((path: string) =>
      Promise.resolve(path === '/api/webhooks/deliveries/{id}/' ? ok(delivery) : page([endpoint])),
    );
    calls.POST.mockResolvedValue(problem(409, 'The endpoint is disabled.'));
    renderAt('/admin/integrations/deliveries/d1', '/admin/integrations/deliveries/:id', <DeliveryDetailPage />);
    const attempts = await screen.findByRole('table', { name: 'Attempts of this delivery' });
    expect(within(attempts).getByText('Internal error')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Deliveries' }).getAttribute('aria-current')).toBe('true');
    fireEvent.click(screen.getByRole('button', { name: 'Redeliver' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The endpoint is disabled.');
    expect(calls.POST).toHaveBeenCalledWith('/api/webhooks/deliveries/{id}/redeliver/', {
      params: { path: { id: 'd1' } },
    });
  });
});
