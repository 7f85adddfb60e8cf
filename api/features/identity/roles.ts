import type { Knex } from 'knex';
import { Role } from '../../../db/models';
import { ConflictError } from '../../http/errors';

export interface NewRole {
  code: string;
  name: string;
  description?: string;
}

/** Every role, by code: roles are reference data, few enough not to paginate. */
export async function listRoles(knex: Knex): Promise<Role[]> {
  return await Role.query(knex).orderBy('code');
}

/** Defines a new role code for workflow steps; a code that exists already is a 409. */
export async function createRole(knex: Knex, input: NewRole): Promise<Role> {
  if (await Role.query(knex).findById(input.code)) throw new ConflictError(`Role ${input.code} already exists.`);
  return Role.query(knex).insertAndFetch({
    code: input.code,
    name: input.name,
    description: input.description ?? '',
  });
}
