import { useMutation } from '@tanstack/react-query';
import { useRef, useState, useEffect, type FormEvent } from 'react';
import { api, unwrap } from '../../api/client';
import { useSession } from '../../session/session';
import { ErrorNote, Field } from '../../ui/components';
import { fieldErrorsOf } from '../../api/problem';
import { passwordDraftErrors, type PasswordDraft } from './profile-forms';

const EMPTY: PasswordDraft = { current: '', next: '', confirm: '' };

/**
 * The API revokes every session of the person when the password changes, this one included: the
 * next call would answer 401 and the app would go to sign-in. So the page says so first and offers
 * the way back in.
 */
export function PasswordChange() {
  const { signOut } = useSession();
  const [draft, setDraft] = useState<PasswordDraft>(EMPTY);
  const [checked, setChecked] = useState(false);
  const doneRef = useRef<HTMLDivElement>(null);
  const change = useMutation({
    mutationFn: async (body: { old_password: string; new_password: string }) =>
      unwrap(await api.POST('/api/auth/change-password/', { body })),
    onSuccess: () => setDraft(EMPTY),
  });
  useEffect(() => {
    if (change.isSuccess) doneRef.current?.focus();
  }, [change.isSuccess]);

  const local = checked ? passwordDraftErrors(draft) : {};
  const remote = fieldErrorsOf(change.error);
  const update = (key: keyof PasswordDraft) => (value: string) => setDraft((current) => ({ ...current, [key]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (Object.keys(passwordDraftErrors(draft)).length > 0) return;
    change.mutate({ old_password: draft.current, new_password: draft.next });
  };

  if (change.isSuccess) {
    return (
      <section aria-labelledby="profile-password">
        <h2 id="profile-password">Password</h2>
        <div className="notice" role="alert" tabIndex={-1} ref={doneRef}>
          <p>
            <strong>{change.data.detail}.</strong> For your safety every session was signed out, this one too: sign in
            again with your new password.
          </p>
          <button type="button" className="primary" onClick={() => void signOut()}>
            Sign in again
          </button>
        </div>
      </section>
    );
  }

  return (
    <form onSubmit={submit} aria-labelledby="profile-password" noValidate>
      <h2 id="profile-password">Password</h2>
      <p className="muted">Changing it signs you out everywhere, here too.</p>
      <PasswordField
        label="Current password"
        autoComplete="current-password"
        value={draft.current}
        onChange={update('current')}
        errors={local.current ?? remote.old_password}
      />
      <PasswordField
        label="New password"
        autoComplete="new-password"
        value={draft.next}
        onChange={update('next')}
        errors={local.next ?? remote.new_password}
      />
      <PasswordField
        label="Confirm new password"
        autoComplete="new-password"
        value={draft.confirm}
        onChange={update('confirm')}
        errors={local.confirm}
      />
      <ErrorNote error={change.error} />
      <button type="submit" className="primary" disabled={change.isPending}>
        {change.isPending ? 'Changing…' : 'Change password'}
      </button>
    </form>
  );
}

function PasswordField({
  label,
  autoComplete,
  value,
  onChange,
  errors,
}: {
  label: string;
  autoComplete: string;
  value: string;
  onChange: (value: string) => void;
  errors?: string[];
}) {
  return (
    <Field label={label} required errors={errors}>
      {(props) => (
        <input
          {...props}
          type="password"
          required
          autoComplete={autoComplete}
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </Field>
  );
}
