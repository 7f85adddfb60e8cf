import { useState, type FormEvent } from 'react';
import { Link, Navigate, useLocation, useSearchParams } from 'react-router';
import { useSession } from '../../session/session';
import { homeFor, safeNext } from '../../app/navigation';
import { ErrorNote, Field } from '../../ui/components';

export function SignInPage() {
  const { state, signIn } = useSession();
  const [params] = useSearchParams();
  const location = useLocation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  if (state.status === 'signed-in') {
    return <Navigate to={safeNext(params.get('next')) ?? homeFor(state.can)} replace />;
  }
  const reason = (location.state as { reason?: string } | null)?.reason;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(username, password);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="main" className="sign-in">
      <form className="card" onSubmit={(event) => void submit(event)} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">Sign in to Procurement</h1>
        {reason ? <p className="notice">{reason}</p> : null}
        {params.get('next') ? <p className="muted">Sign in to continue to the page you opened.</p> : null}
        <Field label="Username or e-mail" required>
          {(props) => (
            <input
              {...props}
              name="username"
              autoComplete="username"
              required
              value={username}
              onChange={(event) => setUsername(event.target.value)}
            />
          )}
        </Field>
        <Field label="Password" required>
          {(props) => (
            <input
              {...props}
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
          )}
        </Field>
        <ErrorNote error={error} />
        <button type="submit" className="primary" disabled={busy || state.status === 'loading'}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        <p className="muted">
          New here? <Link to="/register">Create your organisation</Link>
        </p>
      </form>
    </main>
  );
}
