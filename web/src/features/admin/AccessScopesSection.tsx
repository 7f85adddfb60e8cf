import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, unwrap } from '../../api/client';
import { EmptyState, ErrorNote, Field, Loading } from '../../ui/components';
import { adminKeys, useAccessScopes, useActiveTeams, useRoles, type User } from './admin-queries';
import { apiFieldErrors, scopeLabel } from './people';

/** The roles a user holds, per team or in every team: list, grant, remove. */
export function AccessScopesSection({ user }: { user: User }) {
  const queryClient = useQueryClient();
  const scopes = useAccessScopes(user.id);
  const roles = useRoles();
  const teams = useActiveTeams();
  const [role, setRole] = useState('');
  const [team, setTeam] = useState('');
  const [roleError, setRoleError] = useState<string[] | undefined>();
  const refresh = () => queryClient.invalidateQueries({ queryKey: adminKeys.scopes(user.id) });
  const grant = useMutation({
    mutationFn: async (body: { role: string; team: string | null }) =>
      unwrap(await api.POST('/api/users/{id}/access-scopes/', { params: { path: { id: user.id } }, body })),
    onSuccess: async () => {
      setRole('');
      setTeam('');
      await refresh();
    },
  });
  const revoke = useMutation({
    mutationFn: async (scopeId: string) =>
      unwrap(
        await api.DELETE('/api/users/{id}/access-scopes/{scope_id}/', {
          params: { path: { id: user.id, scope_id: scopeId } },
        }),
      ),
    onSettled: refresh,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!role) return setRoleError(['Choose a role.']);
    setRoleError(undefined);
    grant.mutate({ role, team: team || null });
  };
  const errors = apiFieldErrors(grant.error);

  return (
    <section aria-labelledby="scopes-heading" className="card">
      <h2 id="scopes-heading">Access scopes</h2>
      <p className="muted">
        A scope grants a role in one team, or in every team. Changes apply to what the user does next.
      </p>
      {scopes.isPending ? <Loading what="access scopes" /> : null}
      <ErrorNote error={scopes.error} />
      {scopes.data && scopes.data.length === 0 ? <EmptyState>{user.username} holds no role yet.</EmptyState> : null}
      {scopes.data && scopes.data.length > 0 ? (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Access scopes of {user.username}</caption>
            <thead>
              <tr>
                <th scope="col">Role</th>
                <th scope="col">Team</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {scopes.data.map((scope) => (
                <tr key={scope.id}>
                  <td>{scope.role.name}</td>
                  <td>{scope.team ? scope.team.name : 'All teams'}</td>
                  <td>
                    <button
                      type="button"
                      disabled={revoke.isPending}
                      aria-label={`Remove ${scopeLabel(scope)}`}
                      onClick={() => revoke.mutate(scope.id)}
                    >
                      Remove
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <ErrorNote error={revoke.error} />
      <form onSubmit={submit} noValidate aria-labelledby="add-scope-heading">
        <h3 id="add-scope-heading">Add access</h3>
        <div className="filters">
          <Field label="Role" required errors={roleError ?? errors.role}>
            {(props) => (
              <select {...props} value={role} onChange={(event) => setRole(event.target.value)}>
                <option value="">Choose a role…</option>
                {(roles.data ?? []).map((option) => (
                  <option key={option.code} value={option.code}>
                    {option.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Team" errors={errors.team}>
            {(props) => (
              <select {...props} value={team} onChange={(event) => setTeam(event.target.value)}>
                <option value="">All teams</option>
                {(teams.data?.results ?? []).map((option) => (
                  <option key={option.id} value={option.id}>
                    {option.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <div className="field">
            <button type="submit" className="primary" disabled={grant.isPending}>
              {grant.isPending ? 'Adding…' : 'Add access'}
            </button>
          </div>
        </div>
        <ErrorNote error={grant.error ?? roles.error ?? teams.error} />
      </form>
    </section>
  );
}
