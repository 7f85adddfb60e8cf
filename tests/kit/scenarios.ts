import { expectStatus, type Answer, type ApiClient, type DraftInput } from './api-client';

/**
 * A request taken through its approval chain by the API, like medusa's seeders: created and
 * submitted by `alice`, approved by whoever the workflow is waiting for (the step's pending approvers,
 * one after the other, each with their token from `tokens`), completed by `frank`. Answers the
 * request's id and the completion's answer (which links the order it opened).
 */
export async function completedRequest(
  client: ApiClient,
  tokens: Record<string, string>,
  input: DraftInput,
): Promise<{ id: string; completed: Answer['body'] }> {
  const token = (username: string) => {
    const found = tokens[username];
    if (!found) throw new Error(`completedRequest: no token for ${username}`);
    return found;
  };
  const id = await client.createDraft(token('alice'), input);
  expectStatus(await client.act(token('alice'), id, 'submit'), 200, 'submit');
  for (let step = 0; step < 10; step += 1) {
    const detail = await client.detail(token('alice'), id);
    if (detail.status.code === 'FINANCE_REVIEW') break;
    const next = (detail.pending_approvers as Array<{ username: string }>)[0]?.username;
    if (!next) throw new Error(`completedRequest: nobody to approve in ${detail.status.code}`);
    expectStatus(await client.act(token(next), id, 'approve'), 200, `approval by ${next}`);
  }
  const completed = expectStatus(await client.act(token('frank'), id, 'complete'), 200, 'complete');
  return { id, completed: completed.body };
}
