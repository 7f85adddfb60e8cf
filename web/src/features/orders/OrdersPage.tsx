import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useMe } from '../../session/session';
import {
  codeOptions,
  EmptyState,
  ErrorNote,
  Field,
  Loading,
  PageHeader,
  Pager,
  SelectField,
  StatusBadge,
} from '../../ui/components';
import { NoAccess } from '../../ui/NoAccess';
import { formatDateTime, formatMoney } from '../../ui/format';
import { ORDER_ORDERINGS, ORDER_PAGE_SIZE, orderListQuery, withChanges } from './order-filters';
import { useOrderList } from './order-queries';
import { ORDER_STATUSES } from './order-types';
import './orders.css';

type TextFilter = 'search' | 'vendor' | 'date_from' | 'date_to' | 'min_total' | 'max_total';
const TEXT_FILTERS: TextFilter[] = ['search', 'vendor', 'date_from', 'date_to', 'min_total', 'max_total'];

/** Purchase orders with the API's filters; the filters live in the URL so a list can be shared. */
export function OrdersPage() {
  const { can } = useMe();
  const [params, setParams] = useSearchParams();
  const query = orderListQuery(params);
  const list = useOrderList(query, can.readOrders);
  const [drafts, setDrafts] = useState<Record<TextFilter, string>>(() => draftsOf(params));
  if (!can.readOrders) return <NoAccess title="Purchase orders" />;

  const update = (changes: Record<string, string | null>) => setParams(withChanges(params, changes));
  const draft = (key: TextFilter) => ({
    value: drafts[key],
    onChange: (event: { target: { value: string } }) => setDrafts({ ...drafts, [key]: event.target.value }),
  });
  const apply = (event: FormEvent) => {
    event.preventDefault();
    update(drafts);
  };
  const clear = () => {
    setDrafts(draftsOf(new URLSearchParams()));
    setParams(new URLSearchParams());
  };

  return (
    <>
      <PageHeader title="Purchase orders" />
      <form className="filters card" role="search" aria-label="Filter orders" onSubmit={apply}>
        <SelectField
          label="Status"
          anyLabel="Any status"
          value={query.status?.[0] ?? null}
          options={codeOptions(ORDER_STATUSES)}
          onChange={(next) => update({ status: next })}
        />
        <SelectField
          label="Order by"
          value={query.ordering ?? null}
          options={ORDER_ORDERINGS}
          onChange={(next) => update({ ordering: next })}
        />
        <Field label="Search">
          {(props) => <input {...props} type="search" placeholder="Number or vendor" {...draft('search')} />}
        </Field>
        <Field label="Vendor">{(props) => <input {...props} type="text" {...draft('vendor')} />}</Field>
        <Field label="Created from">{(props) => <input {...props} type="date" {...draft('date_from')} />}</Field>
        <Field label="Created to">{(props) => <input {...props} type="date" {...draft('date_to')} />}</Field>
        <Field label="Minimum total">
          {(props) => <input {...props} type="text" inputMode="decimal" placeholder="0.00" {...draft('min_total')} />}
        </Field>
        <Field label="Maximum total">
          {(props) => <input {...props} type="text" inputMode="decimal" placeholder="0.00" {...draft('max_total')} />}
        </Field>
        <div className="field">
          <button type="submit" className="primary">
            Apply filters
          </button>
        </div>
        <div className="field">
          <button type="button" onClick={clear}>
            Clear filters
          </button>
        </div>
      </form>
      {query.purchase_request ? (
        <p className="notice">
          Showing the orders of <Link to={`/requests/${query.purchase_request}`}>one purchase request</Link>.{' '}
          <button type="button" className="link-button" onClick={() => update({ purchase_request: null })}>
            Show all orders
          </button>
        </p>
      ) : null}
      {list.isPending ? <Loading what="orders" /> : null}
      <ErrorNote error={list.error} />
      {list.data && list.data.results.length === 0 ? <EmptyState>No orders match these filters.</EmptyState> : null}
      {list.data && list.data.results.length > 0 ? (
        <>
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">Purchase orders</caption>
              <thead>
                <tr>
                  <th scope="col">Number</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="number">
                    Total
                  </th>
                  <th scope="col">Vendor</th>
                  <th scope="col">Purchase request</th>
                  <th scope="col">Created</th>
                </tr>
              </thead>
              <tbody>
                {list.data.results.map((order) => (
                  <tr key={order.id}>
                    <td>
                      <Link to={`/orders/${order.id}`}>{order.number}</Link>
                    </td>
                    <td>
                      <StatusBadge code={order.status} />
                    </td>
                    <td className="number">{formatMoney(order.total, order.currency)}</td>
                    <td>{order.vendor_name}</td>
                    <td>
                      {order.purchase_request ? (
                        <Link to={`/requests/${order.purchase_request.id}`}>{order.purchase_request.subject}</Link>
                      ) : (
                        <span className="muted">Manual order</span>
                      )}
                    </td>
                    <td>{formatDateTime(order.created_at)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager
            info={{ count: list.data.count, page: query.page ?? 1, pageSize: ORDER_PAGE_SIZE }}
            onPage={(next) => update({ page: String(next) })}
          />
        </>
      ) : null}
    </>
  );
}

function draftsOf(params: URLSearchParams): Record<TextFilter, string> {
  return Object.fromEntries(TEXT_FILTERS.map((key) => [key, params.get(key) ?? ''])) as Record<TextFilter, string>;
}
