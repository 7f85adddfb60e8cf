import { z } from '../../http/zod';
import { booleanQuery, idParams, uuid } from '../../http/common.schemas';
import {
  accessScopeSchema,
  email,
  exampleScope,
  exampleUser,
  password,
  personName,
  roleCode,
  userSchema,
  username,
} from './identity.schemas';
import { defineRoute } from '../../http/route';
import { listQuery, presentPage, paginated } from '../../http/pagination';
import type { AppDeps } from '../../app-deps';
import { createUser, deactivateUser, findUser, listUsers, updateUser } from './users';
import { grantScope, listScopes, revokeScope } from './access-scopes';
import { presentScope, presentUser } from './identity.presenter';
import { refreshOpenSteps } from '../purchase-requests/approver-refresh';

const ordering = ['username', 'email', 'last_name', 'created_at', 'last_login_at'] as const;

export function userRoutes(deps: AppDeps) {
  return [
    defineRoute({
      method: 'get',
      path: '/users/',
      operationId: 'listUsers',
      scope: 'admin',
      summary: 'List users',
      description: '`search` matches username, e-mail, first and last name.',
      tags: ['Users'],
      auth: 'admin',
      query: listQuery(ordering, { is_active: booleanQuery, is_admin: booleanQuery, is_service_account: booleanQuery }),
      responses: {
        200: {
          description: 'A page of users',
          schema: paginated(userSchema),
          example: { count: 1, next: null, previous: null, results: [exampleUser] },
        },
      },
      handler: async ({ query, ctx, db }) => {
        const page = await listUsers(db, query);
        return { body: presentPage(ctx, deps.config.publicBaseUrl, page, query, presentUser) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/users/',
      operationId: 'createUser',
      scope: 'admin',
      summary: 'Create a user (or a service account for an integration)',
      description:
        'A person needs a `password`. A service account (`is_service_account: true`) has none: it cannot sign in, may hold only the INITIATOR role, and acts through API tokens an administrator creates for it.',
      tags: ['Users'],
      auth: 'admin',
      body: z.strictObject({
        username,
        email,
        password: password.optional().describe('Required unless is_service_account'),
        first_name: personName.optional(),
        last_name: personName.optional(),
        is_admin: z.boolean().optional(),
        is_service_account: z.boolean().optional(),
      }),
      bodyExample: {
        username: 'dave',
        email: 'dave@example.com',
        password: 'correct-horse-battery',
        first_name: 'Dave',
      },
      responses: { 201: { description: 'Created', schema: userSchema, example: exampleUser } },
      // A new person joins the tenant of the administrator who creates them.
      handler: async ({ body, principal, db }) => ({
        status: 201,
        body: presentUser(await createUser(db, principal.tenantId, body)),
      }),
    }),
    defineRoute({
      method: 'get',
      path: '/users/{id}/',
      operationId: 'getUser',
      scope: 'admin',
      summary: 'A user',
      tags: ['Users'],
      auth: 'admin',
      params: idParams,
      responses: { 200: { description: 'The user', schema: userSchema, example: exampleUser } },
      handler: async ({ params, db }) => ({ body: presentUser(await findUser(db, params.id)) }),
    }),
    defineRoute({
      method: 'patch',
      path: '/users/{id}/',
      operationId: 'updateUser',
      scope: 'admin',
      summary: 'Update a user',
      description:
        'Deactivating, demoting or setting a password ends the user’s sessions. You cannot deactivate or demote yourself (409).',
      tags: ['Users'],
      auth: 'admin',
      params: idParams,
      body: z.strictObject({
        email: email.optional(),
        first_name: personName.optional(),
        last_name: personName.optional(),
        is_active: z.boolean().optional(),
        is_admin: z.boolean().optional(),
        password: password.optional(),
      }),
      bodyExample: { last_name: 'Anderson-Smith', is_active: true },
      responses: { 200: { description: 'The updated user', schema: userSchema, example: exampleUser } },
      errors: [409],
      handler: async ({ params, body, principal, db }) => {
        await updateUser(db, principal.userId, params.id, body);
        if (body.is_active === false || body.is_admin === false)
          await refreshOpenSteps({ ...deps, knex: db }, params.id);
        return { body: presentUser(await findUser(db, params.id)) };
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/users/{id}/',
      operationId: 'deactivateUser',
      scope: 'admin',
      summary: 'Deactivate a user',
      description: 'Users are never deleted (their history stays); they can no longer log in and their sessions end.',
      tags: ['Users'],
      auth: 'admin',
      params: idParams,
      responses: { 204: { description: 'Deactivated' } },
      errors: [409],
      handler: async ({ params, principal, db }) => {
        await deactivateUser(db, principal.userId, params.id);
        await refreshOpenSteps({ ...deps, knex: db }, params.id);
        return { status: 204 };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/users/{id}/access-scopes/',
      operationId: 'listUserAccessScopes',
      scope: 'admin',
      summary: 'The access scopes of a user',
      tags: ['Users'],
      auth: 'admin',
      params: idParams,
      responses: { 200: { description: 'Scopes', schema: z.array(accessScopeSchema), example: [exampleScope] } },
      handler: async ({ params, db }) => {
        await findUser(db, params.id);
        return { body: (await listScopes(db, params.id)).map(presentScope) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/users/{id}/access-scopes/',
      operationId: 'grantAccessScope',
      scope: 'admin',
      summary: 'Grant a role in a team (or in every team with `team: null`)',
      tags: ['Users'],
      auth: 'admin',
      params: idParams,
      body: z.strictObject({ team: uuid.nullable(), role: roleCode }),
      bodyExample: { team: '7c9e6679-7425-40de-944b-e07fc1f90ae7', role: 'MANAGER' },
      responses: { 201: { description: 'Granted', schema: accessScopeSchema, example: exampleScope } },
      errors: [409],
      handler: async ({ params, body, db }) => {
        const scope = await grantScope(db, params.id, body.team, body.role);
        await refreshOpenSteps({ ...deps, knex: db }, params.id); // open steps of this role and team gain an approver
        return { status: 201, body: presentScope(scope) };
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/users/{id}/access-scopes/{scope_id}/',
      operationId: 'revokeAccessScope',
      scope: 'admin',
      summary: 'Remove an access scope',
      tags: ['Users'],
      auth: 'admin',
      params: z.strictObject({ id: uuid, scope_id: uuid }),
      responses: { 204: { description: 'Removed' } },
      handler: async ({ params, db }) => {
        // The steps it made them an approver of still list them: those are asked to resolve again.
        await revokeScope(db, params.id, params.scope_id);
        await refreshOpenSteps({ ...deps, knex: db }, params.id);
        return { status: 204 };
      },
    }),
  ];
}
