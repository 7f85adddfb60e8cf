import { createServer } from 'node:http';
import { loadConfigOrExit } from '../config/load';
import { createKnex } from '../db/knex';
import { createApp } from './app';
import { createLogger } from '../lib/logger';
import { createTemporalGateway } from './temporal/temporal-gateway';

/** `npm run api`: serves HTTP until SIGINT/SIGTERM, then stops accepting and drains open requests. */
function main(): void {
  const config = loadConfigOrExit();
  const logger = createLogger(config.logLevel, 'api');
  const knex = createKnex(config.database.url, config.database.poolMax);
  const temporal = createTemporalGateway(config.temporal);
  const { app } = createApp({ config, knex, logger, temporal });
  const handle = app.callback(); // Koa answers its own errors: the promise never rejects
  const server = createServer((req, res) => void handle(req, res));
  server.keepAliveTimeout = 65_000; // longer than common load balancers' idle timeout
  server.listen(config.port, () => logger.info({ port: config.port, url: config.publicBaseUrl }, 'api listening'));

  let stopping = false;
  // While draining, every answer closes its connection: keep-alive clients would otherwise keep a
  // busy connection open (and the server from closing) until the force timer.
  server.prependListener('request', (_req, res) => {
    if (stopping) res.setHeader('Connection', 'close');
  });
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'api draining');
    server.close(() => {
      void Promise.allSettled([knex.destroy(), temporal.close()]).then(() => {
        logger.info('api stopped');
        process.exit(0);
      });
    });
    server.closeIdleConnections();
    const idleSweep = setInterval(() => server.closeIdleConnections(), 250);
    idleSweep.unref();
    setTimeout(() => process.exit(1), 25_000).unref();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main();
