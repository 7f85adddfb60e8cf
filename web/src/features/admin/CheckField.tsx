import { useId } from 'react';

/** A checkbox with its label beside it, and its error (if any) wired to it. */
export function CheckField({
  label,
  checked,
  onChange,
  disabled,
  errors,
}: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  disabled?: boolean;
  errors?: string[];
}) {
  const id = useId();
  const errorId = errors?.length ? `${id}-error` : undefined;
  return (
    <div>
      <div className="check-field">
        <input
          id={id}
          type="checkbox"
          checked={checked}
          disabled={disabled}
          aria-invalid={errorId ? true : undefined}
          aria-describedby={errorId}
          onChange={(event) => onChange(event.target.checked)}
        />
        <label htmlFor={id}>{label}</label>
      </div>
      {errorId ? (
        <p className="field-error" id={errorId}>
          {errors?.join(' ')}
        </p>
      ) : null}
    </div>
  );
}
