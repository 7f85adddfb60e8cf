import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { EmptyState, ErrorNote, Field, Loading, Pager } from '../../ui/components';
import { formatDateTime } from '../../ui/format';
import { adminKeys } from './admin-queries';
import { fullName, userFilterParams, userFiltersFromParams, userListQuery, type UserFilters } from './people';
import { UserRolesCell } from './UserRolesCell';
import { YesNoSelect } from './YesNoSelect';

const PAGE_SIZE = 20;

/** The users list; its filters and page live in the URL. */
export function UsersSection() {
  const [params, setParams] = useSearchParams();
  const filters = userFiltersFromParams(params);
  const [searchDraft, setSearchDraft] = useState(filters.search);
  const query = userListQuery(filters, PAGE_SIZE);
  const list = useQuery({
    queryKey: adminKeys.userList(query),
    queryFn: async () => unwrap(await api.GET('/api/users/', { params: { query } })),
  });

  const update = (changes: Partial<UserFilters>) => setParams(userFilterParams({ ...filters, page: 1, ...changes }));
  const submitSearch = (event: FormEvent) => {
    event.preventDefault();
    update({ search: searchDraft.trim() });
  };

  return (
    <section aria-labelledby="users-heading">
      <h2 id="users-heading">Users</h2>
      <form className="filters card" role="search" aria-label="Filter users" onSubmit={submitSearch}>
        <Field label="Search users" hint="Username, e-mail or name">
          {(props) => (
            <input
              {...props}
              type="search"
              value={searchDraft}
              onChange={(event) => setSearchDraft(event.target.value)}
            />
          )}
        </Field>
        <YesNoSelect
          label="Status"
          value={filters.active}
          anyLabel="Active and inactive"
          yesLabel="Active"
          noLabel="Deactivated"
          onChange={(active) => update({ active })}
        />
        <YesNoSelect
          label="Admin rights"
          value={filters.admin}
          anyLabel="Anyone"
          yesLabel="Administrators"
          noLabel="Not administrators"
          onChange={(admin) => update({ admin })}
        />
        <YesNoSelect
          label="Account kind"
          value={filters.service}
          anyLabel="People and service accounts"
          yesLabel="Service accounts"
          noLabel="People"
          onChange={(service) => update({ service })}
        />
        <div className="field">
          <button type="submit">Search</button>
        </div>
      </form>
      {list.isPending ? <Loading what="users" /> : null}
      <ErrorNote error={list.error} />
      {list.data && list.data.results.length === 0 ? <EmptyState>No users match these filters.</EmptyState> : null}
      {list.data && list.data.results.length > 0 ? (
        <>
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">Users</caption>
              <thead>
                <tr>
                  <th scope="col">Username</th>
                  <th scope="col">Name</th>
                  <th scope="col">E-mail</th>
                  <th scope="col">Active</th>
                  <th scope="col">Administrator</th>
                  <th scope="col">Roles</th>
                  <th scope="col">Last sign-in</th>
                </tr>
              </thead>
              <tbody>
                {list.data.results.map((user) => (
                  <tr key={user.id}>
                    <td>
                      <Link to={`/admin/people/${user.id}`}>{user.username}</Link>
                      {user.is_service_account ? <span className="muted"> (service account)</span> : null}
                    </td>
                    <td>{fullName(user) || '—'}</td>
                    <td>{user.email}</td>
                    <td>
                      <span className={`badge ${user.is_active ? 'badge-good' : 'badge-neutral'}`}>
                        {user.is_active ? 'Active' : 'Deactivated'}
                      </span>
                    </td>
                    <td>{user.is_admin ? 'Yes' : 'No'}</td>
                    <td>
                      <UserRolesCell userId={user.id} />
                    </td>
                    <td>{formatDateTime(user.last_login_at)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager
            info={{ count: list.data.count, page: filters.page, pageSize: PAGE_SIZE }}
            onPage={(page) => update({ page })}
          />
        </>
      ) : null}
    </section>
  );
}
