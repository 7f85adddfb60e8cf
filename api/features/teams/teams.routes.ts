import { z } from '../../http/zod';
import { booleanQuery, idParams, requiredText, text } from '../../http/common.schemas';
import { defineRoute } from '../../http/route';
import { listQuery, presentPage, paginated } from '../../http/pagination';
import type { AppDeps } from '../../app-deps';
import { exampleTeam, presentTeam, teamSchema } from './teams.presenter';
import { createTeam, deactivateTeam, findVisibleTeam, listTeams, updateTeam } from './teams';

const ordering = ['name', 'created_at'] as const;

export function teamRoutes(deps: AppDeps) {
  const teamBody = { name: requiredText(120), description: text(2000).optional() };

  return [
    defineRoute({
      method: 'get',
      path: '/prs/teams/',
      operationId: 'listTeams',
      scope: 'requests:read',
      summary: 'List teams',
      description: 'Everyone sees active teams; admins also see deactivated ones (filter with `is_active`).',
      tags: ['Teams'],
      auth: 'user',
      query: listQuery(ordering, { is_active: booleanQuery }),
      responses: {
        200: {
          description: 'A page of teams',
          schema: paginated(teamSchema),
          example: { count: 1, next: null, previous: null, results: [exampleTeam] },
        },
      },
      handler: async ({ query, ctx, principal, db }) => {
        const page = await listTeams(db, principal, query);
        return { body: presentPage(ctx, deps.config.publicBaseUrl, page, query, presentTeam) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/prs/teams/{id}/',
      operationId: 'getTeam',
      scope: 'requests:read',
      summary: 'A team',
      tags: ['Teams'],
      auth: 'user',
      params: idParams,
      responses: { 200: { description: 'The team', schema: teamSchema, example: exampleTeam } },
      handler: async ({ params, principal, db }) => ({
        body: presentTeam(await findVisibleTeam(db, principal, params.id)),
      }),
    }),
    defineRoute({
      method: 'post',
      path: '/prs/teams/',
      operationId: 'createTeam',
      scope: 'admin',
      summary: 'Create a team',
      tags: ['Teams'],
      auth: 'admin',
      body: z.strictObject(teamBody),
      bodyExample: { name: 'Operations', description: 'Facilities and logistics' },
      responses: { 201: { description: 'Created', schema: teamSchema, example: exampleTeam } },
      handler: async ({ body, db }) => {
        const team = await createTeam(db, body);
        return { status: 201, body: presentTeam(team) };
      },
    }),
    defineRoute({
      method: 'patch',
      path: '/prs/teams/{id}/',
      operationId: 'updateTeam',
      scope: 'admin',
      summary: 'Update a team',
      tags: ['Teams'],
      auth: 'admin',
      params: idParams,
      body: z.strictObject({
        name: teamBody.name.optional(),
        description: teamBody.description,
        is_active: z.boolean().optional(),
      }),
      bodyExample: { description: 'Campaigns, events, brand and PR' },
      responses: { 200: { description: 'The updated team', schema: teamSchema, example: exampleTeam } },
      handler: async ({ params, body, principal, db }) => {
        const team = await updateTeam(db, principal, params.id, body);
        return { body: presentTeam(team) };
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/prs/teams/{id}/',
      operationId: 'deactivateTeam',
      scope: 'admin',
      summary: 'Deactivate a team (soft delete)',
      description:
        'The team keeps its history and scopes but disappears for non-admins; PATCH `is_active: true` restores it.',
      tags: ['Teams'],
      auth: 'admin',
      params: idParams,
      responses: { 204: { description: 'Deactivated' } },
      handler: async ({ params, principal, db }) => {
        await deactivateTeam(db, principal, params.id);
        return { status: 204 };
      },
    }),
  ];
}
