/**
 * The first `npm start` on an empty database leaves something to do: alice's request, submitted through
 * the API as she would submit it (so its workflow runs and bob and mallory get the "approval needed"
 * e-mail in var/outbox/), waiting in bob's inbox. Answers its id and subject.
 */
export async function submitDemoRequest(
  baseUrl: string,
  team: string,
  password: string,
): Promise<{ id: string; subject: string }> {
  const subject = 'Trade fair booth, Berlin';
  const token = await call<{ access: string }>(baseUrl, 'POST', '/api/auth/token/', undefined, {
    username: 'alice',
    password,
  });
  const draft = await call<{ id: string }>(baseUrl, 'POST', '/api/prs/requests/', token.access, {
    team,
    purchase_type: 'GOODS',
    vendor_name: 'Expo Builders GmbH',
    subject,
    description: 'Stand, furniture and lighting for the spring trade fair.',
    amount: '1500.00',
    field_values: { budget_code: 'MKT-2026-07', justification: 'Our largest lead source last year.' },
  });
  await call(baseUrl, 'POST', `/api/prs/requests/${draft.id}/submit/`, token.access, {});
  return { id: draft.id, subject };
}

async function call<T>(baseUrl: string, method: string, route: string, token?: string, body?: unknown): Promise<T> {
  const response = await fetch(`${baseUrl}${route}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const answer = (await response.json()) as T & { detail?: string };
  if (!response.ok) throw new Error(`${method} ${route} answered ${response.status}: ${answer.detail ?? ''}`);
  return answer;
}
