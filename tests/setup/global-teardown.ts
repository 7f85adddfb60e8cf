import { rmSync } from 'node:fs';
import type { SMTPServer } from 'smtp-server';
import { createKnex } from '../../db/knex';
import type { DevServer } from '../../scripts/lib/temporal-dev-server';
import type { TestRun } from './test-run';

/** Stops what the global set-up started and drops every database this run created. */
export default async function globalTeardown(): Promise<void> {
  const state = (globalThis as { __procurementTest?: { run: TestRun; temporal: DevServer; smtp: SMTPServer } })
    .__procurementTest;
  if (!state) return;
  const { run, temporal, smtp } = state;
  await Promise.allSettled([temporal.stop(), new Promise((resolve) => smtp.close(() => resolve(undefined)))]);
  const admin = createKnex(run.adminDatabaseUrl, 1);
  try {
    const { rows } = await admin.raw('SELECT datname FROM pg_database WHERE datname LIKE ?', [
      `${run.databasePrefix}%`,
    ]);
    for (const { datname } of rows as Array<{ datname: string }>) {
      await admin.raw(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    }
  } finally {
    await admin.destroy();
  }
  rmSync(run.dir, { recursive: true, force: true });
}
