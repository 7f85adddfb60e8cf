import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, unwrap } from '../../api/client';
import type { Me } from '../../session/capabilities';
import { useSession } from '../../session/session';
import { ErrorNote, Field } from '../../ui/components';
import { fieldErrorsOf } from '../../api/problem';

/**
 * A new address needs the current password and takes effect only once confirmed with the code the
 * API sends to it; meanwhile /api/me/ shows it as `pending_email`.
 */
export function EmailChange({ me }: { me: Me }) {
  const { reload } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const ask = useMutation({
    mutationFn: async (body: { email: string; current_password: string }) =>
      unwrap(await api.PATCH('/api/me/', { body })),
    onSuccess: async () => {
      setPassword('');
      await reload();
    },
  });
  const confirm = useMutation({
    mutationFn: async (token: string) => unwrap(await api.POST('/api/me/email/confirm/', { body: { token } })),
    onSuccess: async () => {
      setCode('');
      ask.reset();
      await reload();
    },
  });
  const askErrors = fieldErrorsOf(ask.error);
  const confirmErrors = fieldErrorsOf(confirm.error);

  const submitAsk = (event: FormEvent) => {
    event.preventDefault();
    confirm.reset();
    ask.mutate({ email: email.trim(), current_password: password });
  };
  const submitConfirm = (event: FormEvent) => {
    event.preventDefault();
    confirm.mutate(code.trim());
  };

  return (
    <section aria-labelledby="profile-email">
      <h2 id="profile-email">E-mail address</h2>
      <p>
        Your e-mail address is <strong>{me.email}</strong>.
      </p>
      <p role="status" className={confirm.isSuccess || ask.isSuccess ? 'notice' : undefined}>
        {confirm.isSuccess
          ? confirm.data.detail
          : ask.isSuccess
            ? 'If the address can be used, a confirmation code is on its way to it. Enter it below within 24 hours.'
            : ''}
      </p>
      {me.pending_email ? (
        <form onSubmit={submitConfirm} aria-label="Confirm the new e-mail address">
          <p>
            Waiting for confirmation: <strong>{me.pending_email}</strong>. Enter the code sent to that address.
          </p>
          <Field label="Confirmation code" required errors={confirmErrors.token}>
            {(props) => (
              <input
                {...props}
                required
                autoComplete="one-time-code"
                value={code}
                onChange={(event) => setCode(event.target.value)}
              />
            )}
          </Field>
          <ErrorNote error={confirm.error} />
          <button type="submit" className="primary" disabled={confirm.isPending}>
            Confirm e-mail address
          </button>
        </form>
      ) : null}
      <form onSubmit={submitAsk} aria-label="Change the e-mail address">
        <div className="form-grid">
          <Field label="New e-mail address" required errors={askErrors.email}>
            {(props) => (
              <input
                {...props}
                type="email"
                required
                autoComplete="email"
                value={email}
                onChange={(event) => setEmail(event.target.value)}
              />
            )}
          </Field>
          <Field label="Password, to confirm it is you" required errors={askErrors.current_password}>
            {(props) => (
              <input
                {...props}
                type="password"
                required
                autoComplete="current-password"
                value={password}
                onChange={(event) => setPassword(event.target.value)}
              />
            )}
          </Field>
        </div>
        <ErrorNote error={ask.error} />
        <button type="submit" disabled={ask.isPending}>
          Send confirmation code
        </button>
      </form>
    </section>
  );
}
