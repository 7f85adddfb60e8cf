import { Link, useParams } from 'react-router';
import { useMe } from '../../session/session';
import { ErrorNote, Loading, PageHeader, StatusBadge } from '../../ui/components';
import { NoAccess } from '../../ui/NoAccess';
import { formatDateTime, formatMoney } from '../../ui/format';
import { AddressBlock } from './AddressBlock';
import { NotesSection } from './NotesSection';
import { orderActionsFor } from './order-actions';
import { useChangeStatus } from './order-mutations';
import { useOrder } from './order-queries';
import type { OrderDetail } from './order-types';
import { OrderItemsTable } from './OrderItemsTable';
import { ShipmentsSection } from './ShipmentsSection';
import { StatusChangePanel } from './StatusChangePanel';
import { StatusHistory } from './StatusHistory';
import './orders.css';

/** One order: facts, items, notes, shipments, history, and the changes the API offers this person. */
export function OrderDetailPage() {
  const { id = '' } = useParams();
  const { can } = useMe();
  // Requestors follow the link from their request; the API decides which orders they see.
  const mayRead = can.readOrders || can.request;
  const order = useOrder(id, mayRead);
  if (!mayRead) return <NoAccess title="Purchase order" />;
  if (order.isPending) return <Loading what="the order" />;
  if (order.error) {
    return (
      <>
        <PageHeader title="Purchase order" />
        <ErrorNote error={order.error} />
        <p>
          <Link to="/orders">Back to the orders</Link>
        </p>
      </>
    );
  }
  return <OrderView order={order.data} />;
}

function OrderView({ order }: { order: OrderDetail }) {
  const { can } = useMe();
  const actions = orderActionsFor(order, can);
  const change = useChangeStatus(order.id);
  return (
    <>
      <PageHeader title={`Purchase order ${order.number}`}>
        <p>
          <StatusBadge code={order.status} /> · {formatMoney(order.total, order.currency)} to {order.vendor_name}
        </p>
      </PageHeader>

      <div role="status" aria-live="polite">
        {change.data ? (
          <p className="notice">
            You changed the order to <StatusBadge code={change.data.status} />.
          </p>
        ) : null}
      </div>
      {actions.transitions.length > 0 ? <StatusChangePanel change={change} transitions={actions.transitions} /> : null}

      <section className="card" aria-labelledby="order-facts-title">
        <h2 id="order-facts-title">Details</h2>
        <dl className="facts">
          <dt>Number</dt>
          <dd>{order.number}</dd>
          <dt>Vendor</dt>
          <dd>{order.vendor_name}</dd>
          <dt>Status</dt>
          <dd>
            <StatusBadge code={order.status} />
          </dd>
          <dt>Total</dt>
          <dd>{formatMoney(order.total, order.currency)}</dd>
          <dt>Purchase request</dt>
          <dd>
            {order.purchase_request ? (
              <Link to={`/requests/${order.purchase_request.id}`}>{order.purchase_request.subject}</Link>
            ) : (
              'None: a manual order'
            )}
          </dd>
          {order.status === 'pending' ? (
            <>
              <dt>Confirm by</dt>
              <dd>
                {order.confirm_by
                  ? `${formatDateTime(order.confirm_by)} (cancelled automatically if not confirmed)`
                  : '—'}
              </dd>
            </>
          ) : null}
          <dt>Created</dt>
          <dd>{formatDateTime(order.created_at)}</dd>
          <dt>Last changed</dt>
          <dd>{formatDateTime(order.updated_at)}</dd>
        </dl>
        <div className="order-addresses">
          <AddressBlock title="Shipping address" address={order.shipping_address} />
          <AddressBlock title="Billing address" address={order.billing_address} />
        </div>
      </section>

      <section className="card" aria-labelledby="order-items-title">
        <h2 id="order-items-title">Items</h2>
        <OrderItemsTable order={order} />
      </section>

      <ShipmentsSection order={order} mayShip={actions.ship} />
      <NotesSection order={order} mayAddNote={actions.addNote} />

      <section className="card" aria-labelledby="order-history-title">
        <h2 id="order-history-title">Status history</h2>
        <StatusHistory history={order.status_history} />
      </section>

      <p>
        <Link to="/orders">Back to the orders</Link>
      </p>
    </>
  );
}
