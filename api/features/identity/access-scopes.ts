import type { Knex } from 'knex';
import { AccessScope, Role, Team, User } from '../../../db/models';
import { ConflictError, NotFoundError, ValidationError } from '../../http/errors';

/** What a service account may hold: raising requests, never deciding on them. */
export const SERVICE_ACCOUNT_ROLES = ['INITIATOR'];

export async function listScopes(knex: Knex, userId: string): Promise<AccessScope[]> {
  return await AccessScope.query(knex)
    .where({ userId })
    .withGraphJoined('[team, role]')
    .orderBy('access_scopes.createdAt');
}

/** Grants a role in a team (or in every team when `team` is null); the same grant twice is a 409. */
export async function grantScope(
  knex: Knex,
  userId: string,
  teamId: string | null,
  roleCode: string,
): Promise<AccessScope> {
  const user = await User.query(knex).findById(userId);
  if (!user) throw new NotFoundError();
  if (user.isServiceAccount && !SERVICE_ACCOUNT_ROLES.includes(roleCode)) {
    throw ValidationError.field(
      'role',
      `A service account may hold only ${SERVICE_ACCOUNT_ROLES.join(', ')}: it never approves, reviews finance or manages orders.`,
    );
  }
  const errors: Record<string, string[]> = {};
  if (!(await Role.query(knex).findById(roleCode))) errors.role = [`Unknown role "${roleCode}".`];
  if (teamId && !(await Team.query(knex).findById(teamId).modify('active')))
    errors.team = ['Unknown or inactive team.'];
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  const existing = await AccessScope.query(knex)
    .where({ userId, roleCode })
    .where((query) => {
      if (teamId) query.where({ teamId });
      else query.whereNull('teamId');
    })
    .first();
  if (existing) throw new ConflictError('The user already holds this access scope.');
  const scope = await AccessScope.query(knex).insert({ userId, teamId, roleCode });
  return (await AccessScope.query(knex).findById(scope.id).withGraphJoined('[team, role]')) as AccessScope;
}

export async function revokeScope(knex: Knex, userId: string, scopeId: string): Promise<void> {
  const deleted = await AccessScope.query(knex).where({ id: scopeId, userId }).delete();
  if (deleted === 0) throw new NotFoundError();
}
