import { z } from '../../http/zod';
import { timestamp, uuid } from '../../http/common.schemas';
import { listQuery } from '../../http/pagination';
import { signingSecret } from '../webhooks/webhooks.schemas';

export const providerName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'Use lower-case letters, digits, - and _ (at most 64).');
const healthUrl = z.string().trim().max(2048).url('Enter an absolute URL.');
export const providerSchema = z
  .object({
    id: uuid,
    name: z.string(),
    health_url: z.string().nullable(),
    is_active: z.boolean(),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .openapi('IntegrationProvider');
const providerHealthSchema = z.object({
  status: z.enum(['healthy', 'degraded', 'down', 'unknown']),
  response_time: z.number().int().nullable(),
  last_check: timestamp.nullable(),
  http_status: z.number().int().nullable(),
  error: z.string().nullable(),
  consecutive_failures: z.number().int(),
  monitored: z.boolean(),
});
export const integrationHealthSchema = z
  .object({
    status: z.enum(['healthy', 'degraded', 'down']),
    checked: z.number().int(),
    check_interval_seconds: z.number().int(),
    providers: z.record(z.string(), providerHealthSchema),
  })
  .openapi('IntegrationHealth');
export const inboundEventSchema = z
  .object({
    id: uuid,
    provider: z.string(),
    event_id: z.string(),
    type: z.string(),
    status: z.enum(['pending', 'applied', 'ignored', 'rejected']),
    result: z.string(),
    payload: z.record(z.string(), z.unknown()),
    received_at: timestamp,
  })
  .openapi('InboundEvent');

export const newProviderBody = z.strictObject({
  name: providerName,
  secret: signingSecret.optional(),
  health_url: healthUrl.optional(),
});
export const updateProviderBody = z
  .strictObject({ health_url: healthUrl.nullable().optional(), is_active: z.boolean().optional() })
  .refine((body) => Object.keys(body).length > 0, 'Send health_url or is_active.');
export const inboundEventsQuery = listQuery(['received_at'], {
  provider: providerName.optional(),
  type: z.string().max(100).optional(),
  status: z.enum(['pending', 'applied', 'ignored', 'rejected']).optional(),
});

export const exampleProvider = {
  id: '0a1b2c3d-0000-4e5f-8a9b-0c1d2e3f4a5b',
  name: 'acme-logistics',
  health_url: 'https://api.acme-logistics.example/health',
  is_active: true,
  created_at: '2026-01-10T09:00:00.000Z',
  updated_at: '2026-01-10T09:00:00.000Z',
};
export const exampleIntegrationHealth = {
  status: 'degraded',
  checked: 2,
  check_interval_seconds: 60,
  providers: {
    'acme-logistics': {
      status: 'healthy',
      response_time: 150,
      last_check: '2026-01-20T12:00:00.000Z',
      http_status: 200,
      error: null,
      consecutive_failures: 0,
      monitored: true,
    },
    'pay-service': {
      status: 'degraded',
      response_time: 2000,
      last_check: '2026-01-20T12:00:00.000Z',
      http_status: 200,
      error: null,
      consecutive_failures: 0,
      monitored: true,
    },
    'user-service': {
      status: 'unknown',
      response_time: null,
      last_check: null,
      http_status: null,
      error: null,
      consecutive_failures: 0,
      monitored: false,
    },
  },
};
export const exampleInboundEvent = {
  id: '9f8e7d6c-0000-4b5a-8c9d-0e1f2a3b4c5d',
  provider: 'acme-logistics',
  event_id: 'msg_2Lx9cF7',
  type: 'shipment.delivered',
  status: 'applied',
  result: 'order PO-2026-000042 is delivered',
  payload: { type: 'shipment.delivered', data: { order_number: 'PO-2026-000042' } },
  received_at: '2026-01-20T15:04:01.000Z',
};
