import { Field } from '../../ui/components';
import type { YesNo } from './people';

/** A filter that is yes, no or either. */
export function YesNoSelect({
  label,
  value,
  anyLabel,
  yesLabel,
  noLabel,
  onChange,
}: {
  label: string;
  value: YesNo;
  anyLabel: string;
  yesLabel: string;
  noLabel: string;
  onChange: (value: YesNo) => void;
}) {
  return (
    <Field label={label}>
      {(props) => (
        <select {...props} value={value} onChange={(event) => onChange(event.target.value as YesNo)}>
          <option value="">{anyLabel}</option>
          <option value="yes">{yesLabel}</option>
          <option value="no">{noLabel}</option>
        </select>
      )}
    </Field>
  );
}
