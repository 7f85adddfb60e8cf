import { useId, useState, type FormEvent } from 'react';
import { ErrorNote, Field } from '../../ui/components';
import { fieldErrorsOf } from '../../api/problem';
import { API_SCOPES, toggleScope, tokenDraftErrors, type TokenDraft } from './token-scopes';

const EMPTY: TokenDraft = { name: '', scopes: [], expires: '', rateLimit: '' };

/** Name, scopes, expiry and rate limit of a new API token; the browser checks what it can first. */
export function TokenForm({
  busy,
  error,
  onSubmit,
}: {
  busy: boolean;
  error: unknown;
  onSubmit: (draft: TokenDraft) => void;
}) {
  const id = useId();
  const [draft, setDraft] = useState<TokenDraft>(EMPTY);
  const [checked, setChecked] = useState(false);
  const local = checked ? tokenDraftErrors(draft) : {};
  const remote = fieldErrorsOf(error);
  const scopeErrors = local.scopes ?? remote.scopes;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (Object.keys(tokenDraftErrors(draft)).length > 0) return;
    onSubmit(draft);
  };
  return (
    <form onSubmit={submit} noValidate>
      <div className="form-grid">
        <Field
          label="Token name"
          required
          hint="Who or what uses it, e.g. “ERP integration”."
          errors={local.name ?? remote.name}
        >
          {(props) => (
            <input
              {...props}
              required
              maxLength={120}
              value={draft.name}
              onChange={(event) => setDraft({ ...draft, name: event.target.value })}
            />
          )}
        </Field>
        <Field
          label="Expires on"
          hint="The token stops working at the end of this day. Leave empty for no expiry."
          errors={local.expires ?? remote.expires_at}
        >
          {(props) => (
            <input
              {...props}
              type="date"
              value={draft.expires}
              onChange={(event) => setDraft({ ...draft, expires: event.target.value })}
            />
          )}
        </Field>
        <Field
          label="Requests per hour"
          hint="Leave empty for the service's default limit."
          errors={local.rateLimit ?? remote.rate_limit_per_hour}
        >
          {(props) => (
            <input
              {...props}
              inputMode="numeric"
              value={draft.rateLimit}
              onChange={(event) => setDraft({ ...draft, rateLimit: event.target.value })}
            />
          )}
        </Field>
      </div>
      <fieldset className="checkbox-group" aria-describedby={scopeErrors ? `${id}-scopes-error` : undefined}>
        <legend>Scopes</legend>
        <p className="hint">The token acts as you, with your rights, but only on the routes these scopes open.</p>
        <ul>
          {API_SCOPES.map(({ scope, description }) => (
            <li key={scope}>
              <input
                type="checkbox"
                id={`${id}-${scope}`}
                aria-describedby={`${id}-${scope}-hint`}
                checked={draft.scopes.includes(scope)}
                onChange={(event) =>
                  setDraft({ ...draft, scopes: toggleScope(draft.scopes, scope, event.target.checked) })
                }
              />
              <label htmlFor={`${id}-${scope}`}>
                <code>{scope}</code>
              </label>
              <p className="hint" id={`${id}-${scope}-hint`}>
                {description}
              </p>
            </li>
          ))}
        </ul>
        {scopeErrors ? (
          <p className="field-error" id={`${id}-scopes-error`}>
            {scopeErrors.join(' ')}
          </p>
        ) : null}
      </fieldset>
      <ErrorNote error={error} />
      <button type="submit" className="primary" disabled={busy}>
        Create token
      </button>
    </form>
  );
}
