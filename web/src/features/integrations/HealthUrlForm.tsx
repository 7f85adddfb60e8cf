import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, unwrap } from '../../api/client';
import { FormActions } from '../../ui/components';
import { HealthUrlField } from './HealthUrlField';
import { fieldErrorsOf } from '../../api/problem';
import type { IntegrationProvider } from './integration-types';

/** Sets, changes or removes one provider's health URL (the API checks it like a webhook URL). */
export function HealthUrlForm({
  provider,
  onSaved,
  onCancel,
}: {
  provider: IntegrationProvider;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const [url, setUrl] = useState(provider.health_url ?? '');
  const save = useMutation({
    mutationFn: async (healthUrl: string | null) =>
      unwrap(
        await api.PATCH('/api/integrations/providers/{id}/', {
          params: { path: { id: provider.id } },
          body: { health_url: healthUrl },
        }),
      ),
    onSuccess: onSaved,
  });
  const errors = fieldErrorsOf(save.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(url.trim() || null);
  };
  return (
    <form onSubmit={submit} noValidate aria-label={`Health URL of ${provider.name}`}>
      <HealthUrlField
        label={`Health URL of ${provider.name}`}
        hint="An https address the service may GET; a 2xx answer means healthy. Leave empty to stop checking."
        value={url}
        onChange={setUrl}
        errors={errors.health_url}
      />
      <FormActions
        label="Save"
        pendingLabel="Saving…"
        pending={save.isPending}
        error={Object.keys(errors).length ? null : save.error}
      >
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </FormActions>
    </form>
  );
}
