import { useState, type FormEvent } from 'react';
import { Link, Navigate } from 'react-router';
import { api, unwrap } from '../../api/client';
import { ApiError } from '../../api/problem';
import { useSession } from '../../session/session';
import { homeFor } from '../../app/navigation';
import { ErrorNote, Field } from '../../ui/components';
import { registrationBody, validateRegistration, type RegistrationDraft } from './registration';

const empty: RegistrationDraft = {
  organisation: '',
  domain: '',
  firstName: '',
  lastName: '',
  email: '',
  password: '',
  confirm: '',
};

/**
 * "Create your organisation" (seed 004's registration): the organisation, you as its administrator,
 * then you are signed in (the browser session of the sign-in page) and land in the app.
 */
export function RegisterPage() {
  const { state, signIn } = useSession();
  const [draft, setDraft] = useState(empty);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  if (state.status === 'signed-in') return <Navigate to={homeFor(state.can)} replace />;

  const set = (key: keyof RegistrationDraft) => (value: string) => {
    setDraft((current) => ({ ...current, [key]: value }));
    // A corrected field no longer shows the error it had.
    setErrors(({ [key]: _fixed, ...rest }) => rest);
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const found = validateRegistration(draft);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      unwrap(await api.POST('/api/auth/register/', { body: registrationBody(draft) }));
      await signIn(draft.email.trim(), draft.password);
    } catch (caught) {
      if (caught instanceof ApiError) setErrors(fromApi(caught.fieldErrors));
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  const field = (key: keyof RegistrationDraft, label: string, options: FieldOptions = {}) => (
    <Field label={label} required={options.required} hint={options.hint} errors={errors[key]}>
      {(props) => (
        <input
          {...props}
          name={key}
          type={options.type ?? 'text'}
          autoComplete={options.autoComplete}
          value={draft[key]}
          onChange={(event) => set(key)(event.target.value)}
        />
      )}
    </Field>
  );

  return (
    <main id="main" className="sign-in">
      <form className="card" onSubmit={(event) => void submit(event)} noValidate aria-labelledby="register-title">
        <h1 id="register-title">Create your organisation</h1>
        <p className="muted">
          You become its administrator: you can add teams and people, and request, approve and review in the “General”
          team right away.
        </p>
        <fieldset>
          <legend>Organisation</legend>
          {field('organisation', 'Organisation name', {
            hint: 'Leave empty for a personal account named after you.',
            autoComplete: 'organization',
          })}
          {field('domain', 'Domain', { hint: 'Your organisation’s own domain, such as acme.example (optional).' })}
        </fieldset>
        <fieldset>
          <legend>You</legend>
          {field('firstName', 'First name', { autoComplete: 'given-name' })}
          {field('lastName', 'Last name', { autoComplete: 'family-name' })}
          {field('email', 'E-mail', {
            required: true,
            type: 'email',
            autoComplete: 'email',
            hint: 'You sign in with it.',
          })}
          {field('password', 'Password', {
            required: true,
            type: 'password',
            autoComplete: 'new-password',
            hint: 'At least 10 characters; not a common password.',
          })}
          {field('confirm', 'Password again', { required: true, type: 'password', autoComplete: 'new-password' })}
        </fieldset>
        <ErrorNote error={error} />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create organisation'}
        </button>
        <p className="muted">
          Already have an account? <Link to="/sign-in">Sign in</Link>
        </p>
      </form>
    </main>
  );
}

interface FieldOptions {
  required?: boolean;
  hint?: string;
  type?: string;
  autoComplete?: string;
}

/** The API's field names → the form's. */
function fromApi(fieldErrors: Record<string, string[]>): Record<string, string[]> {
  const names: Record<string, keyof RegistrationDraft> = {
    tenant_name: 'organisation',
    tenant_domain: 'domain',
    first_name: 'firstName',
    last_name: 'lastName',
    email: 'email',
    password: 'password',
    password_confirm: 'confirm',
  };
  return Object.fromEntries(Object.entries(fieldErrors).map(([key, value]) => [names[key] ?? key, value]));
}
