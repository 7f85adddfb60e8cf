import { createKnex } from '../../db/knex';
import { DEFAULT_RUNTIME_ROLE, migrateAsOwner, withRole } from '../../db/runtime-role';
import { seedDemoData } from '../../db/seeds/demo-data';

/** The runtime role's password on development, test and bench databases (ignored under trust auth). */
const DEV_RUNTIME_PASSWORD = 'procurement-app-dev';

/** postgres://host/db from an admin URL with another database name. */
export function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** The URL the API and the worker use for `database`: the runtime role's, not the owner's (decision 0034). */
export function runtimeDatabaseUrl(ownerUrl: string, database?: string): string {
  const url = database ? databaseUrl(ownerUrl, database) : ownerUrl;
  return withRole(url, DEFAULT_RUNTIME_ROLE, DEV_RUNTIME_PASSWORD);
}

/**
 * Creates a database, migrates it as the owner, grants the runtime role its rights and loads the demo
 * data (tests, bench and fault runs); the processes then connect with `runtimeDatabaseUrl`.
 */
export async function createSeededDatabase(
  adminUrl: string,
  name: string,
  options: { secondTenant?: boolean } = {},
): Promise<void> {
  const admin = createKnex(adminUrl, 1);
  try {
    await admin.raw(`CREATE DATABASE ${name}`);
  } finally {
    await admin.destroy();
  }
  const knex = createKnex(databaseUrl(adminUrl, name), 2);
  try {
    await migrateAsOwner(knex, runtimeDatabaseUrl(adminUrl, name));
    await seedDemoData(knex, 'test', options);
  } finally {
    await knex.destroy(); // a template must have no open connections to be cloned
  }
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const admin = createKnex(adminUrl, 1);
  try {
    await admin.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.destroy();
  }
}
