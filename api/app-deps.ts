import type { Knex } from 'knex';
import type { Config } from '../config/config';
import type { Logger } from '../lib/logger';
import type { TemporalGateway } from './temporal/temporal-gateway';

/** Everything the HTTP layer needs, built once by the entry point (or by a test). */
export interface AppDeps {
  config: Config;
  knex: Knex;
  logger: Logger;
  temporal: TemporalGateway;
}
