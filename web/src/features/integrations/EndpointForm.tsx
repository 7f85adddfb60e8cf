import { useState, type FormEvent } from 'react';
import { ErrorNote, Field, Loading } from '../../ui/components';
import { EventTypePicker } from './EventTypePicker';
import { fieldErrorsOf } from '../../api/problem';
import { useEventCatalogue } from './integration-queries';
import type { EventTypeChoice } from './integration-types';

export interface EndpointDraft {
  url: string;
  description: string;
  eventTypes: EventTypeChoice[];
}

/** URL, description and event types of a webhook endpoint: for registering one and for changing it. */
export function EndpointForm({
  initial,
  submitLabel,
  busy,
  error,
  onSubmit,
}: {
  initial: EndpointDraft;
  submitLabel: string;
  busy: boolean;
  error: unknown;
  onSubmit: (draft: EndpointDraft) => void;
}) {
  const catalogue = useEventCatalogue();
  const [draft, setDraft] = useState(initial);
  const [noTypes, setNoTypes] = useState(false);
  const errors = fieldErrorsOf(error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (draft.eventTypes.length === 0) return setNoTypes(true);
    setNoTypes(false);
    onSubmit({ ...draft, url: draft.url.trim(), description: draft.description.trim() });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Field
        label="URL"
        required
        hint="An https address the service can reach; each delivery is signed with the endpoint's secret."
        errors={errors.url}
      >
        {(props) => (
          <input
            {...props}
            type="url"
            required
            inputMode="url"
            placeholder="https://erp.example.com/hooks/procurement"
            value={draft.url}
            onChange={(event) => setDraft({ ...draft, url: event.target.value })}
          />
        )}
      </Field>
      <Field label="Description" errors={errors.description}>
        {(props) => (
          <input
            {...props}
            maxLength={500}
            value={draft.description}
            onChange={(event) => setDraft({ ...draft, description: event.target.value })}
          />
        )}
      </Field>
      {catalogue.isPending ? <Loading what="the event types" /> : null}
      <ErrorNote error={catalogue.error} />
      {catalogue.data ? (
        <EventTypePicker
          catalogue={catalogue.data}
          selected={draft.eventTypes}
          onChange={(eventTypes) => setDraft({ ...draft, eventTypes })}
          errors={noTypes ? ['Choose at least one event type, or all events.'] : errors.event_types}
        />
      ) : null}
      <ErrorNote error={error} />
      <button type="submit" className="primary" disabled={busy}>
        {submitLabel}
      </button>
    </form>
  );
}
