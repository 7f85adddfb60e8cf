import { useMe } from '../../session/session';
import { PageHeader } from '../../ui/components';
import { NoAccess } from '../../ui/NoAccess';
import { CreateUserForm } from './CreateUserForm';
import { RolesSection } from './RolesSection';
import { TeamsSection } from './TeamsSection';
import { UsersSection } from './UsersSection';
import './admin.css';

/** Administrators: the people who use the service, the teams they work in and the roles they hold. */
export function PeoplePage() {
  const { can } = useMe();
  if (!can.admin) return <NoAccess title="People and access" />;
  return (
    <>
      <PageHeader title="People and access">
        <p className="muted">Users, teams and roles. Open a user to change their details or access scopes.</p>
      </PageHeader>
      <UsersSection />
      <CreateUserForm />
      <TeamsSection />
      <RolesSection />
    </>
  );
}
