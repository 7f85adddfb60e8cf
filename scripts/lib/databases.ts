import { createKnex } from '../../db/knex';
import { seedDemoData } from '../../db/seeds/demo-data';

/** postgres://host/db from an admin URL with another database name. */
export function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Creates a database, migrates it and loads the demo data (tests, bench and fault runs). */
export async function createSeededDatabase(adminUrl: string, name: string): Promise<void> {
  const admin = createKnex(adminUrl, 1);
  try {
    await admin.raw(`CREATE DATABASE ${name}`);
  } finally {
    await admin.destroy();
  }
  const knex = createKnex(databaseUrl(adminUrl, name), 2);
  try {
    await knex.migrate.latest();
    await seedDemoData(knex, 'test');
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
