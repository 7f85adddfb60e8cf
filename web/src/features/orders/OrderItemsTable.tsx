import { formatMoney } from '../../ui/format';
import type { OrderDetail } from './order-types';

export function OrderItemsTable({ order }: { order: OrderDetail }) {
  if (order.items.length === 0) return <p className="muted">No items.</p>;
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">Items of {order.number}</caption>
        <thead>
          <tr>
            <th scope="col">Description</th>
            <th scope="col" className="number">
              Quantity
            </th>
            <th scope="col" className="number">
              Unit price
            </th>
            <th scope="col" className="number">
              Line total
            </th>
          </tr>
        </thead>
        <tbody>
          {order.items.map((item) => (
            <tr key={item.id}>
              <td>{item.description}</td>
              <td className="number">{trimQuantity(item.quantity)}</td>
              <td className="number">{formatMoney(item.unit_price, order.currency)}</td>
              <td className="number">{formatMoney(item.line_total, order.currency)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={3}>
              Total
            </th>
            <td className="number">
              <strong>{formatMoney(order.total, order.currency)}</strong>
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

/** "4.000" → "4", "2.500" → "2.5": the API keeps three decimals for every quantity. */
export function trimQuantity(quantity: string): string {
  return quantity.includes('.') ? quantity.replace(/\.?0+$/, '') : quantity;
}
