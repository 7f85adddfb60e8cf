import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import {
  codeOptions,
  EmptyState,
  ErrorNote,
  humanize,
  Loading,
  PageHeader,
  Pager,
  SelectField,
  ScrollTable,
} from '../../ui/components';
import { formatDateTime, formatQuantity } from '../../ui/format';
import { nextParams, pageFrom } from '../../ui/url-filters';
import { InventoryNav } from './InventoryNav';
import { inventoryKeys, useOpenWarehouses } from './inventory-queries';
import '../catalogue/catalogue.css';

const PAGE_SIZE = 50;
const TYPES = [
  'opening',
  'receipt',
  'issue',
  'sale',
  'sale_reversal',
  'transfer_out',
  'transfer_in',
  'adjustment',
  'return_to_vendor',
  'receipt_reversal',
] as const;
type MovementType = (typeof TYPES)[number];

/** The stock ledger, newest first: every change of every level, who made it and why. */
export function MovementsPage() {
  const [params, setParams] = useSearchParams();
  const type = params.get('movement_type') as MovementType | null;
  const warehouse = params.get('warehouse_id');
  const query = {
    page: pageFrom(params),
    page_size: PAGE_SIZE,
    ...(type ? { movement_type: type } : {}),
    ...(warehouse ? { warehouse_id: warehouse } : {}),
  } as const;
  const movements = useQuery({
    queryKey: inventoryKeys.movements(query),
    queryFn: async () => unwrap(await api.GET('/api/inventory/movements/', { params: { query } })),
  });
  const warehouses = useOpenWarehouses();
  const update = (changes: Record<string, string | null>) => setParams(nextParams(params, changes));
  return (
    <>
      <PageHeader title="Stock movements">
        <InventoryNav />
      </PageHeader>
      <div className="filters" role="group" aria-label="Filter movements">
        <SelectField
          label="Kind of movement"
          value={type}
          anyLabel="Every kind"
          options={codeOptions(TYPES)}
          onChange={(value) => update({ movement_type: value })}
        />
        <SelectField
          label="Warehouse"
          value={warehouse}
          anyLabel="Every warehouse"
          options={(warehouses.data?.results ?? []).map((w) => [w.id, `${w.code} · ${w.name}`] as const)}
          onChange={(value) => update({ warehouse_id: value })}
        />
      </div>
      {movements.isPending ? <Loading what="the movements" /> : null}
      <ErrorNote error={movements.error} />
      {movements.data && movements.data.results.length === 0 ? <EmptyState>No movement matches.</EmptyState> : null}
      {movements.data && movements.data.results.length > 0 ? (
        <>
          <ScrollTable caption="Stock movements">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Kind</th>
                <th scope="col">Product</th>
                <th scope="col">Warehouse</th>
                <th scope="col" className="catalogue-number">
                  Change
                </th>
                <th scope="col" className="catalogue-number">
                  After
                </th>
                <th scope="col">Reason</th>
              </tr>
            </thead>
            <tbody>
              {movements.data.results.map((movement) => (
                <tr key={movement.id}>
                  <th scope="row">{formatDateTime(movement.created_at)}</th>
                  <td>{humanize(movement.movement_type)}</td>
                  <td>
                    <code>{movement.product.sku}</code> {movement.product.name}
                  </td>
                  <td>{movement.warehouse.code}</td>
                  <td className="catalogue-number">
                    {movement.qty_delta.startsWith('-') ? '' : '+'}
                    {formatQuantity(movement.qty_delta)}
                  </td>
                  <td className="catalogue-number">{formatQuantity(movement.qty_after)}</td>
                  <td>{movement.reason || '—'}</td>
                </tr>
              ))}
            </tbody>
          </ScrollTable>
          <Pager
            info={{ count: movements.data.count, page: query.page, pageSize: PAGE_SIZE }}
            onPage={(page) => update({ page: String(page) })}
          />
        </>
      ) : null}
    </>
  );
}
