import type { Knex } from 'knex';
import { Team } from '../../../db/models';
import { containsPattern, fetchPage, type Page } from '../../../db/paging';
import { definedOnly } from '../../../lib/defined-only';
import type { Principal } from '../../auth/principal';
import { NotFoundError, ValidationError } from '../../http/errors';
import { applyOrdering } from '../../http/pagination';

const orderColumns = { name: 'teams.name', created_at: 'teams.createdAt' };

export interface TeamFilters {
  page: number;
  page_size: number;
  ordering?: string;
  search?: string;
  is_active?: boolean;
}

export interface NewTeam {
  name: string;
  description?: string;
}

export interface TeamChanges {
  name?: string;
  description?: string;
  is_active?: boolean;
}

/** One page of teams: everyone sees active teams, admins also deactivated ones. */
export async function listTeams(knex: Knex, principal: Principal, query: TeamFilters): Promise<Page<Team>> {
  const builder = Team.query(knex);
  if (!principal.isAdmin) builder.modify('active');
  if (query.is_active !== undefined) builder.where('teams.isActive', query.is_active);
  if (query.search) builder.whereILike('teams.name', containsPattern(query.search));
  applyOrdering(builder, query.ordering, orderColumns, 'name', 'teams.id');
  return fetchPage(builder, query.page, query.page_size);
}

/** Inactive teams exist only for admins; everyone else gets 404. */
export async function findVisibleTeam(knex: Knex, principal: Principal, id: string): Promise<Team> {
  const team = await Team.query(knex).findById(id);
  if (!team || (!team.isActive && !principal.isAdmin)) throw new NotFoundError();
  return team;
}

export async function createTeam(knex: Knex, input: NewTeam): Promise<Team> {
  await assertNameFree(knex, input.name);
  return Team.query(knex).insertAndFetch({ name: input.name, description: input.description ?? '' });
}

/** Changes only what was sent; `is_active: true` restores a deactivated team. */
export async function updateTeam(knex: Knex, principal: Principal, id: string, changes: TeamChanges): Promise<Team> {
  await findVisibleTeam(knex, principal, id);
  await assertNameFree(knex, changes.name, id);
  return Team.query(knex).patchAndFetchById(id, {
    ...definedOnly({ name: changes.name, description: changes.description, isActive: changes.is_active }),
    updatedAt: new Date(),
  });
}

/** Soft delete: the team keeps its history and scopes. */
export async function deactivateTeam(knex: Knex, principal: Principal, id: string): Promise<void> {
  await findVisibleTeam(knex, principal, id);
  await Team.query(knex).findById(id).patch({ isActive: false, updatedAt: new Date() });
}

/** Team names are unique regardless of case. */
async function assertNameFree(knex: Knex, name: string | undefined, exceptId?: string): Promise<void> {
  if (name === undefined) return;
  const query = Team.query(knex).whereRaw('lower(name) = ?', [name.toLowerCase()]);
  if (exceptId) query.whereNot('id', exceptId);
  if (await query.first()) throw ValidationError.field('name', 'A team with that name already exists.');
}
