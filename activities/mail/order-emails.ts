import { escapeHtml } from './html';

export type OrderEmailKind = 'order_shipped' | 'order_delivered';

export interface OrderFacts {
  number: string;
  vendorName: string;
  total: string;
  currency: string;
  link: string;
  carrier?: string;
  trackingNumber?: string;
  estimatedDelivery?: string | null;
}

/** Plain-text and HTML bodies of the order e-mails: what happened, the facts, the link. */
export function renderOrderEmail(
  kind: OrderEmailKind,
  order: OrderFacts,
): { subject: string; text: string; html: string } {
  const shipped = kind === 'order_shipped';
  const subject = shipped ? `Shipped: purchase order ${order.number}` : `Delivered: purchase order ${order.number}`;
  const said = shipped
    ? `Purchase order ${order.number} from ${order.vendorName} has shipped${order.carrier ? ` with ${order.carrier}` : ''}.`
    : `Purchase order ${order.number} from ${order.vendorName} was delivered.`;
  const facts: Array<[string, string]> = [
    ['Order', order.number],
    ['Vendor', order.vendorName],
    ['Total', `${order.total} ${order.currency}`],
    ...(order.trackingNumber ? ([['Tracking number', order.trackingNumber]] as Array<[string, string]>) : []),
    ...(shipped && order.estimatedDelivery
      ? ([['Estimated delivery', order.estimatedDelivery]] as Array<[string, string]>)
      : []),
  ];
  const text = [said, '', ...facts.map(([k, v]) => `${k}: ${v}`), '', `Open the order: ${order.link}`, ''].join('\n');
  const html =
    `<p>${escapeHtml(said)}</p><table>${facts.map(([k, v]) => `<tr><th align="left">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</table>` +
    `<p><a href="${escapeHtml(order.link)}">Open the order</a></p>`;
  return { subject, text, html };
}
