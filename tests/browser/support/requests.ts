import { ApiClient, expectStatus, fetchTransport } from '../../kit/api-client';
import { teamId } from '../../support/requests';
import type { BrowserStack } from './browser-stack';

/** Arranges a submitted Marketing request through the API (the screens under test come after). */
export async function submittedRequest(
  stack: BrowserStack,
  input: { subject: string; amount: string; vendor?: string },
): Promise<string> {
  const client = new ApiClient(fetchTransport(stack.baseUrl));
  const { access } = await client.signIn('alice');
  const id = await client.createDraft(access, { team: await teamId(stack.h, 'Marketing'), ...input });
  expectStatus(await client.act(access, id, 'submit'), 200, 'submit');
  return id;
}
