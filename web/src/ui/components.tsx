import { useId, type ReactNode } from 'react';
import { describeError } from '../api/problem';

const TONES: Record<string, 'neutral' | 'info' | 'warn' | 'good' | 'bad'> = {
  DRAFT: 'neutral',
  PENDING_APPROVAL: 'info',
  IN_REVIEW: 'info',
  RESUBMITTED: 'info',
  FINANCE_REVIEW: 'warn',
  FULLY_APPROVED: 'good',
  COMPLETED: 'good',
  REJECTED: 'bad',
  CANCELLED: 'neutral',
  pending: 'info',
  confirmed: 'info',
  processing: 'warn',
  shipped: 'warn',
  delivered: 'good',
  cancelled: 'neutral',
};

/** A status as a badge: colour for a glance, the words for everyone (colour is never the only cue). */
export function StatusBadge({ code, label }: { code: string; label?: string }) {
  return <span className={`badge badge-${TONES[code] ?? 'neutral'}`}>{label ?? humanize(code)}</span>;
}

export function humanize(code: string): string {
  const words = code.replace(/[_-]+/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A refusal or failure, read out by screen readers as it appears. */
export function ErrorNote({ error, id }: { error: unknown; id?: string }) {
  if (!error) return null;
  return (
    <p className="error-note" role="alert" id={id}>
      {describeError(error)}
    </p>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p className="muted" role="status">
      Loading {what}…
    </p>
  );
}

export function PageHeader({ title, actions, children }: { title: string; actions?: ReactNode; children?: ReactNode }) {
  return (
    <header className="page-header">
      <div>
        <h1>{title}</h1>
        {children}
      </div>
      {actions ? <div className="page-actions">{actions}</div> : null}
    </header>
  );
}

/** A labelled form control with its hint and errors wired up for assistive technology. */
export function Field({
  label,
  hint,
  errors,
  required,
  children,
}: {
  label: string;
  hint?: ReactNode;
  errors?: string[];
  required?: boolean;
  children: (props: {
    id: string;
    'aria-describedby'?: string;
    'aria-invalid'?: boolean;
    'aria-required'?: boolean;
  }) => ReactNode;
}) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors?.length ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {required ? (
          <span className="required" aria-hidden="true">
            {' *'}
          </span>
        ) : null}
      </label>
      {children({
        id,
        'aria-describedby': describedBy,
        'aria-invalid': errors?.length ? true : undefined,
        'aria-required': required || undefined,
      })}
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {errors?.length ? (
        <p className="field-error" id={errorId}>
          {errors.join(' ')}
        </p>
      ) : null}
    </div>
  );
}

export interface PageInfo {
  count: number;
  page: number;
  pageSize: number;
}

/** Previous / next for the API's paginated lists. */
export function Pager({ info, onPage }: { info: PageInfo; onPage: (page: number) => void }) {
  const pages = Math.max(1, Math.ceil(info.count / info.pageSize));
  return (
    <nav className="pager" aria-label="Pages">
      <button type="button" disabled={info.page <= 1} onClick={() => onPage(info.page - 1)}>
        Previous
      </button>
      <span>
        Page {info.page} of {pages} ({info.count} in all)
      </span>
      <button type="button" disabled={info.page >= pages} onClick={() => onPage(info.page + 1)}>
        Next
      </button>
    </nav>
  );
}

/**
 * A labelled choice among fixed options, `[value, label]` pairs: the list filters' status and ordering.
 * `anyLabel` adds an empty first option ("Any status") that answers null.
 */
export function SelectField({
  label,
  value,
  options,
  onChange,
  anyLabel,
}: {
  label: string;
  value: string | null;
  options: ReadonlyArray<readonly [string, string]>;
  onChange: (value: string | null) => void;
  anyLabel?: string;
}) {
  return (
    <Field label={label}>
      {(props) => (
        <select {...props} value={value ?? ''} onChange={(event) => onChange(event.target.value || null)}>
          {anyLabel ? <option value="">{anyLabel}</option> : null}
          {options.map(([option, text]) => (
            <option key={option} value={option}>
              {text}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** `[code, "Human label"]` pairs for a SelectField of codes. */
export const codeOptions = (codes: readonly string[]): Array<[string, string]> =>
  codes.map((code) => [code, humanize(code)]);

export function EmptyState({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}

/**
 * The end of a form: its submit button (disabled and relabelled while the call runs), any other
 * buttons, the refusal if there was one, and a notice read out when it appears.
 */
export function FormActions({
  label,
  pendingLabel,
  pending,
  error,
  notice,
  children,
}: {
  label: string;
  pendingLabel: string;
  pending: boolean;
  error?: unknown;
  notice?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={pending}>
          {pending ? pendingLabel : label}
        </button>
        {children}
      </div>
      <ErrorNote error={error} />
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
    </>
  );
}

/**
 * A table that scrolls sideways on narrow screens: a labelled region that takes the keyboard focus, so
 * it can be scrolled without a mouse (axe: scrollable-region-focusable). The caption names it for
 * screen readers; `visibleCaption` shows it too.
 */
export function ScrollTable({
  caption,
  visibleCaption = false,
  children,
}: {
  caption: string;
  visibleCaption?: boolean;
  children: ReactNode;
}) {
  return (
    <div
      className="table-wrap"
      tabIndex={0}
      role="region"
      aria-label={`${caption}, scrolls sideways on narrow screens`}
    >
      <table>
        <caption className={visibleCaption ? undefined : 'visually-hidden'}>{caption}</caption>
        {children}
      </table>
    </div>
  );
}
