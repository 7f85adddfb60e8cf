import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { useMe } from '../../session/session';
import { ErrorNote, Loading, PageHeader } from '../../ui/components';
import { NoAccess } from '../../ui/NoAccess';
import { formatDateTime } from '../../ui/format';
import { AccessScopesSection } from './AccessScopesSection';
import { adminKeys } from './admin-queries';
import { AccountStatus } from './AccountStatus';
import { fullName } from './people';
import { UserEditForm } from './UserEditForm';
import './admin.css';

/** One user: details, edit, deactivate or reactivate, and the access scopes they hold. */
export function UserDetailPage() {
  const { can } = useMe();
  const { id = '' } = useParams();
  const user = useQuery({
    queryKey: adminKeys.user(id),
    enabled: can.admin,
    queryFn: async () => unwrap(await api.GET('/api/users/{id}/', { params: { path: { id } } })),
  });
  if (!can.admin) return <NoAccess title="User" />;
  const data = user.data;
  return (
    <>
      <PageHeader title={data ? `User ${data.username}` : 'User'}>
        <p>
          <Link to="/admin/people">Back to people and access</Link>
        </p>
      </PageHeader>
      {user.isPending ? <Loading what="the user" /> : null}
      <ErrorNote error={user.error} />
      {data ? (
        <>
          <section aria-labelledby="user-details-heading" className="card">
            <h2 id="user-details-heading">Details</h2>
            <dl className="facts">
              <dt>Username</dt>
              <dd>{data.username}</dd>
              <dt>Name</dt>
              <dd>{fullName(data) || '—'}</dd>
              <dt>E-mail</dt>
              <dd>{data.email}</dd>
              <dt>Kind</dt>
              <dd>{data.is_service_account ? 'Service account (acts through API tokens)' : 'Person'}</dd>
              <dt>Administrator</dt>
              <dd>{data.is_admin ? 'Yes' : 'No'}</dd>
              <dt>Status</dt>
              <dd>{data.is_active ? 'Active' : 'Deactivated'}</dd>
              <dt>Last sign-in</dt>
              <dd>{formatDateTime(data.last_login_at)}</dd>
              <dt>Created</dt>
              <dd>{formatDateTime(data.created_at)}</dd>
            </dl>
          </section>
          <AccessScopesSection user={data} />
          <UserEditForm key={data.id} user={data} />
          <AccountStatus user={data} />
        </>
      ) : null}
    </>
  );
}
