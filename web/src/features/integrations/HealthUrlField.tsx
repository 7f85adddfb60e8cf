import { Field } from '../../ui/components';

/** A provider's health URL as a form field (registration and the health screen's change form). */
export function HealthUrlField({
  label,
  hint,
  value,
  onChange,
  errors,
}: {
  label: string;
  hint: string;
  value: string;
  onChange: (value: string) => void;
  errors?: string[];
}) {
  return (
    <Field label={label} hint={hint} errors={errors}>
      {(props) => (
        <input
          {...props}
          type="url"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </Field>
  );
}
