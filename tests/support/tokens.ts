import type { Harness } from './harness';
import { api } from './http';
import { teamId } from './requests';

/** A service account (an integration's identity) holding INITIATOR in `team`, or no role at all. */
export async function serviceAccount(h: Harness, adminAuth: string, username: string, team?: string): Promise<string> {
  const created = await api(h)
    .post('/api/users/')
    .set('Authorization', adminAuth)
    .send({ username, email: `${username}@integrations.example.com`, is_service_account: true });
  if (created.status !== 201)
    throw new Error(`service account answered ${created.status}: ${JSON.stringify(created.body)}`);
  if (team) {
    const granted = await api(h)
      .post(`/api/users/${created.body.id}/access-scopes/`)
      .set('Authorization', adminAuth)
      .send({ team: await teamId(h, team), role: 'INITIATOR' });
    if (granted.status !== 201) throw new Error(`grant answered ${granted.status}: ${JSON.stringify(granted.body)}`);
  }
  return created.body.id as string;
}

/** A token created by the admin: their own, or (with `service_account`) the service account's. */
export async function apiToken(h: Harness, adminAuth: string, scopes: string[], extra: Record<string, unknown> = {}) {
  const res = await api(h)
    .post('/api/auth/api-tokens/')
    .set('Authorization', adminAuth)
    .send({ name: `token ${scopes.join(' ')} ${Math.random().toString(36).slice(2, 8)}`, scopes, ...extra });
  if (res.status !== 201) throw new Error(`token answered ${res.status}: ${JSON.stringify(res.body)}`);
  return {
    id: res.body.id as string,
    token: res.body.token as string,
    header: `Bearer ${res.body.token as string}`,
    prefix: res.body.prefix as string,
    name: res.body.name as string,
    body: res.body,
  };
}
