import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { useMe } from '../../session/session';
import { EmptyState, ErrorNote, Loading, PageHeader, Pager, SelectField, ScrollTable } from '../../ui/components';
import { formatDateTime, formatQuantity } from '../../ui/format';
import { nextParams, pageFrom } from '../../ui/url-filters';
import { InventoryNav } from './InventoryNav';
import { inventoryKeys } from './inventory-queries';
import '../catalogue/catalogue.css';

const PAGE_SIZE = 25;
const STATUSES: Array<[string, string]> = [
  ['active', 'Open and acknowledged'],
  ['open', 'Open'],
  ['acknowledged', 'Acknowledged'],
  ['resolved', 'Resolved'],
  ['all', 'All'],
];
const LABELS = {
  open: ['Open', 'bad'],
  acknowledged: ['Acknowledged', 'warn'],
  resolved: ['Resolved', 'good'],
} as const;
type Status = 'active' | 'open' | 'acknowledged' | 'resolved' | 'all';

/**
 * Seed 001's low-stock alerts: each level that went below its minimum, how low, and since when.
 * Procurement and admins acknowledge them; an alert resolves by itself when the stock is back.
 */
export function AlertsPage() {
  const { can } = useMe();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') as Status | null) ?? 'active';
  const query = { page: pageFrom(params), page_size: PAGE_SIZE, status } as const;
  const alerts = useQuery({
    queryKey: inventoryKeys.alerts(query),
    queryFn: async () => unwrap(await api.GET('/api/inventory/alerts/', { params: { query } })),
  });
  const acknowledge = useMutation({
    mutationFn: async (id: string) =>
      unwrap(await api.POST('/api/inventory/alerts/{id}/acknowledge/', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: inventoryKeys.all }),
  });
  const update = (changes: Record<string, string | null>) => setParams(nextParams(params, changes));
  return (
    <>
      <PageHeader title="Low-stock alerts">
        <InventoryNav />
      </PageHeader>
      <div className="filters" role="group" aria-label="Filter alerts">
        <SelectField
          label="Alerts"
          value={status}
          options={STATUSES}
          onChange={(value) => update({ status: value === 'active' ? null : value })}
        />
      </div>
      {alerts.isPending ? <Loading what="the alerts" /> : null}
      <ErrorNote error={alerts.error} />
      <ErrorNote error={acknowledge.error} />
      {alerts.data && alerts.data.results.length === 0 ? (
        <EmptyState>No alert: stock is above every minimum.</EmptyState>
      ) : null}
      {alerts.data && alerts.data.results.length > 0 ? (
        <>
          <ScrollTable caption="Low-stock alerts">
            <thead>
              <tr>
                <th scope="col">Product</th>
                <th scope="col">Warehouse</th>
                <th scope="col" className="catalogue-number">
                  On hand
                </th>
                <th scope="col" className="catalogue-number">
                  Minimum
                </th>
                <th scope="col">Since</th>
                <th scope="col">Status</th>
                {can.manageCatalogue ? <th scope="col">Actions</th> : null}
              </tr>
            </thead>
            <tbody>
              {alerts.data.results.map((alert) => (
                <tr key={alert.id}>
                  <th scope="row">
                    <code>{alert.product.sku}</code> {alert.product.name}
                  </th>
                  <td>{alert.warehouse.code}</td>
                  <td className="catalogue-number">{formatQuantity(alert.quantity)}</td>
                  <td className="catalogue-number">{formatQuantity(alert.threshold)}</td>
                  <td>{formatDateTime(alert.opened_at)}</td>
                  <td>
                    <span className={`badge badge-${LABELS[alert.status][1]}`}>{LABELS[alert.status][0]}</span>
                  </td>
                  {can.manageCatalogue ? (
                    <td>
                      {alert.status === 'open' ? (
                        <button
                          type="button"
                          disabled={acknowledge.isPending}
                          onClick={() => acknowledge.mutate(alert.id)}
                        >
                          Acknowledge
                          <span className="visually-hidden">
                            {' '}
                            {alert.product.sku} in {alert.warehouse.code}
                          </span>
                        </button>
                      ) : null}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </ScrollTable>
          <Pager
            info={{ count: alerts.data.count, page: query.page, pageSize: PAGE_SIZE }}
            onPage={(page) => update({ page: String(page) })}
          />
        </>
      ) : null}
    </>
  );
}
