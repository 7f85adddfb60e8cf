import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Knex } from 'knex';
import pino from 'pino';
import { createApp } from '../api/app';
import { createTemporalGateway } from '../api/temporal/temporal-gateway';
import { loadConfig } from '../config/config';
import { createKnex } from '../db/knex';
import type { Stack } from '../scripts/lib/stack';

/**
 * P1's query count: the real app in this process with the same configuration as the API process,
 * counting every statement its knex sends while it serves the list. It also keeps the list's SQL
 * (with its bindings) so the plan can be printed.
 */
export async function countQueriesPerList(stack: Stack, authorization: string, calls = 20) {
  const config = loadConfig({ ...stack.env, PORT: '0', PUBLIC_BASE_URL: 'http://127.0.0.1' });
  const knex = createKnex(config.database.url, 4);
  const temporal = createTemporalGateway(config.temporal);
  const { app } = createApp({ config, knex, logger: pino({ level: 'silent' }), temporal });
  const handle = app.callback(); // Koa answers its own errors: the promise never rejects
  const server = createServer((req, res) => void handle(req, res)).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const log: Array<{ sql: string; bindings: unknown[] }> = [];
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/prs/requests/?page=2&page_size=25`;
    // The first call reads the joined tables' column lists once per process (Objection's withGraphJoined).
    await (await fetch(url, { headers: { authorization } })).arrayBuffer();
    knex.on('query', (query: { sql: string; bindings?: unknown[] }) =>
      log.push({ sql: query.sql, bindings: query.bindings ?? [] }),
    );
    for (let i = 0; i < calls; i += 1) {
      const res = await fetch(url, { headers: { authorization } });
      if (res.status !== 200) throw new Error(`list answered ${res.status}`);
      await res.arrayBuffer();
    }
  } finally {
    server.close();
    await temporal.close();
    await knex.destroy();
  }
  // Transaction control and the tenant setting (decision 0036) are counted apart: the bar is about
  // the statements that read and write, and the report says how many of the others each call adds.
  const control = (query: { sql: string }) => /^(begin|commit|rollback)\b|set_config\(/i.test(query.sql.trim());
  const work = log.filter((query) => !control(query));
  const perCall = work.slice(-Math.round(work.length / calls));
  const list = perCall.find((query) => /from "purchase_requests"/i.test(query.sql) && /limit/i.test(query.sql));
  return {
    perRequest: Math.round((work.length / calls) * 100) / 100,
    controlPerRequest: Math.round(((log.length - work.length) / calls) * 100) / 100,
    log: perCall.map((query) => query.sql),
    sql: list ?? perCall.at(-1) ?? { sql: 'SELECT 1', bindings: [] },
  };
}

/** EXPLAIN (ANALYZE, BUFFERS) of the list query at 100 000 rows, as PostgreSQL prints it. */
export async function explainList(knex: Knex, query: { sql: string; bindings: unknown[] }): Promise<string[]> {
  // knex logs PostgreSQL's numbered placeholders ($1, $2, …, in order); knex.raw takes `?`.
  const sql = query.sql.replace(/\$\d+/g, '?');
  const result = await knex.raw(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, query.bindings as Knex.RawBinding[]);
  return (result.rows as Array<{ 'QUERY PLAN': string }>).map((row) => row['QUERY PLAN']);
}
