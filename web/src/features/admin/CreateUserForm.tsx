import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { Field, FormActions } from '../../ui/components';
import { adminKeys, type User } from './admin-queries';
import { CheckField } from './CheckField';
import {
  apiFieldErrors,
  emptyNewUser,
  newUserBody,
  validateNewUser,
  type FieldErrors,
  type NewUserDraft,
} from './people';

/** Creates a person (with a password) or a service account (without one, for an integration). */
export function CreateUserForm() {
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<NewUserDraft>(emptyNewUser);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [created, setCreated] = useState<User | null>(null);
  const create = useMutation({
    mutationFn: async (body: ReturnType<typeof newUserBody>) => unwrap(await api.POST('/api/users/', { body })),
    onSuccess: async (user) => {
      setCreated(user);
      setDraft(emptyNewUser);
      await queryClient.invalidateQueries({ queryKey: adminKeys.users });
    },
  });
  const set = (change: Partial<NewUserDraft>) => setDraft((current) => ({ ...current, ...change }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems = validateNewUser(draft);
    setErrors(problems);
    setCreated(null);
    if (Object.keys(problems).length === 0) create.mutate(newUserBody(draft));
  };
  const shown = { ...apiFieldErrors(create.error), ...errors };

  return (
    <section aria-labelledby="create-user-heading" className="card">
      <h2 id="create-user-heading">Create a user</h2>
      <form onSubmit={submit} noValidate aria-labelledby="create-user-heading">
        <div className="form-grid">
          <Field label="Username" required errors={shown.username}>
            {(props) => (
              <input
                {...props}
                autoComplete="off"
                value={draft.username}
                onChange={(event) => set({ username: event.target.value })}
              />
            )}
          </Field>
          <Field label="E-mail" required errors={shown.email}>
            {(props) => (
              <input
                {...props}
                type="email"
                autoComplete="off"
                value={draft.email}
                onChange={(event) => set({ email: event.target.value })}
              />
            )}
          </Field>
          <Field label="First name" errors={shown.first_name}>
            {(props) => (
              <input {...props} value={draft.firstName} onChange={(event) => set({ firstName: event.target.value })} />
            )}
          </Field>
          <Field label="Last name" errors={shown.last_name}>
            {(props) => (
              <input {...props} value={draft.lastName} onChange={(event) => set({ lastName: event.target.value })} />
            )}
          </Field>
          {draft.isServiceAccount ? null : (
            <Field label="Password" required hint="The person can change it after signing in." errors={shown.password}>
              {(props) => (
                <input
                  {...props}
                  type="password"
                  autoComplete="new-password"
                  value={draft.password}
                  onChange={(event) => set({ password: event.target.value })}
                />
              )}
            </Field>
          )}
        </div>
        <CheckField
          label="Service account (for an integration: no password, cannot sign in, acts through API tokens)"
          checked={draft.isServiceAccount}
          errors={shown.is_service_account}
          onChange={(isServiceAccount) => set({ isServiceAccount, isAdmin: isServiceAccount ? false : draft.isAdmin })}
        />
        <CheckField
          label="Administrator"
          checked={draft.isAdmin}
          disabled={draft.isServiceAccount}
          errors={shown.is_admin}
          onChange={(isAdmin) => set({ isAdmin })}
        />
        <FormActions
          label="Create user"
          pendingLabel="Creating…"
          pending={create.isPending}
          error={create.error}
          notice={
            created ? (
              <>
                Created {created.username}.{' '}
                <Link to={`/admin/people/${created.id}`}>Give {created.username} access</Link>.
              </>
            ) : null
          }
        />
      </form>
    </section>
  );
}
