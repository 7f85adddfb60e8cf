import { webhookEventTypes } from '../../../contracts/webhooks';

const requestData = {
  purchase_request: {
    id: '123e4567-e89b-12d3-a456-426614174000',
    status: 'IN_REVIEW',
    round: 1,
    team_id: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
    requestor_id: '3f0e8c2a-8a55-4a59-9d0c-1f1f4d6f2b11',
    subject: 'Conference booth',
    vendor_name: 'Expo GmbH',
    amount: '5000.00',
    currency: 'USD',
    current_step_id: 'c1d2e3f4-0002-4a5b-8c9d-0e1f2a3b4c5d',
  },
};
const orderData = {
  purchase_order: {
    id: '4e1f6a2b-0000-4c3d-8e9f-0a1b2c3d4e5f',
    number: 'PO-2026-000042',
    status: 'shipped',
    purchase_request_id: '123e4567-e89b-12d3-a456-426614174000',
    vendor_name: 'Expo GmbH',
    total: '5000.00',
    currency: 'USD',
  },
};

const stockData = {
  alert_id: '2c3d4e5f-0000-4a6b-8c7d-9e0f1a2b3c4d',
  stock_level: {
    id: '3a2b1c0d-0000-4e5f-8a7b-6c5d4e3f2a1b',
    product: { id: '5e4d3c2b-0000-4a1b-8c2d-3e4f5a6b7c8d', sku: 'LAP001', name: 'Laptop' },
    warehouse: { id: '9c8b7a6d-0000-4c5b-8a4d-3e2f1a0b9c8d', code: 'EAST', name: 'East Coast Warehouse' },
    quantity: '3.000',
    min_stock_level: '5.000',
  },
};

const described: Record<(typeof webhookEventTypes)[number], { description: string; extra: Record<string, unknown> }> = {
  'purchase_request.submitted': {
    description: 'A request was submitted (round 1) or resubmitted.',
    extra: { round: 1, actor_id: '3f0e8c2a-8a55-4a59-9d0c-1f1f4d6f2b11' },
  },
  'purchase_request.approved': {
    description: 'One approval step of a request was completed.',
    extra: { step_id: 'c1d2e3f4-0001-4a5b-8c9d-0e1f2a3b4c5d', step_name: 'Manager Approval' },
  },
  'purchase_request.fully_approved': { description: 'Every approval step is done; finance review follows.', extra: {} },
  'purchase_request.rejected': {
    description: 'An approver or finance reviewer rejected the request.',
    extra: {
      actor_id: '1b2c3d4e-0000-4f5a-8b9c-0d1e2f3a4b5c',
      comment: 'Budget exceeds the quarterly limit',
      step_id: 'c1d2e3f4-0001-4a5b-8c9d-0e1f2a3b4c5d',
    },
  },
  'purchase_request.completed': {
    description: 'Finance completed the request; its purchase order opens.',
    extra: { actor_id: '9a8b7c6d-0000-4e5f-8a9b-0c1d2e3f4a5b', comment: 'Payment scheduled' },
  },
  'purchase_request.cancelled': {
    description: 'The requestor withdrew the request.',
    extra: { actor_id: '3f0e8c2a-8a55-4a59-9d0c-1f1f4d6f2b11', comment: 'No longer needed' },
  },
  'purchase_request.escalated': {
    description: 'A step was escalated (overdue, or nobody could approve it).',
    extra: { reason: 'overdue', step_id: 'c1d2e3f4-0001-4a5b-8c9d-0e1f2a3b4c5d' },
  },
  'order.created': { description: 'A purchase order was opened.', extra: {} },
  'order.updated': {
    description: 'A purchase order changed status (a shipment is recorded with shipped).',
    extra: {
      from_status: 'processing',
      note: '',
      actor_id: '5b6c7d8e-0000-4f0a-8b1c-2d3e4f5a6b7c',
      shipment_id: '7a8b9c0d-0000-4e1f-8a2b-3c4d5e6f7a8b',
    },
  },
  'shipment.delivered': {
    description: 'An order was delivered.',
    extra: { shipment_ids: ['7a8b9c0d-0000-4e1f-8a2b-3c4d5e6f7a8b'] },
  },
  'inventory.low_stock': {
    description:
      'A stock level went below its minimum (once per crossing: it is sent again only after the level was back at or above it).',
    extra: {},
  },
};

const resourceOf = (type: string) =>
  type.startsWith('purchase_request')
    ? { resource: { type: 'purchase_request', id: requestData.purchase_request.id }, data: requestData }
    : type.startsWith('inventory')
      ? { resource: { type: 'stock_level', id: stockData.stock_level.id }, data: stockData }
      : { resource: { type: 'purchase_order', id: orderData.purchase_order.id }, data: orderData };

/** Every event type with its description and an example payload as delivered. */
export function eventCatalogue() {
  return webhookEventTypes.map((type) => ({
    type,
    description: described[type].description,
    example: {
      id: 'evt_3f1c2b9a8e7d6c5b4a3f2e1d0c9b8a7f',
      type,
      timestamp: '2026-01-16T10:00:00.000Z',
      sequence: 3,
      resource: resourceOf(type).resource,
      data: { ...resourceOf(type).data, ...described[type].extra },
    },
  }));
}
