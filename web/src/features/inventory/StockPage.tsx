import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { useMe } from '../../session/session';
import {
  EmptyState,
  ErrorNote,
  Field,
  Loading,
  PageHeader,
  Pager,
  SelectField,
  ScrollTable,
} from '../../ui/components';
import { formatDateTime, formatQuantity } from '../../ui/format';
import { nextParams, pageFrom } from '../../ui/url-filters';
import { CountForm } from './CountForm';
import { InventoryNav } from './InventoryNav';
import { StockSummary } from './StockSummary';
import { TransferForm } from './TransferForm';
import { inventoryKeys, STOCK_STATUS, useOpenWarehouses } from './inventory-queries';
import '../catalogue/catalogue.css';

const PAGE_SIZE = 25;
const STATUSES: Array<[string, string]> = [
  ['low', 'Low'],
  ['out', 'Out of stock'],
  ['normal', 'In stock'],
];

/**
 * Seed 001's inventory: what each warehouse holds of each product, with the filters in the URL.
 * Procurement and admins count a level again (an adjustment, refused when someone changed it meanwhile)
 * and move stock between warehouses.
 */
export function StockPage() {
  const { can } = useMe();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const [counting, setCounting] = useState<string | null>(null);
  const [search, setSearch] = useState(params.get('search') ?? '');
  const warehouse = params.get('warehouse_id');
  const status = params.get('stock_status') as 'low' | 'out' | 'normal' | null;
  const query = {
    page: pageFrom(params),
    page_size: PAGE_SIZE,
    ordering: 'product__name',
    ...(params.get('search') ? { search: params.get('search') as string } : {}),
    ...(warehouse ? { warehouse_id: warehouse } : {}),
    ...(status ? { stock_status: status } : {}),
  } as const;
  const levels = useQuery({
    queryKey: inventoryKeys.levels(query),
    queryFn: async () => unwrap(await api.GET('/api/inventory/items/', { params: { query } })),
  });
  const warehouses = useOpenWarehouses();
  const refresh = () => queryClient.invalidateQueries({ queryKey: inventoryKeys.all });
  const update = (changes: Record<string, string | null>) => setParams(nextParams(params, changes));
  const level = levels.data?.results.find((row) => row.id === counting);

  return (
    <>
      <PageHeader title="Stock">
        <InventoryNav />
      </PageHeader>
      <form
        className="filters"
        role="search"
        aria-label="Find stock"
        onSubmit={(event) => {
          event.preventDefault();
          update({ search: search.trim() || null });
        }}
      >
        <Field label="Product name or SKU">
          {(props) => <input {...props} type="search" value={search} onChange={(e) => setSearch(e.target.value)} />}
        </Field>
        <SelectField
          label="Warehouse"
          value={warehouse}
          anyLabel="Every warehouse"
          options={(warehouses.data?.results ?? []).map((w) => [w.id, `${w.code} · ${w.name}`] as const)}
          onChange={(value) => update({ warehouse_id: value })}
        />
        <SelectField
          label="Stock status"
          value={status}
          anyLabel="Any status"
          options={STATUSES}
          onChange={(value) => update({ stock_status: value })}
        />
        <button type="submit">Search</button>
      </form>
      {levels.isPending ? <Loading what="the stock levels" /> : null}
      <ErrorNote error={levels.error} />
      {levels.data && levels.data.results.length === 0 ? <EmptyState>No stock level matches.</EmptyState> : null}
      {levels.data && levels.data.results.length > 0 ? (
        <>
          <ScrollTable caption="Stock levels">
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
                <th scope="col" className="catalogue-number">
                  Maximum
                </th>
                <th scope="col">Status</th>
                <th scope="col">Last change</th>
                {can.manageCatalogue ? <th scope="col">Actions</th> : null}
              </tr>
            </thead>
            <tbody>
              {levels.data.results.map((row) => (
                <tr key={row.id}>
                  <th scope="row">
                    <code>{row.product.sku}</code> {row.product.name}
                  </th>
                  <td>{row.warehouse.code}</td>
                  <td className="catalogue-number">
                    {formatQuantity(row.quantity)} {row.product.unit}
                  </td>
                  <td className="catalogue-number">{formatQuantity(row.min_stock_level)}</td>
                  <td className="catalogue-number">{formatQuantity(row.max_stock_level)}</td>
                  <td>
                    <span className={`badge badge-${STOCK_STATUS[row.stock_status].tone}`}>
                      {STOCK_STATUS[row.stock_status].label}
                    </span>
                  </td>
                  <td>{formatDateTime(row.last_updated)}</td>
                  {can.manageCatalogue ? (
                    <td>
                      <button
                        type="button"
                        aria-expanded={counting === row.id}
                        onClick={() => setCounting(counting === row.id ? null : row.id)}
                      >
                        Count
                        <span className="visually-hidden">
                          {' '}
                          {row.product.sku} in {row.warehouse.code}
                        </span>
                      </button>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </ScrollTable>
          <Pager
            info={{ count: levels.data.count, page: query.page, pageSize: PAGE_SIZE }}
            onPage={(page) => update({ page: String(page) })}
          />
        </>
      ) : null}
      {can.manageCatalogue && level ? (
        <CountForm
          key={level.id}
          level={level}
          onDone={() => {
            setCounting(null);
            void refresh();
          }}
          onStale={() => void refresh()}
        />
      ) : null}
      {can.manageCatalogue ? <TransferForm onDone={() => void refresh()} /> : null}
      <StockSummary />
    </>
  );
}
