import type { ShipmentBody } from './order-types';

export interface ShipmentDraft {
  carrier: string;
  tracking_number: string;
  service_type: string;
  shipping_cost: string;
  estimated_delivery: string;
  note: string;
}

export const EMPTY_SHIPMENT: ShipmentDraft = {
  carrier: '',
  tracking_number: '',
  service_type: '',
  shipping_cost: '',
  estimated_delivery: '',
  note: '',
};

/** The body POST /api/shipping/ takes: blanks are left out so the API's defaults apply; it checks the rest. */
export function shipmentBody(draft: ShipmentDraft): Omit<ShipmentBody, 'order_id'> {
  const body: Omit<ShipmentBody, 'order_id'> = {
    carrier: draft.carrier.trim(),
    tracking_number: draft.tracking_number.trim(),
  };
  const optional = ['service_type', 'shipping_cost', 'estimated_delivery', 'note'] as const;
  for (const key of optional) {
    const value = draft[key].trim();
    if (value) body[key] = value;
  }
  return body;
}
