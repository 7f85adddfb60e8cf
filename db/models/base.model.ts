import { Model } from 'objection';

/** Columns are snake_case in SQL and camelCase here: knexSnakeCaseMappers (db/knex.ts) translates. */
export class BaseModel extends Model {
  static override useLimitInFirst = true;
}
