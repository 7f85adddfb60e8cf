import request from 'supertest';
import type { Harness } from './harness';

export const DEMO_PASSWORD = 'demo-pass-123';

export function api(h: Harness) {
  return request(h.server);
}

/** Logs in through the real token endpoint and returns the token pair. */
export async function login(
  h: Harness,
  username: string,
  password = DEMO_PASSWORD,
): Promise<{ access: string; refresh: string }> {
  const res = await api(h).post('/api/auth/token/').send({ username, password });
  if (res.status !== 200) throw new Error(`login of ${username} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return { access: res.body.access, refresh: res.body.refresh };
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
