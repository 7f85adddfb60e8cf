import { z } from '../../http/zod';
import { defineRoute, type AnyRoute } from '../../http/route';
import type { AppDeps } from '../../app-deps';
import { assertReady } from './readiness';
import type { Metrics } from '../../observability/metrics';

const READY_TIMEOUT_MS = 2000;

/** Liveness, readiness and metrics sit outside /api (no auth) for load balancers and Prometheus. */
export function systemRoutes(deps: AppDeps, metrics: Metrics): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/health/',
      mount: 'root',
      operationId: 'health',
      summary: 'Liveness: the process answers (touches no dependency)',
      tags: ['Operations'],
      auth: 'public',
      responses: {
        200: { description: 'Alive', schema: z.object({ status: z.literal('ok') }), example: { status: 'ok' } },
      },
      handler: async () => ({ body: { status: 'ok' } }),
    }),
    defineRoute({
      method: 'get',
      path: '/ready/',
      mount: 'root',
      operationId: 'ready',
      summary: 'Readiness: PostgreSQL and Temporal reachable',
      description: 'Answers 503 naming the dependency that is down.',
      tags: ['Operations'],
      auth: 'public',
      responses: {
        200: {
          description: 'Ready',
          schema: z.object({
            status: z.literal('ready'),
            checks: z.object({ database: z.literal('ok'), temporal: z.literal('ok') }),
          }),
          example: { status: 'ready', checks: { database: 'ok', temporal: 'ok' } },
        },
      },
      errors: [503],
      handler: async () => {
        await assertReady(deps, READY_TIMEOUT_MS);
        return { body: { status: 'ready', checks: { database: 'ok', temporal: 'ok' } } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/metrics',
      mount: 'root',
      operationId: 'metrics',
      summary: 'Prometheus metrics',
      tags: ['Operations'],
      auth: 'public',
      responses: { 200: { description: 'Prometheus text format', contentType: 'text/plain' } },
      handler: async () => ({
        body: await metrics.registry.metrics(),
        headers: { 'Content-Type': metrics.registry.contentType },
      }),
    }),
  ];
}
