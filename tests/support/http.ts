import request from 'supertest';
import type { Harness } from './harness';
import { ApiClient, supertestTransport } from '../kit/api-client';

export { DEMO_PASSWORD } from '../../db/seeds/demo-data';

export function api(h: Harness) {
  return request(h.server);
}

/** The test kit's typed client (tests/kit/api-client.ts) over this harness's in-process app. */
export function client(h: Harness): ApiClient {
  return new ApiClient(supertestTransport(h.server));
}

/** Logs in through the real token endpoint and returns the token pair. */
export function login(h: Harness, username: string, password?: string): Promise<{ access: string; refresh: string }> {
  return client(h).signIn(username, password);
}

export async function bearer(h: Harness, username: string): Promise<string> {
  return `Bearer ${(await login(h, username)).access}`;
}

/** Asserts a response is an RFC 9457 problem document with the given status. */
export function expectProblem(res: request.Response, status: number): void {
  expect({ status: res.status, type: res.headers['content-type'] }).toEqual({
    status,
    type: expect.stringContaining('application/problem+json'),
  });
  expect(res.body).toEqual(
    expect.objectContaining({
      type: expect.any(String),
      title: expect.any(String),
      status,
      detail: expect.any(String),
      request_id: expect.any(String),
    }),
  );
  expect(JSON.stringify(res.body)).not.toMatch(/\bat .+\.(ts|js):\d+/); // never a stack trace
}
