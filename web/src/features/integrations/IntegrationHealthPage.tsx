import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { api, unwrap } from '../../api/client';
import { useMe } from '../../session/session';
import { EmptyState, ErrorNote, Loading, PageHeader } from '../../ui/components';
import { NoAccess } from '../../ui/NoAccess';
import { formatDateTime } from '../../ui/format';
import { HealthStatusBadge } from './HealthStatusBadge';
import { HealthUrlForm } from './HealthUrlForm';
import { IntegrationsNav } from './IntegrationsNav';
import { integrationKeys, useAllProviders, useIntegrationHealth } from './integration-queries';
import type { ProviderHealth } from './integration-types';
import './integrations.css';

const TITLE = 'Integration health';

/**
 * Seed 004's integration health: what the latest probe of each provider's health URL saw (the
 * tenant's Schedule probes them on its timer), a "check now", and each provider's health URL.
 */
export function IntegrationHealthPage() {
  const { can } = useMe();
  const queryClient = useQueryClient();
  const health = useIntegrationHealth(can.admin);
  const providers = useAllProviders(can.admin);
  const [editing, setEditing] = useState<string | null>(null);
  const [asked, setAsked] = useState(false);
  const checkNow = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/integrations/health/check/')),
    onSuccess: () => setAsked(true),
  });
  if (!can.admin) return <NoAccess title={TITLE} />;

  const refresh = async () => {
    setEditing(null);
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: integrationKeys.health }),
      queryClient.invalidateQueries({ queryKey: integrationKeys.providers }),
    ]);
  };
  const active = (providers.data?.results ?? []).filter((provider) => provider.is_active);
  const report = health.data;
  const monitored = report ? Object.values(report.providers).filter((entry) => entry.monitored).length : 0;

  return (
    <>
      <PageHeader title={TITLE}>
        <IntegrationsNav />
      </PageHeader>
      <section className="card" aria-labelledby="health-summary">
        <h2 id="health-summary">All providers</h2>
        {health.isPending ? <Loading what="the health checks" /> : null}
        <ErrorNote error={health.error} />
        {report ? (
          <>
            <p>
              Overall: <HealthStatusBadge status={report.status} />{' '}
              <span className="hint">
                {report.checked} of {monitored} monitored providers checked; each is probed every{' '}
                {report.check_interval_seconds} seconds.
              </span>
            </p>
            <button type="button" onClick={() => checkNow.mutate()} disabled={checkNow.isPending || monitored === 0}>
              Check now
            </button>
            <ErrorNote error={checkNow.error} />
            <p role="status">{asked ? 'Checking: the results appear below within a few seconds.' : ''}</p>
          </>
        ) : null}
      </section>
      <section aria-labelledby="health-providers">
        <h2 id="health-providers">Providers</h2>
        <ErrorNote error={providers.error} />
        {providers.data && active.length === 0 ? (
          <EmptyState>No active provider. Register one under Inbound, with a health URL to have it checked.</EmptyState>
        ) : null}
        {report && active.length > 0 ? (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">Health of each integration provider</caption>
              <thead>
                <tr>
                  <th scope="col">Provider</th>
                  <th scope="col">Status</th>
                  <th scope="col">Response time</th>
                  <th scope="col">Last check</th>
                  <th scope="col">Details</th>
                  <th scope="col">Health URL</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {active.map((provider) => {
                  const entry = report.providers[provider.name];
                  return (
                    <Fragment key={provider.id}>
                      <tr>
                        <th scope="row">
                          <code>{provider.name}</code>
                        </th>
                        <td>
                          <HealthStatusBadge status={entry?.status ?? 'unknown'} />
                        </td>
                        <td>{entry?.response_time == null ? '—' : `${entry.response_time} ms`}</td>
                        <td>{entry?.last_check ? formatDateTime(entry.last_check) : '—'}</td>
                        <td>{entry ? details(entry) : '—'}</td>
                        <td className="url-cell">{provider.health_url ?? <span className="hint">None</span>}</td>
                        <td>
                          <button
                            type="button"
                            aria-expanded={editing === provider.id}
                            onClick={() => setEditing(editing === provider.id ? null : provider.id)}
                          >
                            Change URL<span className="visually-hidden"> of {provider.name}</span>
                          </button>
                        </td>
                      </tr>
                      {editing === provider.id ? (
                        <tr>
                          <td colSpan={7}>
                            <HealthUrlForm
                              provider={provider}
                              onSaved={() => void refresh()}
                              onCancel={() => setEditing(null)}
                            />
                          </td>
                        </tr>
                      ) : null}
                    </Fragment>
                  );
                })}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
    </>
  );
}

function details(entry: ProviderHealth): string {
  if (!entry.monitored) return 'No health URL';
  if (!entry.last_check) return 'Waiting for the first check';
  const parts = [entry.error ?? (entry.http_status === null ? '' : `HTTP ${entry.http_status}`)];
  if (entry.consecutive_failures > 1) parts.push(`down ${entry.consecutive_failures} checks in a row`);
  return parts.filter(Boolean).join(' · ');
}
