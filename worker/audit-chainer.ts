import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { chainAuditLog } from '../db/repositories/audit.repository';

/**
 * Links new audit rows into the hash chain every `everyMs` (db/repositories/audit.repository.ts).
 * Every worker runs one; the database lets one chain at a time and the others skip that round.
 * Answers a stop function that waits for a round in progress.
 */
export function startAuditChainer(knex: Knex, logger: Logger, everyMs = 1000): () => Promise<void> {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const round = async () => {
    try {
      while (!stopped && (await chainAuditLog(knex)) > 0); // drain a backlog before sleeping
    } catch (error) {
      logger.warn({ err: { message: (error as Error).message } }, 'audit chaining failed; retrying next round');
    }
  };
  const timer = setInterval(() => {
    running = running.then(round);
  }, everyMs);
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
