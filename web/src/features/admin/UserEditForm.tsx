import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, unwrap } from '../../api/client';
import { Field, FormActions } from '../../ui/components';
import { adminKeys, type User } from './admin-queries';
import { CheckField } from './CheckField';
import { apiFieldErrors, editDraftOf, userPatch, type UserEditDraft, type UserPatch } from './people';

/** Edits names, e-mail, the administrator flag and (optionally) sets a new password. */
export function UserEditForm({ user }: { user: User }) {
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<UserEditDraft>(() => editDraftOf(user));
  const [saved, setSaved] = useState(false);
  const [unchanged, setUnchanged] = useState(false);
  const save = useMutation({
    mutationFn: async (body: UserPatch) =>
      unwrap(await api.PATCH('/api/users/{id}/', { params: { path: { id: user.id } }, body })),
    onSuccess: async (answer) => {
      queryClient.setQueryData(adminKeys.user(user.id), answer);
      setDraft(editDraftOf(answer));
      setSaved(true);
      await queryClient.invalidateQueries({ queryKey: adminKeys.users });
    },
  });
  const set = (change: Partial<UserEditDraft>) => {
    setSaved(false);
    setUnchanged(false);
    setDraft((current) => ({ ...current, ...change }));
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const patch = userPatch(user, draft);
    if (Object.keys(patch).length === 0) return setUnchanged(true);
    save.mutate(patch);
  };
  const errors = apiFieldErrors(save.error);

  return (
    <section aria-labelledby="edit-user-heading" className="card">
      <h2 id="edit-user-heading">Edit details</h2>
      <form onSubmit={submit} noValidate aria-labelledby="edit-user-heading">
        <div className="form-grid">
          <Field label="First name" errors={errors.first_name}>
            {(props) => (
              <input {...props} value={draft.firstName} onChange={(event) => set({ firstName: event.target.value })} />
            )}
          </Field>
          <Field label="Last name" errors={errors.last_name}>
            {(props) => (
              <input {...props} value={draft.lastName} onChange={(event) => set({ lastName: event.target.value })} />
            )}
          </Field>
          <Field label="E-mail" errors={errors.email}>
            {(props) => (
              <input
                {...props}
                type="email"
                value={draft.email}
                onChange={(event) => set({ email: event.target.value })}
              />
            )}
          </Field>
          {user.is_service_account ? null : (
            <Field
              label="New password"
              hint="Leave empty to keep the current one. Setting one signs the user out everywhere."
              errors={errors.password}
            >
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
        {user.is_service_account ? null : (
          <CheckField
            label="Administrator"
            checked={draft.isAdmin}
            errors={errors.is_admin}
            onChange={(isAdmin) => set({ isAdmin })}
          />
        )}
        <FormActions
          label="Save changes"
          pendingLabel="Saving…"
          pending={save.isPending}
          error={save.error}
          notice={saved ? 'Saved.' : unchanged ? 'Nothing changed.' : null}
        />
      </form>
    </section>
  );
}
