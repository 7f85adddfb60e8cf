import type { Harness } from './harness';
import { api, client } from './http';
import { draftBody } from '../kit/api-client';

export async function teamId(h: Harness, name: string): Promise<string> {
  return (await h.knex('teams').where({ name }).first('id')).id;
}

export async function userId(h: Harness, username: string): Promise<string> {
  return (await h.knex('users').where({ username }).first('id')).id;
}

/** Creates a draft through the API (alice in Marketing by default) and returns its id. */
export async function createDraft(h: Harness, auth: string, overrides: Record<string, unknown> = {}): Promise<string> {
  const res = await api(h)
    .post('/api/prs/requests/')
    .set('Authorization', auth)
    .send({ ...draftBody({ team: await teamId(h, 'Marketing') }), ...overrides });
  if (res.status !== 201) throw new Error(`create answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.id;
}

export async function act(h: Harness, auth: string, id: string, action: string, body: Record<string, unknown> = {}) {
  return api(h).post(`/api/prs/requests/${id}/${action}/`).set('Authorization', auth).send(body);
}

export function detail(h: Harness, auth: string, id: string) {
  return client(h).detail(auth.replace(/^Bearer /, ''), id);
}

/** Sets a short reminder and escalation on every step of the demo workflow template (seconds, for tests). */
export async function useShortTimers(
  h: Harness,
  remindSeconds: number | null,
  escalateSeconds: number | null,
): Promise<void> {
  await h.knex('workflowTemplateSteps').update({
    remindAfterHours: remindSeconds === null ? null : remindSeconds / 3600,
    escalateAfterHours: escalateSeconds === null ? null : escalateSeconds / 3600,
  });
}
