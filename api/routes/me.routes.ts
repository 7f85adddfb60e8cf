import { z } from '../schemas/zod';
import { email, exampleScope, exampleUser, meSchema, personName } from '../schemas/identity.schemas';
import { defineRoute } from '../http/route';
import type { AppDeps } from '../app-deps';
import { findUserWithScopes } from '../../db/repositories/users.repository';
import { updateProfile } from '../identity/users';
import { presentMe } from '../presenters/identity.presenter';
import { NotFoundError } from '../http/errors';

const exampleMe = { ...exampleUser, access_scopes: [exampleScope] };

export function meRoutes(deps: AppDeps) {
  const loadMe = async (userId: string) => {
    const user = await findUserWithScopes(deps.knex, userId);
    if (!user) throw new NotFoundError();
    return presentMe(user);
  };
  return [
    defineRoute({
      method: 'get',
      path: '/me/',
      operationId: 'getMe',
      summary: 'The signed-in user with access scopes',
      tags: ['Me'],
      auth: 'user',
      responses: { 200: { description: 'The user', schema: meSchema, example: exampleMe } },
      handler: async ({ principal }) => ({ body: await loadMe(principal.userId) }),
    }),
    defineRoute({
      method: 'patch',
      path: '/me/',
      operationId: 'updateMe',
      summary: 'Update your name or e-mail address',
      description: 'Only `first_name`, `last_name` and `email` may be sent; any other field is refused with 400.',
      tags: ['Me'],
      auth: 'user',
      body: z.strictObject({ first_name: personName.optional(), last_name: personName.optional(), email: email.optional() }),
      bodyExample: { first_name: 'Alice', last_name: 'Andersen' },
      responses: { 200: { description: 'The updated user', schema: meSchema, example: exampleMe } },
      errors: [409],
      handler: async ({ principal, body }) => {
        await updateProfile(deps.knex, principal.userId, body);
        return { body: await loadMe(principal.userId) };
      },
    }),
  ];
}
