import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, unwrap } from '../../api/client';
import { EmptyState, ErrorNote, Field, FormActions, Loading, Pager } from '../../ui/components';
import { formatDate } from '../../ui/format';
import { adminKeys } from './admin-queries';
import { apiFieldErrors, type FieldErrors } from './people';

const PAGE_SIZE = 50;

/** Every team, deactivated ones too (admins see them), and a form for a new one. */
export function TeamsSection() {
  const queryClient = useQueryClient();
  const [page, setPage] = useState(1);
  const query = { page, page_size: PAGE_SIZE, ordering: 'name' as const };
  const teams = useQuery({
    queryKey: adminKeys.teamList(query),
    queryFn: async () => unwrap(await api.GET('/api/prs/teams/', { params: { query } })),
  });
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [created, setCreated] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: async (body: { name: string; description?: string }) =>
      unwrap(await api.POST('/api/prs/teams/', { body })),
    onSuccess: async (team) => {
      setCreated(team.name);
      setName('');
      setDescription('');
      await queryClient.invalidateQueries({ queryKey: adminKeys.teams });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setCreated(null);
    if (!name.trim()) return setErrors({ name: ['Enter a name.'] });
    setErrors({});
    create.mutate({ name: name.trim(), ...(description.trim() ? { description: description.trim() } : {}) });
  };
  const shown = { ...apiFieldErrors(create.error), ...errors };

  return (
    <section aria-labelledby="teams-heading">
      <h2 id="teams-heading">Teams</h2>
      {teams.isPending ? <Loading what="teams" /> : null}
      <ErrorNote error={teams.error} />
      {teams.data && teams.data.results.length === 0 ? <EmptyState>No teams yet.</EmptyState> : null}
      {teams.data && teams.data.results.length > 0 ? (
        <>
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">Teams</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Description</th>
                  <th scope="col">Status</th>
                  <th scope="col">Created</th>
                </tr>
              </thead>
              <tbody>
                {teams.data.results.map((team) => (
                  <tr key={team.id}>
                    <td>{team.name}</td>
                    <td>{team.description || '—'}</td>
                    <td>
                      <span className={`badge ${team.is_active ? 'badge-good' : 'badge-neutral'}`}>
                        {team.is_active ? 'Active' : 'Deactivated'}
                      </span>
                    </td>
                    <td>{formatDate(team.created_at)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {teams.data.count > PAGE_SIZE ? (
            <Pager info={{ count: teams.data.count, page, pageSize: PAGE_SIZE }} onPage={setPage} />
          ) : null}
        </>
      ) : null}
      <form className="card" onSubmit={submit} noValidate aria-labelledby="create-team-heading">
        <h3 id="create-team-heading">Create a team</h3>
        <div className="form-grid">
          <Field label="Team name" required errors={shown.name}>
            {(props) => <input {...props} value={name} onChange={(event) => setName(event.target.value)} />}
          </Field>
          <Field label="Description" errors={shown.description}>
            {(props) => (
              <input {...props} value={description} onChange={(event) => setDescription(event.target.value)} />
            )}
          </Field>
        </div>
        <FormActions
          label="Create team"
          pendingLabel="Creating…"
          pending={create.isPending}
          error={create.error}
          notice={created ? `Created the team ${created}.` : null}
        />
      </form>
    </section>
  );
}
