import { ApiError } from '../../api/problem';
import type { operations } from '../../api/schema';
import type { AccessScope, User } from './admin-queries';

export type FieldErrors = Record<string, string[]>;
/** A yes/no filter that may also be unset ("any"). */
export type YesNo = '' | 'yes' | 'no';

export interface UserFilters {
  search: string;
  active: YesNo;
  admin: YesNo;
  service: YesNo;
  page: number;
}

type UserListQuery = NonNullable<operations['listUsers']['parameters']['query']>;
export type NewUserBody = operations['createUser']['requestBody']['content']['application/json'];
export type UserPatch = NonNullable<operations['updateUser']['requestBody']>['content']['application/json'];

const yesNo = (value: string | null): YesNo => (value === 'yes' || value === 'no' ? value : '');
const asBoolean = (value: YesNo): boolean | undefined => (value === '' ? undefined : value === 'yes');

export function userFiltersFromParams(params: URLSearchParams): UserFilters {
  const page = Number(params.get('page') ?? '1');
  return {
    search: params.get('search')?.trim() ?? '',
    active: yesNo(params.get('active')),
    admin: yesNo(params.get('admin')),
    service: yesNo(params.get('service')),
    page: Number.isInteger(page) && page >= 1 ? page : 1,
  };
}

/** The URL of a filtered list: only what differs from "everyone, page 1". */
export function userFilterParams(filters: UserFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.search) params.set('search', filters.search);
  if (filters.active) params.set('active', filters.active);
  if (filters.admin) params.set('admin', filters.admin);
  if (filters.service) params.set('service', filters.service);
  if (filters.page > 1) params.set('page', String(filters.page));
  return params;
}

export function userListQuery(filters: UserFilters, pageSize: number): UserListQuery {
  const query: UserListQuery = { page: filters.page, page_size: pageSize, ordering: 'username' };
  if (filters.search) query.search = filters.search;
  const active = asBoolean(filters.active);
  const admin = asBoolean(filters.admin);
  const service = asBoolean(filters.service);
  if (active !== undefined) query.is_active = active;
  if (admin !== undefined) query.is_admin = admin;
  if (service !== undefined) query.is_service_account = service;
  return query;
}

export function fullName(user: Pick<User, 'first_name' | 'last_name'>): string {
  return `${user.first_name} ${user.last_name}`.trim();
}

/** "Manager in Marketing", "Finance Reviewer in all teams". */
export function scopeLabel(scope: AccessScope): string {
  return `${scope.role.name} in ${scope.team ? scope.team.name : 'all teams'}`;
}

export interface NewUserDraft {
  username: string;
  email: string;
  firstName: string;
  lastName: string;
  password: string;
  isAdmin: boolean;
  isServiceAccount: boolean;
}

export const emptyNewUser: NewUserDraft = {
  username: '',
  email: '',
  firstName: '',
  lastName: '',
  password: '',
  isAdmin: false,
  isServiceAccount: false,
};

const USERNAME = /^[\w.@+-]+$/;

/** What the API would refuse anyway, said before the round trip; keys are the API's field names. */
export function validateNewUser(draft: NewUserDraft): FieldErrors {
  const errors: FieldErrors = {};
  const username = draft.username.trim();
  if (!username) errors.username = ['Enter a username.'];
  else if (!USERNAME.test(username)) errors.username = ['Use letters, digits and @ . + - _ only.'];
  if (!draft.email.trim()) errors.email = ['Enter an e-mail address.'];
  else if (!/^[^\s@]+@[^\s@]+$/.test(draft.email.trim())) errors.email = ['Enter a valid e-mail address.'];
  if (!draft.isServiceAccount && !draft.password) errors.password = ['A person needs a password to sign in.'];
  if (draft.isServiceAccount && draft.isAdmin) errors.is_admin = ['A service account cannot be an administrator.'];
  return errors;
}

export function newUserBody(draft: NewUserDraft): NewUserBody {
  const body: NewUserBody = { username: draft.username.trim(), email: draft.email.trim() };
  if (draft.firstName.trim()) body.first_name = draft.firstName.trim();
  if (draft.lastName.trim()) body.last_name = draft.lastName.trim();
  if (draft.isServiceAccount) body.is_service_account = true;
  else {
    body.password = draft.password;
    if (draft.isAdmin) body.is_admin = true;
  }
  return body;
}

export interface UserEditDraft {
  firstName: string;
  lastName: string;
  email: string;
  isAdmin: boolean;
  /** Empty: keep the current password. */
  password: string;
}

export function editDraftOf(user: User): UserEditDraft {
  return {
    firstName: user.first_name,
    lastName: user.last_name,
    email: user.email,
    isAdmin: user.is_admin,
    password: '',
  };
}

/** Only what changed: an admin editing their own name must not send `is_admin`, which the API checks (409). */
export function userPatch(user: User, draft: UserEditDraft): UserPatch {
  const patch: UserPatch = {};
  if (draft.firstName.trim() !== user.first_name) patch.first_name = draft.firstName.trim();
  if (draft.lastName.trim() !== user.last_name) patch.last_name = draft.lastName.trim();
  if (draft.email.trim() !== user.email) patch.email = draft.email.trim();
  if (draft.isAdmin !== user.is_admin) patch.is_admin = draft.isAdmin;
  if (draft.password) patch.password = draft.password;
  return patch;
}

/** The API's field errors of a refusal (a 400's `errors`), or none. */
export function apiFieldErrors(error: unknown): FieldErrors {
  return error instanceof ApiError ? error.fieldErrors : {};
}
