import { useId } from 'react';
import { ALL_EVENTS, toggleEventType } from './event-types';
import type { EventCatalogue, EventTypeChoice } from './integration-types';

/** The event types an endpoint receives: "all events" or any of the catalogue's types. */
export function EventTypePicker({
  catalogue,
  selected,
  onChange,
  errors,
}: {
  catalogue: EventCatalogue;
  selected: EventTypeChoice[];
  onChange: (next: EventTypeChoice[]) => void;
  errors?: string[];
}) {
  const id = useId();
  const order = catalogue.map((entry) => entry.type);
  const errorId = errors?.length ? `${id}-error` : undefined;
  const toggle = (type: EventTypeChoice, on: boolean) => onChange(toggleEventType(selected, type, on, order));
  return (
    <fieldset className="checkbox-group" aria-describedby={errorId}>
      <legend>Event types</legend>
      <ul>
        <li>
          <input
            type="checkbox"
            id={`${id}-all`}
            aria-describedby={`${id}-all-hint`}
            checked={selected.includes(ALL_EVENTS)}
            onChange={(event) => toggle(ALL_EVENTS, event.target.checked)}
          />
          <label htmlFor={`${id}-all`}>All events</label>
          <p className="hint" id={`${id}-all-hint`}>
            Every type, including types added later. Ticking a single type below replaces it.
          </p>
        </li>
        {catalogue.map((entry, index) => (
          <li key={entry.type}>
            <input
              type="checkbox"
              id={`${id}-${index}`}
              aria-describedby={`${id}-${index}-hint`}
              checked={selected.includes(entry.type as EventTypeChoice)}
              onChange={(event) => toggle(entry.type as EventTypeChoice, event.target.checked)}
            />
            <label htmlFor={`${id}-${index}`}>
              <code>{entry.type}</code>
            </label>
            <p className="hint" id={`${id}-${index}-hint`}>
              {entry.description}
            </p>
          </li>
        ))}
      </ul>
      {errorId ? (
        <p className="field-error" id={errorId}>
          {errors?.join(' ')}
        </p>
      ) : null}
    </fieldset>
  );
}
