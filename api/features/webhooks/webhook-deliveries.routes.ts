import { idParams } from '../../http/common.schemas';
import {
  deliveriesQuery,
  deliveryDetailSchema,
  deliverySchema,
  exampleDelivery,
  exampleDeliveryDetail,
  exampleRedelivery,
} from './webhooks.schemas';
import { defineRoute, type AnyRoute } from '../../http/route';
import { presentPage, paginated } from '../../http/pagination';
import type { AppDeps } from '../../app-deps';
import { findDelivery, listDeliveries, redeliver } from './webhook-deliveries';
import { presentDelivery, presentDeliveryDetail } from './webhooks.presenter';

/** The delivery records of webhook endpoints: list, inspect, deliver again. */
export function webhookDeliveryRoutes(deps: AppDeps): AnyRoute[] {
  const tags = ['Webhooks'];
  return [
    defineRoute({
      method: 'get',
      path: '/webhooks/deliveries/',
      operationId: 'listWebhookDeliveries',
      scope: 'webhooks:manage',
      summary: 'List webhook deliveries',
      tags,
      auth: 'admin',
      query: deliveriesQuery,
      responses: {
        200: {
          description: 'A page of deliveries',
          schema: paginated(deliverySchema),
          example: { count: 1, next: null, previous: null, results: [exampleDelivery] },
        },
      },
      handler: async ({ query, ctx, db }) => {
        const page = await listDeliveries(db, query);
        return { body: presentPage(ctx, deps.config.publicBaseUrl, page, query, presentDelivery) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/webhooks/deliveries/{id}/',
      operationId: 'getWebhookDelivery',
      scope: 'webhooks:manage',
      summary: 'A delivery with every attempt',
      tags,
      auth: 'admin',
      params: idParams,
      responses: {
        200: {
          description: 'The delivery',
          schema: deliveryDetailSchema,
          example: exampleDeliveryDetail,
        },
      },
      handler: async ({ params, db }) => ({ body: presentDeliveryDetail(await findDelivery(db, params.id)) }),
    }),
    defineRoute({
      method: 'post',
      path: '/webhooks/deliveries/{id}/redeliver/',
      operationId: 'redeliverWebhook',
      scope: 'webhooks:manage',
      summary: 'Deliver the same event to the same endpoint again',
      description:
        'A new delivery (with its own attempts); the relay starts it within OUTBOX_POLL_SECONDS. 409 while the original is still under way or the endpoint is disabled.',
      tags,
      auth: 'admin',
      params: idParams,
      errors: [409],
      responses: {
        202: {
          description: 'Accepted',
          schema: deliverySchema,
          example: exampleRedelivery,
        },
      },
      handler: async ({ params, db }) => ({ status: 202, body: presentDelivery(await redeliver(db, params.id)) }),
    }),
  ];
}
