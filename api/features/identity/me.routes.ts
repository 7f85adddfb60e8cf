import { z } from '../../http/zod';
import { detailSchema } from '../../http/common.schemas';
import { email, exampleMe, meSchema, password, personName } from './identity.schemas';
import { defineRoute } from '../../http/route';
import type { AppDeps } from '../../app-deps';
import { createSecretBox } from '../../../lib/webhooks/secret-box';
import { updateProfile } from './users';
import { confirmEmail, requestEmailChange } from './email-change';
import { loadMe } from './me';
import { presentMeWithPendingEmail } from './identity.presenter';

const exampleMeNow = { ...exampleMe, pending_email: null };

export function meRoutes(deps: AppDeps) {
  const secretBox = createSecretBox(deps.config.auth.jwtSecret);
  return [
    defineRoute({
      method: 'get',
      path: '/me/',
      operationId: 'getMe',
      scope: null,
      summary: 'The signed-in user with access scopes',
      tags: ['Me'],
      auth: 'user',
      responses: { 200: { description: 'The user', schema: meSchema, example: exampleMeNow } },
      handler: async ({ principal, db }) => ({
        body: presentMeWithPendingEmail(await loadMe(db, principal.userId)),
      }),
    }),
    defineRoute({
      method: 'patch',
      path: '/me/',
      operationId: 'updateMe',
      scope: null,
      summary: 'Update your name, or ask to change your e-mail address',
      description:
        'Names change at once. A new `email` needs `current_password` and takes effect only once confirmed with the code sent to that address (`pending_email` shows it meanwhile; the current address is told). The answer is the same whether or not the address is used by another account: such an address never receives a code. Only `first_name`, `last_name`, `email` and `current_password` may be sent; any other field is a 400.',
      tags: ['Me'],
      auth: 'user',
      body: z.strictObject({
        first_name: personName.optional(),
        last_name: personName.optional(),
        email: email.optional(),
        current_password: password.optional(),
      }),
      bodyExample: { first_name: 'Alice', last_name: 'Andersen' },
      responses: {
        200: { description: 'You, with any e-mail change pending', schema: meSchema, example: exampleMeNow },
      },
      handler: async ({ principal, body, ctx, db }) => {
        if (body.email !== undefined)
          await requestEmailChange(
            { ...deps, knex: db, secretBox },
            principal,
            body.email,
            body.current_password,
            ctx.ip,
          );
        if (body.first_name !== undefined || body.last_name !== undefined)
          await updateProfile(db, principal.userId, body);
        return { body: presentMeWithPendingEmail(await loadMe(db, principal.userId)) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/me/email/confirm/',
      operationId: 'confirmEmailChange',
      scope: null,
      summary: 'Confirm a new e-mail address with the code sent to it',
      description:
        'Signed in as the account that asked. The code is valid for 24 hours, once; the previous address is told of the change.',
      tags: ['Me'],
      auth: 'user',
      body: z.strictObject({ token: z.string().min(1).max(200) }),
      bodyExample: { token: 'ec_the-code-from-the-e-mail' },
      errors: [409],
      responses: {
        200: { description: 'Changed', schema: detailSchema, example: { detail: 'Your e-mail address was changed.' } },
      },
      handler: async ({ principal, body, db }) => {
        await confirmEmail({ ...deps, knex: db }, principal, body.token);
        return { body: { detail: 'Your e-mail address was changed.' } };
      },
    }),
  ];
}
