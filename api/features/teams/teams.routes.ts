import { z } from '../../http/zod';
import { booleanQuery, idParams, requiredText, text } from '../../http/common.schemas';
import { exampleTeam, teamSchema } from '../identity/identity.schemas';
import { defineRoute } from '../../http/route';
import { applyOrdering, listQuery, paginated, pageBody } from '../../http/pagination';
import { containsPattern } from '../../../db/paging';
import type { AppDeps } from '../../app-deps';
import type { Principal } from '../../auth/principal';
import { Team } from '../../../db/models';
import { presentTeam } from '../identity/identity.presenter';
import { NotFoundError, ValidationError } from '../../http/errors';

const ordering = ['name', 'created_at'] as const;
const orderColumns = { name: 'teams.name', created_at: 'teams.createdAt' };

export function teamRoutes(deps: AppDeps) {
  /** Inactive teams exist only for admins; everyone else gets 404. */
  const findVisible = async (id: string, principal: Principal) => {
    const team = await Team.query(deps.knex).findById(id);
    if (!team || (!team.isActive && !principal.isAdmin)) throw new NotFoundError();
    return team;
  };
  const assertNameFree = async (name: string | undefined, exceptId?: string) => {
    if (name === undefined) return;
    const query = Team.query(deps.knex).whereRaw('lower(name) = ?', [name.toLowerCase()]);
    if (exceptId) query.whereNot('id', exceptId);
    if (await query.first()) throw ValidationError.field('name', 'A team with that name already exists.');
  };
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
      handler: async ({ query, ctx, principal }) => {
        const builder = Team.query(deps.knex);
        if (!principal.isAdmin) builder.modify('active');
        if (query.is_active !== undefined) builder.where('teams.isActive', query.is_active);
        if (query.search) builder.whereILike('teams.name', containsPattern(query.search));
        applyOrdering(builder, query.ordering, orderColumns, 'name', 'teams.id');
        return { body: await pageBody(ctx, deps.config.publicBaseUrl, builder, query, presentTeam) };
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
      handler: async ({ params, principal }) => ({ body: presentTeam(await findVisible(params.id, principal)) }),
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
      handler: async ({ body }) => {
        await assertNameFree(body.name);
        const team = await Team.query(deps.knex).insertAndFetch({
          name: body.name,
          description: body.description ?? '',
        });
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
      handler: async ({ params, body, principal }) => {
        await findVisible(params.id, principal);
        await assertNameFree(body.name, params.id);
        const team = await Team.query(deps.knex).patchAndFetchById(params.id, {
          ...(body.name !== undefined ? { name: body.name } : {}),
          ...(body.description !== undefined ? { description: body.description } : {}),
          ...(body.is_active !== undefined ? { isActive: body.is_active } : {}),
          updatedAt: new Date(),
        });
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
      handler: async ({ params, principal }) => {
        await findVisible(params.id, principal);
        await Team.query(deps.knex).findById(params.id).patch({ isActive: false, updatedAt: new Date() });
        return { status: 204 };
      },
    }),
  ];
}
