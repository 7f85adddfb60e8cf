import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { useMe } from '../../session/session';
import { EmptyState, ErrorNote, Field, Loading, PageHeader, Pager, ScrollTable } from '../../ui/components';
import { NoAccess } from '../../ui/NoAccess';
import { formatDateTime, formatMoney } from '../../ui/format';
import { nextParams, pageFrom } from '../../ui/url-filters';
import { InventoryNav } from './InventoryNav';
import { SaleForm } from './SaleForm';
import { inventoryKeys } from './inventory-queries';
import '../catalogue/catalogue.css';

const PAGE_SIZE = 25;

/** Seed 003's sales, for procurement and admins: recorded here, cancelled here (the stock comes back). */
export function SalesPage() {
  const { can } = useMe();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const [search, setSearch] = useState(params.get('search') ?? '');
  const [cancelling, setCancelling] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const query = {
    page: pageFrom(params),
    page_size: PAGE_SIZE,
    ...(params.get('search') ? { search: params.get('search') as string } : {}),
  } as const;
  const sales = useQuery({
    queryKey: inventoryKeys.sales(query),
    enabled: can.manageCatalogue,
    queryFn: async () => unwrap(await api.GET('/api/sales/', { params: { query } })),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: inventoryKeys.all });
  const cancel = useMutation({
    mutationFn: async (id: string) =>
      unwrap(await api.POST('/api/sales/{id}/cancel/', { params: { path: { id } }, body: { reason: reason.trim() } })),
    onSuccess: () => {
      setCancelling(null);
      setReason('');
      void refresh();
    },
  });
  if (!can.manageCatalogue) return <NoAccess title="Sales" />;
  const update = (changes: Record<string, string | null>) => setParams(nextParams(params, changes));
  return (
    <>
      <PageHeader title="Sales">
        <InventoryNav />
      </PageHeader>
      <form
        className="filters"
        role="search"
        aria-label="Find sales"
        onSubmit={(event) => {
          event.preventDefault();
          update({ search: search.trim() || null });
        }}
      >
        <Field label="Number or customer">
          {(props) => <input {...props} type="search" value={search} onChange={(e) => setSearch(e.target.value)} />}
        </Field>
        <button type="submit">Search</button>
      </form>
      {sales.isPending ? <Loading what="the sales" /> : null}
      <ErrorNote error={sales.error} />
      {sales.data && sales.data.results.length === 0 ? <EmptyState>No sale matches.</EmptyState> : null}
      {sales.data && sales.data.results.length > 0 ? (
        <>
          <ScrollTable caption="Sales">
            <thead>
              <tr>
                <th scope="col">Number</th>
                <th scope="col">Sold</th>
                <th scope="col">Customer</th>
                <th scope="col">Warehouse</th>
                <th scope="col">Lines</th>
                <th scope="col" className="catalogue-number">
                  Total
                </th>
                <th scope="col">Status</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {sales.data.results.map((sale) => (
                <tr key={sale.id}>
                  <th scope="row">{sale.number}</th>
                  <td>{formatDateTime(sale.sold_at)}</td>
                  <td>{sale.customer_name}</td>
                  <td>{sale.warehouse.code}</td>
                  <td>{sale.lines.map((line) => `${line.product.sku} × ${Number(line.quantity)}`).join(', ')}</td>
                  <td className="catalogue-number">{formatMoney(sale.total, sale.currency)}</td>
                  <td>
                    <span className={`badge ${sale.status === 'completed' ? 'badge-good' : 'badge-neutral'}`}>
                      {sale.status === 'completed' ? 'Completed' : 'Cancelled'}
                    </span>
                  </td>
                  <td>
                    {sale.status === 'completed' ? (
                      <button
                        type="button"
                        aria-expanded={cancelling === sale.id}
                        onClick={() => setCancelling(cancelling === sale.id ? null : sale.id)}
                      >
                        Cancel<span className="visually-hidden"> {sale.number}</span>
                      </button>
                    ) : (
                      sale.cancel_reason
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </ScrollTable>
          <Pager
            info={{ count: sales.data.count, page: query.page, pageSize: PAGE_SIZE }}
            onPage={(page) => update({ page: String(page) })}
          />
        </>
      ) : null}
      {cancelling ? (
        <form
          className="card"
          aria-label="Cancel the sale"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            cancel.mutate(cancelling);
          }}
        >
          <h2>Cancel {sales.data?.results.find((sale) => sale.id === cancelling)?.number}</h2>
          <p className="muted">Its stock goes back to the warehouse; the sale stays on the list, cancelled.</p>
          <Field label="Why" required>
            {(props) => <input {...props} value={reason} onChange={(e) => setReason(e.target.value)} />}
          </Field>
          <div className="form-actions">
            <button type="submit" className="primary" disabled={cancel.isPending}>
              Cancel sale
            </button>
          </div>
          <ErrorNote error={cancel.error} />
        </form>
      ) : null}
      <SaleForm onDone={() => void refresh()} />
    </>
  );
}
