import pino from 'pino';
import { createApp } from '../../api/app';
import { createTemporalGateway } from '../../api/temporal/temporal-gateway';
import { loadConfig } from '../../config/config';
import { createKnex } from '../../db/knex';

/**
 * The OpenAPI document exactly as the API serves it, built without any service: knex and the Temporal
 * client connect on first use, and nothing here uses them. Its server is a public URL, not localhost.
 */
export async function offlineOpenApiDocument(publicBaseUrl = 'https://procurement.acme.test'): Promise<unknown> {
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_URL: 'postgres://lint@127.0.0.1:1/none',
    TEMPORAL_ADDRESS: '127.0.0.1:1',
    JWT_SECRET: 'x'.repeat(32),
    LOG_LEVEL: 'silent',
    PUBLIC_BASE_URL: publicBaseUrl,
  });
  const knex = createKnex(config.database.url, 1);
  const temporal = createTemporalGateway(config.temporal);
  try {
    return createApp({ config, knex, temporal, logger: pino({ level: 'silent' }) }).openApi;
  } finally {
    await Promise.all([knex.destroy(), temporal.close()]);
  }
}
