import type { Knex } from 'knex';
import type { ModelClass, Model } from 'objection';
import { AccessScope } from '../../../db/models';
import type { Principal } from '../../auth/principal';
import { ForbiddenError, ValidationError } from '../../http/errors';

/**
 * Who changes the catalogue (decision 0039): administrators, and procurement officers of any team;
 * everyone signed in reads it (requestors pick products for their requests).
 */
export async function mayManageCatalogue(
  knex: Knex,
  principal: Principal,
  refusal = 'Only procurement officers and administrators change the catalogue.',
): Promise<void> {
  if (principal.isAdmin) return;
  const officer = await AccessScope.query(knex)
    .where({ userId: principal.userId, roleCode: 'PROCUREMENT_OFFICER' })
    .first();
  if (!officer) throw new ForbiddenError(refusal);
}

/** The `authorize` of every route that changes the catalogue (decided before the body is read). */
export const authorizeCatalogueChange = ({ principal, db }: { principal: Principal; db: Knex }) =>
  mayManageCatalogue(db, principal);

/**
 * Refuses `value` for `column` when another row of the tenant holds it, whatever its case, as a 400
 * on `field` (a race past this check meets the unique index: 409).
 */
export async function assertFree<M extends Model>(
  knex: Knex,
  model: ModelClass<M>,
  column: string,
  value: string | undefined,
  field: string,
  message: string,
  exceptId?: string,
): Promise<void> {
  if (value === undefined) return;
  const query = model.query(knex).whereRaw('lower(??) = lower(?)', [column, value]);
  if (exceptId) query.whereNot('id', exceptId);
  if (await query.first()) throw ValidationError.field(field, message);
}

/** Refuses a reference to a row that does not exist in the tenant (or is inactive), as a 400 on `field`. */
export async function assertActive<M extends Model>(
  knex: Knex,
  model: ModelClass<M>,
  id: string | null | undefined,
  field: string,
  what: string,
): Promise<void> {
  if (!id) return;
  const row = (await model.query(knex).findById(id)) as (M & { isActive?: boolean }) | undefined;
  if (!row || row.isActive === false) throw ValidationError.field(field, `No active ${what} has this id.`);
}
