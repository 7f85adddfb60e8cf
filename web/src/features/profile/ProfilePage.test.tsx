import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, within } from '@testing-library/react';
import type { Me } from '../../session/capabilities';
import { ProfilePage } from './ProfilePage';

const post = jest.fn();
const patch = jest.fn();
jest.mock('../../api/client', () => {
  const actual = jest.requireActual('../../api/client');
  return {
    ...actual,
    api: { POST: (...args: unknown[]) => post(...args), PATCH: (...args: unknown[]) => patch(...args) },
  };
});

const me: Me = {
  id: 'u1',
  username: 'alice',
  email: 'alice@example.com',
  first_name: 'Alice',
  last_name: 'Anderson',
  is_active: true,
  is_admin: false,
  is_service_account: false,
  is_platform_admin: false,
  tenant: { id: 'tn1', name: 'Demo organisation', slug: 'demo' },
  last_login_at: null,
  created_at: '2026-01-01T09:00:00.000Z',
  updated_at: '2026-01-01T09:00:00.000Z',
  access_scopes: [{ id: 's1', role: { code: 'INITIATOR', name: 'Initiator' }, team: { id: 't1', name: 'Marketing' } }],
  pending_email: null,
};
const reload = jest.fn().mockResolvedValue(undefined);
const signOut = jest.fn().mockResolvedValue(undefined);
jest.mock('../../session/session', () => ({
  useMe: () => ({ me, can: {} }),
  useSession: () => ({ reload, signOut }),
}));

const response = (status: number, headers: Record<string, string> = {}) => ({
  ok: status < 400,
  status,
  headers: new Map(Object.entries(headers)),
});
const problem = (status: number, detail: string, errors?: Record<string, string[]>, headers = {}) => ({
  error: { type: 'about:blank', title: 'Refused', status, detail, request_id: 'x', errors },
  response: response(status, headers),
});

function renderPage() {
  const client = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <ProfilePage />
    </QueryClientProvider>,
  );
}

function fillPassword(current: string, next: string, confirm = next) {
  fireEvent.change(screen.getByLabelText(/^Current password/), { target: { value: current } });
  fireEvent.change(screen.getByLabelText(/^New password/), { target: { value: next } });
  fireEvent.change(screen.getByLabelText(/^Confirm new password/), { target: { value: confirm } });
  fireEvent.click(screen.getByRole('button', { name: 'Change password' }));
}

beforeEach(() => {
  post.mockReset();
  patch.mockReset();
  reload.mockClear();
  signOut.mockClear();
});

it('shows who I am with my roles and teams', () => {
  renderPage();
  expect(screen.getByRole('heading', { level: 1, name: 'My profile' })).toBeTruthy();
  expect(screen.getByText('Initiator — Marketing')).toBeTruthy();
  expect(screen.getByText('Alice Anderson')).toBeTruthy();
});

it('saves my name and reads the session again', async () => {
  patch.mockResolvedValue({ data: { ...me, first_name: 'Alicia' }, response: response(200) });
  renderPage();
  fireEvent.change(screen.getByLabelText('First name'), { target: { value: ' Alicia ' } });
  fireEvent.click(screen.getByRole('button', { name: 'Save name' }));
  expect(await screen.findByText('Your name was saved.')).toBeTruthy();
  expect(patch).toHaveBeenCalledWith('/api/me/', { body: { first_name: 'Alicia', last_name: 'Anderson' } });
  expect(reload).toHaveBeenCalled();
});

it('refuses different new passwords without asking the API', () => {
  renderPage();
  fillPassword('demo-pass-123', 'a-long-new-passphrase', 'a-long-new-passphrasf');
  expect(screen.getByText('The two new passwords differ.')).toBeTruthy();
  expect(post).not.toHaveBeenCalled();
});

it("shows the API's refusal next to the field", async () => {
  post.mockResolvedValue(
    problem(400, 'The request body is invalid.', { old_password: ['Your old password was entered incorrectly.'] }),
  );
  renderPage();
  fillPassword('wrong-pass', 'a-long-new-passphrase');
  await screen.findByRole('alert');
  const current = screen.getByLabelText(/^Current password/);
  expect(current.getAttribute('aria-invalid')).toBe('true');
  expect(document.getElementById(current.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
    'Your old password was entered incorrectly.',
  );
});

it('says how long to wait when throttled', async () => {
  post.mockResolvedValue(problem(429, 'Too many requests.', undefined, { 'Retry-After': '120' }));
  renderPage();
  fillPassword('demo-pass-123', 'a-long-new-passphrase');
  expect((await screen.findByRole('alert')).textContent).toBe('Too many requests. Try again in 2 minutes.');
});

it('explains that the session ended after a change and offers to sign in again', async () => {
  post.mockResolvedValue({ data: { detail: 'Password changed successfully' }, response: response(200) });
  renderPage();
  fillPassword('demo-pass-123', 'a-long-new-passphrase');
  const done = await screen.findByRole('alert');
  expect(done.textContent).toContain('every session was signed out, this one too');
  expect(post).toHaveBeenCalledWith('/api/auth/change-password/', {
    body: { old_password: 'demo-pass-123', new_password: 'a-long-new-passphrase' },
  });
  fireEvent.click(within(done).getByRole('button', { name: 'Sign in again' }));
  expect(signOut).toHaveBeenCalled();
});

it('asks for an e-mail change with the password, then confirms it with the code', async () => {
  patch.mockResolvedValue({ data: { ...me, pending_email: 'new@example.com' }, response: response(200) });
  renderPage();
  fireEvent.change(screen.getByLabelText(/^New e-mail address/), { target: { value: 'new@example.com' } });
  fireEvent.change(screen.getByLabelText(/^Password, to confirm it is you/), { target: { value: 'demo-pass-123' } });
  fireEvent.click(screen.getByRole('button', { name: 'Send confirmation code' }));
  expect(await screen.findByText(/a confirmation code is on its way/)).toBeTruthy();
  expect(patch).toHaveBeenCalledWith('/api/me/', {
    body: { email: 'new@example.com', current_password: 'demo-pass-123' },
  });
  expect(reload).toHaveBeenCalled();
});

it('offers the confirmation form while a new address waits', async () => {
  me.pending_email = 'new@example.com';
  post.mockResolvedValue({ data: { detail: 'Your e-mail address was changed.' }, response: response(200) });
  try {
    renderPage();
    fireEvent.change(screen.getByLabelText(/^Confirmation code/), { target: { value: ' ec_code ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Confirm e-mail address' }));
    expect(await screen.findByText('Your e-mail address was changed.')).toBeTruthy();
    expect(post).toHaveBeenCalledWith('/api/me/email/confirm/', { body: { token: 'ec_code' } });
    expect(reload).toHaveBeenCalled();
  } finally {
    me.pending_email = null;
  }
});
