import knexFactory, { type Knex } from 'knex';
import { knexSnakeCaseMappers } from 'objection';
import path from 'node:path';
import pg from 'pg';

// NUMERIC stays a string (money is never a float); BIGINT counts fit in a JS number here.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export const migrationsDir = path.join(__dirname, 'migrations');

export function knexConfig(url: string, poolMax = 10): Knex.Config {
  return {
    client: 'pg',
    connection: { connectionString: url, application_name: 'procurement' },
    pool: { min: 0, max: poolMax },
    acquireConnectionTimeout: 10_000,
    migrations: { directory: migrationsDir, loadExtensions: ['.ts', '.js'], tableName: 'knex_migrations' },
    ...knexSnakeCaseMappers(),
  };
}

/**
 * Models are deliberately not bound to a global knex: every query names its knex or transaction
 * (`User.query(knex)`), so tests can run several apps in one process and a forgotten one fails loudly.
 */
export function createKnex(url: string, poolMax = 10): Knex {
  return knexFactory(knexConfig(url, poolMax));
}
