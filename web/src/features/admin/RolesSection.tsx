import { EmptyState, ErrorNote, Loading } from '../../ui/components';
import { useRoles } from './admin-queries';

/** The roles a scope can grant and a workflow step can name. */
export function RolesSection() {
  const roles = useRoles();
  return (
    <section aria-labelledby="roles-heading">
      <h2 id="roles-heading">Roles</h2>
      {roles.isPending ? <Loading what="roles" /> : null}
      <ErrorNote error={roles.error} />
      {roles.data && roles.data.length === 0 ? <EmptyState>No roles defined.</EmptyState> : null}
      {roles.data && roles.data.length > 0 ? (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Roles</caption>
            <thead>
              <tr>
                <th scope="col">Role</th>
                <th scope="col">Code</th>
                <th scope="col">Description</th>
              </tr>
            </thead>
            <tbody>
              {roles.data.map((role) => (
                <tr key={role.code}>
                  <td>{role.name}</td>
                  <td className="code">{role.code}</td>
                  <td>{role.description || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
