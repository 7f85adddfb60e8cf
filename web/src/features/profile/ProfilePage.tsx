import { useMe } from '../../session/session';
import { PageHeader } from '../../ui/components';
import { formatDateTime } from '../../ui/format';
import { EmailChange } from './EmailChange';
import { NameForm } from './NameForm';
import { PasswordChange } from './PasswordChange';
import { describeScope } from './profile-forms';
import './profile.css';

/** Everyone's own page: who the API says I am, my name, my e-mail address, my password. */
export function ProfilePage() {
  const { me } = useMe();
  const name = [me.first_name, me.last_name].filter(Boolean).join(' ');
  return (
    <>
      <PageHeader title="My profile" />
      <section className="card" aria-labelledby="profile-account">
        <h2 id="profile-account">Account</h2>
        <dl className="facts">
          <dt>Username</dt>
          <dd>{me.username}</dd>
          <dt>Name</dt>
          <dd>{name || '—'}</dd>
          <dt>E-mail</dt>
          <dd>
            {me.email}
            {me.pending_email ? ` (changing to ${me.pending_email}, waiting for confirmation)` : ''}
          </dd>
          <dt>Administrator</dt>
          <dd>{me.is_admin ? 'Yes' : 'No'}</dd>
          <dt>Roles and teams</dt>
          <dd>
            {me.access_scopes.length === 0 ? (
              'None'
            ) : (
              <ul className="profile-scopes">
                {me.access_scopes.map((scope) => (
                  <li key={scope.id}>{describeScope(scope)}</li>
                ))}
              </ul>
            )}
          </dd>
          <dt>Last sign-in</dt>
          <dd>{formatDateTime(me.last_login_at)}</dd>
        </dl>
      </section>
      <div className="card">
        <NameForm me={me} />
      </div>
      <div className="card">
        <EmailChange me={me} />
      </div>
      <div className="card">
        <PasswordChange />
      </div>
    </>
  );
}
