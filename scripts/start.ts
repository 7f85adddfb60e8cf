import 'dotenv/config';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { loadConfig, varDir } from '../config/config';
import { startOptions } from '../config/start-options';
import { createKnex } from '../db/knex';
import { tenantKnex } from '../db/tenant-scope';
import { DEMO_PASSWORD, demoUsers, seedDemoData } from '../db/seeds/demo-data';
import { startEmbeddedPostgres } from './lib/embedded-postgres';
import { spawnEntry, waitFor, waitForLine, type Service } from './lib/stack';
import { startDevServer } from './lib/temporal-dev-server';
import { buildWebApp, webBuildIsStale } from './lib/web-build';
import { submitDemoRequest } from './lib/demo-request';
import { runtimeDatabaseUrl } from './lib/databases';
import { migrateAsOwner } from '../db/runtime-role';

/**
 * `npm start`: everything a newcomer needs in one command. Components whose URL is not configured are
 * started here (embedded PostgreSQL, the Temporal dev server; e-mail goes to var/outbox/), then
 * migrations, demo data, the web app's build, the API and the worker; on an empty database, alice's
 * demo request is submitted so that bob has something in his inbox. The URLs and logins are printed last, once the API
 * answers /ready/ and the worker polls its task queue, so no start-up output scrolls them away.
 * Ctrl-C stops everything this script started.
 */
async function main(): Promise<void> {
  mkdirSync(varDir, { recursive: true });
  const env: NodeJS.ProcessEnv = { ...process.env };
  const stops: Array<() => Promise<void>> = [];
  const children: Service[] = [];
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say('stopping…');
    await Promise.all(children.map((child) => child.stop(30_000)));
    for (const stop of stops.reverse()) await stop().catch((error) => say(`stop failed: ${error}`));
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  try {
    const ports = startOptions(env); // the start-only variables, validated like every other
    if (!env.DATABASE_URL) {
      say('starting embedded PostgreSQL (var/postgres)…');
      const db = await startEmbeddedPostgres(varDir, ports.embeddedPostgresPort, say);
      // Migrations as the owner; the API and the worker as the runtime role (decision 0034).
      env.DATABASE_OWNER_URL = db.url;
      env.DATABASE_URL = runtimeDatabaseUrl(db.url);
      stops.push(db.stop);
    }
    const ownerUrl = env.DATABASE_OWNER_URL || (env.DATABASE_URL as string);
    if (ownerUrl === env.DATABASE_URL) {
      say('DATABASE_OWNER_URL is unset: the API and the worker connect as the schema owner (docs/configuration.md)');
    }
    let temporalUi = ports.temporalUiUrl;
    if (!env.TEMPORAL_ADDRESS) {
      say('starting the Temporal dev server (var/temporal.sqlite)…');
      const temporal = await startDevServer({
        port: ports.temporalDevPort,
        uiPort: ports.temporalDevUiPort,
        dbFilename: path.join(varDir, 'temporal.sqlite'),
      });
      env.TEMPORAL_ADDRESS = temporal.address;
      temporalUi = temporal.uiUrl;
      stops.push(temporal.stop);
    }
    const config = loadConfig(env); // fails fast, one line per bad variable

    const knex = createKnex(ownerUrl, 2);
    let demoTeam: string | undefined; // set when this start loaded the demo data into an empty database
    try {
      const migrations = await migrateAsOwner(knex, config.database.url);
      if (migrations.length) say(`migrated: ${migrations.join(', ')}`);
      if (config.env !== 'production') {
        const { created, tenantId } = await seedDemoData(knex, config.env);
        if (created) {
          say(`demo data loaded (${created} users)`);
          const demo = tenantKnex(knex, tenantId); // the owner, too, sees a tenant's rows only under it
          demoTeam = (await demo('teams').whereRaw('lower(name) = ?', ['marketing']).first())?.id;
        }
      }
    } finally {
      await knex.destroy();
    }

    if (webBuildIsStale()) {
      say('building the web app (web/dist)…');
      const { totalGzip } = buildWebApp();
      say(`web app built (${(totalGzip / 1024).toFixed(0)} KB gzip)`);
    }

    const print = (line: string) => console.log(line);
    // The processes get the runtime role's URL only, never the owner's.
    const runtimeEnv = { ...env } as Record<string, string>;
    delete runtimeEnv.DATABASE_OWNER_URL;
    for (const [name, entry] of [
      ['api', 'api/server.ts'],
      ['worker', 'worker/main.ts'],
    ] as const) {
      const service = spawnEntry(name, entry, runtimeEnv, print);
      void service.exited.then(() => {
        if (!stopping) {
          say(`${name} exited with code ${service.child.exitCode}; stopping everything`);
          void shutdown(service.child.exitCode ?? 1);
        }
      });
      children.push(service);
    }
    const [api, worker] = children as [Service, Service];
    const local = `http://127.0.0.1:${config.port}`;
    await Promise.all([
      waitFor(async () => (await fetch(`${local}/ready/`)).status === 200, api, 'the API', 180_000),
      waitForLine(worker.child, /worker started/, 'the worker', 300_000),
    ]);
    let demo: { id: string; subject: string } | undefined;
    if (demoTeam) {
      // The API logs each request as it answers; its line for the submission comes through the pipe
      // after the answer, so wait for it (when requests are logged): the welcome must stay last.
      const logged = ['trace', 'debug', 'info'].includes(config.logLevel)
        ? waitForLine(
            api.child,
            /"path":"\/api\/prs\/requests\/[0-9a-f-]+\/submit\/?"/,
            'the demo request',
            15_000,
          ).catch(() => undefined)
        : Promise.resolve();
      demo = await submitDemoRequest(local, demoTeam, DEMO_PASSWORD).catch((error: unknown) => {
        say(`the demo request could not be submitted: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
      });
      if (demo) await logged;
    }
    printWelcome(config.publicBaseUrl, temporalUi, config.mail.smtpUrl ? undefined : config.mail.outboxDir, demo);
  } catch (error) {
    say(error instanceof Error ? error.message : String(error));
    await shutdown(1);
  }
}

function printWelcome(
  baseUrl: string,
  temporalUi: string | undefined,
  outbox: string | undefined,
  demo: { id: string; subject: string } | undefined,
): void {
  const lines = [
    '',
    'Procurement service is running',
    `  Web app        ${baseUrl}/`,
    `  API            ${baseUrl}/api/`,
    `  Swagger UI     ${baseUrl}/api/docs/`,
    `  ReDoc          ${baseUrl}/api/redoc/`,
    `  Health         ${baseUrl}/health/   Ready ${baseUrl}/ready/`,
    temporalUi ? `  Temporal UI    ${temporalUi}` : '',
    outbox ? `  E-mail outbox  ${outbox}` : '',
    '',
    `Demo logins (password "${DEMO_PASSWORD}"): ${demoUsers.map((user) => user.username).join(', ')}`,
    demo
      ? `  alice's request "${demo.subject}" waits in bob's inbox: sign in as bob at ${baseUrl}/requests/${demo.id}`
      : `  open ${baseUrl}/, sign in as alice to raise a request, then as bob to approve it from the inbox`,
    `  curl -s ${baseUrl}/api/auth/token/ -H 'Content-Type: application/json' -d '{"username":"alice","password":"${DEMO_PASSWORD}"}'`,
    '',
    'Press Ctrl-C to stop everything.',
    '',
  ];
  console.log(lines.filter((line, index) => line !== '' || index === 0 || lines[index - 1] !== '').join('\n'));
}

function say(message: string): void {
  console.log(`[start] ${message}`);
}

void main();
