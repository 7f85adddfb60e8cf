import { z } from '../../http/zod';
import { MIN_SECRET_BYTES, signingKey } from '../../../lib/webhooks/signature';
import { text, timestamp, uuid } from '../../http/common.schemas';
import { webhookEventTypes } from '../../../contracts/webhooks';
import { listQuery } from '../../http/pagination';

const eventTypes = z
  .array(z.enum(['*', ...webhookEventTypes]))
  .min(1)
  .max(webhookEventTypes.length + 1)
  .describe('Event types to receive, or ["*"] for all');
const url = z.string().trim().max(2048).url('Enter an absolute URL.');

export const createEndpointBody = z.strictObject({
  url,
  description: text(500).optional(),
  event_types: eventTypes.default(['*']),
  is_active: z.boolean().optional(),
});
export const updateEndpointBody = z
  .strictObject({
    url: url.optional(),
    description: text(500).optional(),
    event_types: eventTypes.optional(),
    is_active: z.boolean().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'Send at least one field to change.');

export const endpointSchema = z
  .object({
    id: uuid,
    url: z.string(),
    description: z.string(),
    event_types: z.array(z.string()),
    is_active: z.boolean(),
    disabled_reason: z.string().nullable(),
    secret_rotated_until: timestamp
      .nullable()
      .describe('While set, deliveries carry a second signature made with the previous secret'),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .openapi('WebhookEndpoint');
export const endpointWithSecretSchema = endpointSchema
  .extend({ secret: z.string().describe('Shown only in this answer; sign-verify with it (Standard Webhooks)') })
  .openapi('WebhookEndpointWithSecret');

export const catalogueSchema = z
  .array(z.object({ type: z.string(), description: z.string(), example: z.record(z.string(), z.unknown()) }))
  .openapi('WebhookEventCatalogue');

export const deliveriesQuery = listQuery(['created_at'], {
  endpoint: uuid.optional(),
  event_type: z.enum(webhookEventTypes).optional(),
  status: z.enum(['pending', 'succeeded', 'failed']).optional(),
});

export const attemptSchema = z.object({
  attempt_number: z.number().int(),
  status_code: z.number().int().nullable(),
  response_excerpt: z.string(),
  latency_ms: z.number().int(),
  error: z.string().nullable(),
  attempted_at: timestamp,
});
export const deliverySchema = z
  .object({
    id: uuid,
    event_id: z.string(),
    event_type: z.string(),
    endpoint_id: uuid,
    status: z.enum(['pending', 'succeeded', 'failed']),
    attempt_count: z.number().int(),
    last_status_code: z.number().int().nullable(),
    redelivery_of: uuid.nullable(),
    created_at: timestamp,
    completed_at: timestamp.nullable(),
  })
  .openapi('WebhookDelivery');
export const deliveryDetailSchema = deliverySchema
  .extend({ attempts: z.array(attemptSchema) })
  .openapi('WebhookDeliveryDetail');

export const exampleEndpoint = {
  id: '6c7d8e9f-0000-4a1b-8c2d-3e4f5a6b7c8d',
  url: 'https://erp.example.com/hooks/procurement',
  description: 'ERP sync',
  event_types: ['purchase_request.completed', 'order.updated'],
  is_active: true,
  disabled_reason: null,
  secret_rotated_until: null,
  created_at: '2026-01-10T09:00:00.000Z',
  updated_at: '2026-01-10T09:00:00.000Z',
};
export const exampleDelivery = {
  id: '8d9e0f1a-0000-4b2c-8d3e-4f5a6b7c8d9e',
  event_id: 'evt_3f1c2b9a8e7d6c5b4a3f2e1d0c9b8a7f',
  event_type: 'order.updated',
  endpoint_id: exampleEndpoint.id,
  status: 'succeeded' as const,
  attempt_count: 1,
  last_status_code: 200,
  redelivery_of: null,
  created_at: '2026-01-16T10:00:00.000Z',
  completed_at: '2026-01-16T10:00:01.000Z',
};
export const exampleEndpointBody: z.input<typeof createEndpointBody> = {
  url: 'https://erp.example.com/hooks/procurement',
  description: 'ERP sync',
  event_types: ['purchase_request.completed', 'order.updated'],
};
export const exampleNewEndpoint = { ...exampleEndpoint, secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' };
export const exampleRotatedEndpoint = {
  ...exampleEndpoint,
  secret: 'whsec_1k4N7bS2hV0mXcQ9rT6yZ3wP8eJ5uA2L',
  secret_rotated_until: '2026-01-17T10:00:00.000Z',
};
export const exampleDeliveryDetail = {
  ...exampleDelivery,
  attempts: [
    {
      attempt_number: 1,
      status_code: 200,
      response_excerpt: 'ok',
      latency_ms: 84,
      error: null,
      attempted_at: '2026-01-16T10:00:01.000Z',
    },
  ],
};
export const exampleRedelivery = {
  ...exampleDelivery,
  status: 'pending' as const,
  attempt_count: 0,
  last_status_code: null,
  completed_at: null,
};

/**
 * A signing secret a caller supplies: `whsec_` and canonical base64 of at least 24 bytes (at most 64).
 * `whsec_====` would decode to an empty HMAC key, with which anyone can sign.
 */
export const signingSecret = z
  .string()
  .max(200)
  .regex(/^whsec_(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/, 'Use whsec_ followed by base64.')
  .refine((value) => {
    const bytes = signingKey(value).length;
    return bytes >= MIN_SECRET_BYTES && bytes <= 64;
  }, `The secret must decode to between ${MIN_SECRET_BYTES} and 64 bytes.`)
  .openapi({ example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' });
