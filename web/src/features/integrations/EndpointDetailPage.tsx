import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { useMe } from '../../session/session';
import { ErrorNote, Loading, PageHeader } from '../../ui/components';
import { NoAccess } from '../../ui/NoAccess';
import { formatDateTime } from '../../ui/format';
import { ConfirmAction } from './ConfirmAction';
import { EndpointForm, type EndpointDraft } from './EndpointForm';
import { EndpointStatus } from './EndpointStatus';
import { describeEventTypes } from './event-types';
import { IntegrationsNav } from './IntegrationsNav';
import { integrationKeys } from './integration-queries';
import type { EventTypeChoice, ShownSecret, WebhookEndpoint } from './integration-types';
import { SecretOnce } from './SecretOnce';
import './integrations.css';

const TITLE = 'Webhook endpoint';

/** One endpoint: its facts, edit, enable or disable, rotate the secret (shown once), delete. */
export function EndpointDetailPage() {
  const { id = '' } = useParams();
  const { can } = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [shown, setShown] = useState<ShownSecret | null>(null);
  const endpoint = useQuery({
    queryKey: integrationKeys.endpoint(id),
    enabled: can.admin,
    queryFn: async () => unwrap(await api.GET('/api/webhooks/endpoints/{id}/', { params: { path: { id } } })),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: integrationKeys.endpoints });
  const update = useMutation({
    mutationFn: async (body: {
      url?: string;
      description?: string;
      event_types?: EventTypeChoice[];
      is_active?: boolean;
    }) => unwrap(await api.PATCH('/api/webhooks/endpoints/{id}/', { params: { path: { id } }, body })),
    onSuccess: refresh,
  });
  const toggle = useMutation({
    mutationFn: async (isActive: boolean) =>
      unwrap(
        await api.PATCH('/api/webhooks/endpoints/{id}/', { params: { path: { id } }, body: { is_active: isActive } }),
      ),
    onSuccess: refresh,
  });
  const rotate = useMutation({
    mutationFn: async () => {
      const { secret, ...rest } = unwrap(
        await api.POST('/api/webhooks/endpoints/{id}/rotate-secret/', { params: { path: { id } } }),
      );
      setShown({
        title: 'New signing secret',
        secret,
        note: 'For 24 hours deliveries carry two signatures, with the new and the old secret: switch the receiver to the new one within that time.',
      });
      return rest;
    },
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: async () => unwrap(await api.DELETE('/api/webhooks/endpoints/{id}/', { params: { path: { id } } })),
    onSuccess: async () => {
      // Marked stale without refetching now: this page's own query would only answer 404.
      await queryClient.invalidateQueries({ queryKey: integrationKeys.endpoints, refetchType: 'none' });
      await queryClient.invalidateQueries({ queryKey: integrationKeys.deliveries, refetchType: 'none' });
      await navigate('/admin/integrations', { replace: true });
    },
  });

  if (!can.admin) return <NoAccess title={TITLE} />;

  return (
    <>
      <PageHeader title={TITLE}>
        <IntegrationsNav />
      </PageHeader>
      <p>
        <Link to="/admin/integrations">All endpoints</Link>
      </p>
      {endpoint.isPending ? <Loading what="the endpoint" /> : null}
      <ErrorNote error={endpoint.error} />
      {shown ? <SecretOnce key={shown.secret} shown={shown} onDone={() => setShown(null)} /> : null}
      {endpoint.data ? (
        <>
          <EndpointFacts endpoint={endpoint.data} />
          <section className="card" aria-labelledby="endpoint-state">
            <h2 id="endpoint-state">Enable or disable</h2>
            <p>
              {endpoint.data.is_active
                ? 'The endpoint receives the events it subscribes to.'
                : 'Nothing is delivered to this endpoint until it is enabled again.'}
            </p>
            <button
              type="button"
              className={endpoint.data.is_active ? undefined : 'primary'}
              disabled={toggle.isPending}
              onClick={() => toggle.mutate(!endpoint.data.is_active)}
            >
              {endpoint.data.is_active ? 'Disable endpoint' : 'Enable endpoint'}
            </button>
            <ErrorNote error={toggle.error} />
          </section>
          <section className="card" aria-labelledby="endpoint-edit">
            <h2 id="endpoint-edit">Change the endpoint</h2>
            <EndpointForm
              key={endpoint.data.updated_at}
              initial={draftOf(endpoint.data)}
              submitLabel={update.isPending ? 'Saving…' : 'Save changes'}
              busy={update.isPending}
              error={update.error}
              onSubmit={(draft) =>
                update.mutate({ url: draft.url, description: draft.description, event_types: draft.eventTypes })
              }
            />
            <p role="status">{update.isSuccess ? 'Saved.' : ''}</p>
          </section>
          <section className="card" aria-labelledby="endpoint-secret">
            <h2 id="endpoint-secret">Signing secret</h2>
            <p>
              A new secret is shown once. The old one keeps signing too for 24 hours, so the receiver can switch without
              losing events.
            </p>
            <button
              type="button"
              disabled={rotate.isPending}
              onClick={() => {
                setShown(null);
                rotate.mutate();
              }}
            >
              Rotate secret
            </button>
            <ErrorNote error={rotate.error} />
          </section>
          <section className="card" aria-labelledby="endpoint-delete">
            <h2 id="endpoint-delete">Delete</h2>
            <p>Deleting the endpoint deletes its delivery records too.</p>
            <ConfirmAction
              label="Delete endpoint"
              question="Delete this endpoint and its delivery records?"
              confirmLabel="Yes, delete"
              disabled={remove.isPending}
              onConfirm={() => remove.mutate()}
            />
            <ErrorNote error={remove.error} />
          </section>
        </>
      ) : null}
    </>
  );
}

function draftOf(endpoint: WebhookEndpoint): EndpointDraft {
  return {
    url: endpoint.url,
    description: endpoint.description,
    eventTypes: endpoint.event_types as EventTypeChoice[],
  };
}

function EndpointFacts({ endpoint }: { endpoint: WebhookEndpoint }) {
  return (
    <section className="card" aria-labelledby="endpoint-facts">
      <h2 id="endpoint-facts">Details</h2>
      <dl className="facts">
        <dt>URL</dt>
        <dd>{endpoint.url}</dd>
        <dt>Description</dt>
        <dd>{endpoint.description || '—'}</dd>
        <dt>Event types</dt>
        <dd>{describeEventTypes(endpoint.event_types)}</dd>
        <dt>Status</dt>
        <dd>
          <EndpointStatus endpoint={endpoint} />
        </dd>
        <dt>Previous secret valid until</dt>
        <dd>{formatDateTime(endpoint.secret_rotated_until)}</dd>
        <dt>Registered</dt>
        <dd>{formatDateTime(endpoint.created_at)}</dd>
        <dt>Changed</dt>
        <dd>{formatDateTime(endpoint.updated_at)}</dd>
      </dl>
      <p>
        <Link to={`/admin/integrations/deliveries?endpoint=${endpoint.id}`}>Deliveries to this endpoint</Link>
      </p>
    </section>
  );
}
