import knexFactory, { type Knex } from 'knex';
import { knexSnakeCaseMappers } from 'objection';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';

// NUMERIC stays a string (money is never a float); BIGINT counts fit in a JS number here.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export const migrationsDir = path.join(__dirname, 'migrations');

/**
 * Records migrations without their extension, so a database migrated from TypeScript (npm start, tests)
 * and later from the compiled JavaScript (the production image) agrees on what has run.
 */
class ExtensionlessMigrationSource implements Knex.MigrationSource<string> {
  constructor(private readonly directory: string) {}

  async getMigrations(): Promise<string[]> {
    const files = await readdir(this.directory);
    return files.filter((file) => /^\d+_[\w-]+\.(ts|js)$/.test(file) && !file.endsWith('.d.ts')).sort();
  }

  getMigrationName(file: string): string {
    return file.replace(/\.(ts|js)$/, '');
  }

  async getMigration(file: string): Promise<Knex.Migration> {
    // Migrations are CommonJS modules found at run time; require keeps tsx and compiled JS alike.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(path.join(this.directory, file)) as Knex.Migration;
  }
}

export function knexConfig(url: string, poolMax = 10): Knex.Config {
  return {
    client: 'pg',
    connection: { connectionString: url, application_name: 'procurement' },
    pool: { min: 0, max: poolMax },
    acquireConnectionTimeout: 10_000,
    migrations: { migrationSource: new ExtensionlessMigrationSource(migrationsDir), tableName: 'knex_migrations' },
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
