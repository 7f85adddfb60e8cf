import { formatDate, formatDateTime, formatMoney } from '../../ui/format';
import { useCreateShipment } from './order-mutations';
import type { OrderDetail } from './order-types';
import { ShipmentForm } from './ShipmentForm';

/** The section owns the mutation: its answer stays on screen once the order has shipped and the form is gone. */
export function ShipmentsSection({ order, mayShip }: { order: OrderDetail; mayShip: boolean }) {
  const create = useCreateShipment(order.id);
  return (
    <section className="card" aria-labelledby="order-shipments-title">
      <h2 id="order-shipments-title">Shipments</h2>
      <div role="status" aria-live="polite">
        {create.data ? (
          <p className="notice">
            Shipment {create.data.tracking_number} with {create.data.carrier} recorded for order{' '}
            {create.data.order.number}.
          </p>
        ) : null}
      </div>
      {order.shipments.length === 0 ? (
        <p className="muted">Nothing has shipped yet.</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Shipments of {order.number}</caption>
            <thead>
              <tr>
                <th scope="col">Carrier</th>
                <th scope="col">Service</th>
                <th scope="col">Tracking number</th>
                <th scope="col" className="number">
                  Cost
                </th>
                <th scope="col">Estimated delivery</th>
                <th scope="col">Delivered</th>
                <th scope="col">Recorded</th>
              </tr>
            </thead>
            <tbody>
              {order.shipments.map((shipment) => (
                <tr key={shipment.id}>
                  <td>{shipment.carrier}</td>
                  <td>{shipment.service_type || '—'}</td>
                  <td>{shipment.tracking_number}</td>
                  <td className="number">{formatMoney(shipment.shipping_cost, order.currency)}</td>
                  <td>{formatDate(shipment.estimated_delivery)}</td>
                  <td>{formatDateTime(shipment.delivered_at)}</td>
                  <td>{formatDateTime(shipment.created_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {mayShip ? <ShipmentForm create={create} currency={order.currency} /> : null}
    </section>
  );
}
