import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { useMe } from '../../session/session';
import { ErrorNote, Field, humanize, Loading, PageHeader } from '../../ui/components';
import { NoAccess } from '../../ui/NoAccess';
import { formatDate, formatDuration, formatMoney } from '../../ui/format';
import { BarChart } from './BarChart';
import { formatPercent } from './chart-scale';
import {
  approvalBars,
  cycleTimeBars,
  orderBars,
  PERIODS,
  periodFrom,
  requestBars,
  webhookBars,
  type DashboardMetrics,
} from './dashboard-data';
import './dashboard.css';

const hours = (value: number) => formatDuration(Math.round(value * 3600));

/** Procurement figures over a period, as charts (with their numbers a click away). */
export function DashboardPage() {
  const { me, can } = useMe();
  const [params, setParams] = useSearchParams();
  const period = periodFrom(params.get('period'));
  const metrics = useQuery({
    queryKey: ['dashboard', 'metrics', period],
    enabled: can.dashboard,
    queryFn: async () => unwrap(await api.GET('/api/dashboard/metrics/', { params: { query: { period } } })),
  });
  if (!can.dashboard) return <NoAccess title="Dashboard" />;

  const teamNames = (ids: string[]) =>
    ids.map((id) => me.access_scopes.find((scope) => scope.team?.id === id)?.team?.name ?? id).join(', ');

  return (
    <>
      <PageHeader title="Dashboard">
        {metrics.data ? (
          <p className="muted">
            Since {formatDate(metrics.data.since)}
            {metrics.data.teams ? ` · teams: ${teamNames(metrics.data.teams)}` : ' · every team'}
          </p>
        ) : null}
      </PageHeader>
      <div className="filters card">
        <Field label="Period">
          {(props) => (
            <select
              {...props}
              value={period}
              onChange={(event) => {
                const next = new URLSearchParams(params);
                next.set('period', event.target.value);
                setParams(next);
              }}
            >
              {PERIODS.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      {metrics.isPending ? <Loading what="the figures" /> : null}
      <ErrorNote error={metrics.error} />
      {metrics.data ? <Charts metrics={metrics.data} /> : null}
    </>
  );
}

function Charts({ metrics }: { metrics: DashboardMetrics }) {
  const cycle = metrics.submit_to_completion_seconds;
  return (
    <div className="chart-grid dashboard-grid">
      <section className="card" aria-labelledby="dashboard-requests">
        <h2 id="dashboard-requests">Requests</h2>
        <BarChart
          caption="Requests by status"
          data={requestBars(metrics, humanize)}
          integer
          labelHeading="Status"
          valueHeading="Requests"
        />
      </section>
      <section className="card" aria-labelledby="dashboard-orders">
        <h2 id="dashboard-orders">Orders</h2>
        <BarChart
          caption="Orders by status"
          data={orderBars(metrics, humanize)}
          orientation="vertical"
          integer
          labelHeading="Status"
          valueHeading="Orders"
        />
      </section>
      <section className="card" aria-labelledby="dashboard-approvals">
        <h2 id="dashboard-approvals">Approvals</h2>
        <BarChart
          caption="Approvals waiting per step"
          data={approvalBars(metrics)}
          integer
          labelHeading="Step"
          valueHeading="Waiting"
          emptyText="Nothing waits for an approval."
        />
      </section>
      <section className="card" aria-labelledby="dashboard-cycle">
        <h2 id="dashboard-cycle">Cycle time</h2>
        <dl className="dashboard-stats">
          <div>
            <dt>Median (p50)</dt>
            <dd>{formatDuration(cycle.median)}</dd>
          </div>
          <div>
            <dt>90th percentile (p90)</dt>
            <dd>{formatDuration(cycle.p90)}</dd>
          </div>
          <div>
            <dt>Completed</dt>
            <dd>{cycle.completed}</dd>
          </div>
        </dl>
        <BarChart
          caption="Time from submit to completion"
          data={cycleTimeBars(metrics)}
          formatValue={hours}
          labelHeading="Measure"
          valueHeading="Time"
          emptyText="No request was completed in this period."
        />
      </section>
      <section className="card" aria-labelledby="dashboard-stock">
        <h2 id="dashboard-stock">Stock</h2>
        <dl className="dashboard-stats">
          <div>
            <dt>Below their minimum</dt>
            <dd>
              <Link to="/inventory/alerts">{metrics.low_stock_items}</Link>
            </dd>
          </div>
          {Object.entries(metrics.total_inventory_value).map(([currency, value]) => (
            <div key={currency}>
              <dt>Value on hand ({currency})</dt>
              <dd>{formatMoney(value, currency)}</dd>
            </div>
          ))}
        </dl>
        <p className="muted">
          Now, at catalogue prices. <Link to="/inventory">Stock per warehouse</Link>
        </p>
      </section>
      <section className="card" aria-labelledby="dashboard-webhooks">
        <h2 id="dashboard-webhooks">Webhooks</h2>
        {metrics.webhooks ? (
          <>
            <dl className="dashboard-stats">
              <div>
                <dt>Success rate</dt>
                <dd>{formatPercent(metrics.webhooks.success_rate)}</dd>
              </div>
            </dl>
            <BarChart
              caption="Webhook deliveries"
              data={webhookBars(metrics)}
              integer
              labelHeading="Outcome"
              valueHeading="Deliveries"
              emptyText="No delivery finished in this period."
            />
          </>
        ) : (
          <p className="muted">
            Webhook figures cover the whole organisation; they are shown to those who see every team.
          </p>
        )}
      </section>
    </div>
  );
}
