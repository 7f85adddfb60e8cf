import type Router from '@koa/router';
import type { ZodType } from 'zod';
import { createApp } from '../../api/app';
import type { AnyRoute } from '../../api/http/route';
import { koaPath } from '../../api/http/router';
import type { Harness } from '../support/harness';
import { api, expectProblem } from '../support/http';
import { as, call, startSecurityHarness } from './support';

let h: Harness;
beforeAll(async () => {
  h = await startSecurityHarness();
}, 120_000);
afterAll(() => h?.stop());

describe('API9:2023 Improper Inventory Management', () => {
  type Content = Record<string, { example?: unknown; schema?: unknown }>;
  type Operation = {
    operationId: string;
    responses: Record<string, { content?: Content }>;
    requestBody?: { content: Content };
  };
  const built = () => createApp(h.deps);

  it('serves exactly the operations the OpenAPI document lists (under /api and /api/v1), and no other', async () => {
    const { app, openApi } = built();
    const router = app.middleware.map((mw) => (mw as { router?: Router }).router).find(Boolean);
    expect(router).toBeDefined();
    const served = new Set<string>();
    for (const layer of router!.stack) {
      for (const method of layer.methods) if (method !== 'HEAD') served.add(`${method} ${layer.path}`);
    }
    const documented = new Set<string>();
    for (const [path, operations] of Object.entries(
      (openApi as { paths: Record<string, Record<string, Operation>> }).paths,
    )) {
      for (const method of Object.keys(operations)) {
        const verb = method.toUpperCase();
        documented.add(`${verb} ${koaPath(path)}`);
        if (path.startsWith('/api/')) documented.add(`${verb} ${koaPath(path.replace(/^\/api\//, '/api/v1/'))}`);
      }
    }
    expect([...served].filter((entry) => !documented.has(entry)).sort()).toEqual([]);
    expect([...documented].filter((entry) => !served.has(entry)).sort()).toEqual([]);
    expect(served.size).toBeGreaterThan(100);
  });

  it('answers undocumented paths and versions with a 404 problem, and undocumented methods with 405', async () => {
    for (const path of [
      '/api/v2/me/',
      '/api/v0/me/',
      '/api/v1/v1/me/',
      '/api/api/me/',
      '/api/internal/',
      '/api/admin/',
      '/api/debug/',
      '/api/v2/users/',
      '/api/graphql',
      '/graphql',
      '/.env',
      '/.git/config',
      '/server-status',
      '/actuator/env',
      '/api/openapi.json',
      '/api/swagger.json',
      '/v1/me/',
      '/me/',
      '/api/prs/requests/inbox/extra/',
      '/api/auth/token/debug/',
    ]) {
      const res = await api(h).get(path).set('Authorization', as('admin'));
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
      expectProblem(res, 404);
    }
    for (const [method, path] of [
      ['delete', '/api/me/'],
      ['put', '/api/prs/requests/'],
      ['patch', '/api/auth/token/'],
      ['delete', '/api/audit/logs/'],
      ['post', '/api/schema/'],
    ] as const) {
      const res = await call(api(h), method, path).set('Authorization', as('admin'));
      expect({ method, path, status: res.status }).toEqual({ method, path, status: 405 });
      expectProblem(res, 405);
    }
  });

  it('documents every operation with examples that match their own schemas', async () => {
    const { openApi, routes } = built();
    for (const [path, operations] of Object.entries(
      (openApi as { paths: Record<string, Record<string, Operation>> }).paths,
    )) {
      for (const [method, operation] of Object.entries(operations)) {
        const json = operation.requestBody?.content['application/json'];
        if (json)
          expect({ path, method, requestExample: json.example !== undefined }).toEqual({
            path,
            method,
            requestExample: true,
          });
        // Every JSON answer (successes and problems) carries an example; binary, HTML and text answers
        // (downloads, documentation pages, metrics) and 204s have nothing to exemplify.
        const missing: string[] = [];
        let successExamples = 0;
        let jsonSuccesses = 0;
        for (const [status, response] of Object.entries(operation.responses)) {
          for (const [type, media] of Object.entries(response.content ?? {})) {
            if (!/json/.test(type)) continue;
            if (media.example === undefined) missing.push(`${status} ${type}`);
            if (status.startsWith('2')) {
              jsonSuccesses += 1;
              if (media.example !== undefined) successExamples += 1;
            }
          }
        }
        expect({ path, method, missing }).toEqual({ path, method, missing: [] });
        expect({ path, method, successExamples }).toEqual({ path, method, successExamples: jsonSuccesses });
      }
    }
    const mismatches: string[] = [];
    for (const route of routes as AnyRoute[]) {
      if (
        route.body &&
        route.bodyExample !== undefined &&
        !(route.body as ZodType).safeParse(route.bodyExample).success
      )
        mismatches.push(`${route.operationId} body example`);
      for (const [status, spec] of Object.entries(route.responses)) {
        if (spec.schema && spec.example !== undefined && !spec.schema.safeParse(spec.example).success)
          mismatches.push(`${route.operationId} ${status} example`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});
