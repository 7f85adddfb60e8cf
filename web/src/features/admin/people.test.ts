import { ApiError } from '../../api/problem';
import type { User } from './admin-queries';
import {
  apiFieldErrors,
  editDraftOf,
  emptyNewUser,
  newUserBody,
  scopeLabel,
  userFilterParams,
  userFiltersFromParams,
  userListQuery,
  userPatch,
  validateNewUser,
} from './people';

const user: User = {
  id: 'u1',
  username: 'alice',
  email: 'alice@example.com',
  first_name: 'Alice',
  last_name: 'Anderson',
  is_active: true,
  is_admin: false,
  is_service_account: false,
  last_login_at: null,
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
};

describe('user filters in the URL', () => {
  it('reads the filters and ignores what it does not know', () => {
    const filters = userFiltersFromParams(new URLSearchParams('search=al&active=yes&admin=maybe&page=3'));
    expect(filters).toEqual({ search: 'al', active: 'yes', admin: '', service: '', page: 3 });
    expect(userFiltersFromParams(new URLSearchParams('page=-2')).page).toBe(1);
  });

  it('writes only what differs from the defaults, and round-trips', () => {
    const filters = { search: 'bob', active: 'no' as const, admin: '' as const, service: 'yes' as const, page: 1 };
    const params = userFilterParams(filters);
    expect(params.toString()).toBe('search=bob&active=no&service=yes');
    expect(userFiltersFromParams(params)).toEqual(filters);
  });

  it('turns yes/no into the API booleans and leaves "any" out', () => {
    const query = userListQuery({ search: '', active: 'no', admin: 'yes', service: '', page: 2 }, 20);
    expect(query).toEqual({ page: 2, page_size: 20, ordering: 'username', is_active: false, is_admin: true });
  });
});

describe('creating a user', () => {
  it('asks a person for a password, and a service account for none', () => {
    const person = { ...emptyNewUser, username: 'dave', email: 'dave@example.com' };
    expect(validateNewUser(person)).toEqual({ password: ['A person needs a password to sign in.'] });
    expect(validateNewUser({ ...person, isServiceAccount: true })).toEqual({});
    expect(validateNewUser({ ...person, isServiceAccount: true, isAdmin: true }).is_admin).toBeDefined();
  });

  it('refuses usernames and e-mail addresses the API would refuse', () => {
    const errors = validateNewUser({ ...emptyNewUser, username: 'da ve', email: 'nope', password: 'x' });
    expect(Object.keys(errors)).toEqual(['username', 'email']);
  });

  it('sends a service account without password or admin flag, and trims text', () => {
    const draft = {
      ...emptyNewUser,
      username: ' erp ',
      email: 'erp@example.com',
      password: 'ignored',
      isAdmin: true,
      isServiceAccount: true,
    };
    expect(newUserBody(draft)).toEqual({ username: 'erp', email: 'erp@example.com', is_service_account: true });
    expect(newUserBody({ ...draft, isServiceAccount: false, firstName: ' Erin ' })).toEqual({
      username: 'erp',
      email: 'erp@example.com',
      first_name: 'Erin',
      password: 'ignored',
      is_admin: true,
    });
  });
});

describe('editing a user', () => {
  it('patches only what changed (an admin editing their own name sends no is_admin)', () => {
    const draft = { ...editDraftOf({ ...user, is_admin: true }), lastName: 'Smith' };
    expect(userPatch({ ...user, is_admin: true }, draft)).toEqual({ last_name: 'Smith' });
    expect(userPatch(user, editDraftOf(user))).toEqual({});
    expect(userPatch(user, { ...editDraftOf(user), isAdmin: true, password: 'new-pass-123' })).toEqual({
      is_admin: true,
      password: 'new-pass-123',
    });
  });
});

it('names a scope by role and team', () => {
  const role = { code: 'MANAGER', name: 'Manager' };
  expect(scopeLabel({ id: 's1', role, team: { id: 't1', name: 'Marketing' } })).toBe('Manager in Marketing');
  expect(scopeLabel({ id: 's2', role, team: null })).toBe('Manager in all teams');
});

it("reads the API's field errors off a refusal", () => {
  const error = new ApiError(400, {
    type: 'about:blank',
    title: 'Bad request',
    status: 400,
    detail: 'Invalid.',
    request_id: 'r',
    errors: { username: ['Taken.'] },
  });
  expect(apiFieldErrors(error)).toEqual({ username: ['Taken.'] });
  expect(apiFieldErrors(new Error('x'))).toEqual({});
});
