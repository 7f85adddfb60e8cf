import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, unwrap } from '../../api/client';
import type { Me } from '../../session/capabilities';
import { useSession } from '../../session/session';
import { ErrorNote, Field } from '../../ui/components';
import { fieldErrorsOf } from '../../api/problem';

/** First and last name change at once (PATCH /api/me/); the session reads /api/me/ again after. */
export function NameForm({ me }: { me: Me }) {
  const { reload } = useSession();
  const [firstName, setFirstName] = useState(me.first_name);
  const [lastName, setLastName] = useState(me.last_name);
  const save = useMutation({
    mutationFn: async (body: { first_name: string; last_name: string }) =>
      unwrap(await api.PATCH('/api/me/', { body })),
    onSuccess: async (answer) => {
      setFirstName(answer.first_name);
      setLastName(answer.last_name);
      await reload();
    },
  });
  const errors = fieldErrorsOf(save.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ first_name: firstName.trim(), last_name: lastName.trim() });
  };
  return (
    <form onSubmit={submit} aria-labelledby="profile-name">
      <h2 id="profile-name">Name</h2>
      <div className="form-grid">
        <Field label="First name" errors={errors.first_name}>
          {(props) => (
            <input
              {...props}
              autoComplete="given-name"
              value={firstName}
              onChange={(event) => {
                setFirstName(event.target.value);
                save.reset();
              }}
            />
          )}
        </Field>
        <Field label="Last name" errors={errors.last_name}>
          {(props) => (
            <input
              {...props}
              autoComplete="family-name"
              value={lastName}
              onChange={(event) => {
                setLastName(event.target.value);
                save.reset();
              }}
            />
          )}
        </Field>
      </div>
      <ErrorNote error={save.error} />
      <p role="status" className={save.isSuccess ? 'notice' : undefined}>
        {save.isSuccess ? 'Your name was saved.' : ''}
      </p>
      <button type="submit" className="primary" disabled={save.isPending}>
        {save.isPending ? 'Saving…' : 'Save name'}
      </button>
    </form>
  );
}
