import type { Knex } from 'knex';

/**
 * What `npm run bench` showed the request list needs at 100 000 rows (docs/performance.md):
 * - an index per ordering, so a page is an index range scan instead of a sort of every visible row;
 * - exact counts that do not grow with the table: per (team, requestor, status) totals kept by a
 *   trigger in the same transaction as the change, summed for admins' lists (at most a few hundred
 *   rows however many requests there are);
 * - rate-limit counters in an UNLOGGED table: every API call increments one, and a crash that loses
 *   the current window's counts is harmless, while WAL-logging them cost a flush per request.
 */
export async function up(knex: Knex): Promise<void> {
  for (const column of ['created_at', 'updated_at', 'submitted_at', 'amount']) {
    await knex.raw(`CREATE INDEX purchase_requests_${column}_order ON purchase_requests (${column}, id)`);
  }

  await knex.raw(`
    CREATE TABLE purchase_request_counts (
      team_id uuid NOT NULL,
      requestor_id uuid NOT NULL,
      status varchar(32) NOT NULL,
      n bigint NOT NULL,
      PRIMARY KEY (team_id, requestor_id, status)
    )`);
  await knex.raw(`
    CREATE FUNCTION purchase_request_counts_apply(t uuid, r uuid, s varchar, delta integer) RETURNS void AS $$
      INSERT INTO purchase_request_counts (team_id, requestor_id, status, n) VALUES (t, r, s, delta)
      ON CONFLICT (team_id, requestor_id, status) DO UPDATE SET n = purchase_request_counts.n + EXCLUDED.n
    $$ LANGUAGE sql`);
  // The two keys of an update are applied in a fixed order, so two transactions never wait on each other in a cycle.
  await knex.raw(`
    CREATE FUNCTION purchase_request_counts_track() RETURNS trigger AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN
        PERFORM purchase_request_counts_apply(NEW.team_id, NEW.requestor_id, NEW.status, 1);
      ELSIF TG_OP = 'DELETE' THEN
        PERFORM purchase_request_counts_apply(OLD.team_id, OLD.requestor_id, OLD.status, -1);
      ELSIF (OLD.team_id, OLD.requestor_id, OLD.status) < (NEW.team_id, NEW.requestor_id, NEW.status) THEN
        PERFORM purchase_request_counts_apply(OLD.team_id, OLD.requestor_id, OLD.status, -1);
        PERFORM purchase_request_counts_apply(NEW.team_id, NEW.requestor_id, NEW.status, 1);
      ELSE
        PERFORM purchase_request_counts_apply(NEW.team_id, NEW.requestor_id, NEW.status, 1);
        PERFORM purchase_request_counts_apply(OLD.team_id, OLD.requestor_id, OLD.status, -1);
      END IF;
      RETURN NULL;
    END
    $$ LANGUAGE plpgsql`);
  await knex.raw(`
    CREATE TRIGGER purchase_request_counts_on_write
    AFTER INSERT OR DELETE ON purchase_requests
    FOR EACH ROW EXECUTE FUNCTION purchase_request_counts_track()`);
  await knex.raw(`
    CREATE TRIGGER purchase_request_counts_on_update
    AFTER UPDATE OF team_id, requestor_id, status ON purchase_requests
    FOR EACH ROW WHEN ((OLD.team_id, OLD.requestor_id, OLD.status) IS DISTINCT FROM (NEW.team_id, NEW.requestor_id, NEW.status))
    EXECUTE FUNCTION purchase_request_counts_track()`);
  await knex.raw(`
    INSERT INTO purchase_request_counts (team_id, requestor_id, status, n)
    SELECT team_id, requestor_id, status, count(*) FROM purchase_requests GROUP BY 1, 2, 3`);

  await knex.raw('ALTER TABLE rate_limit_counters SET UNLOGGED');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE rate_limit_counters SET LOGGED');
  await knex.raw('DROP TRIGGER IF EXISTS purchase_request_counts_on_update ON purchase_requests');
  await knex.raw('DROP TRIGGER IF EXISTS purchase_request_counts_on_write ON purchase_requests');
  await knex.raw('DROP FUNCTION IF EXISTS purchase_request_counts_track()');
  await knex.raw('DROP FUNCTION IF EXISTS purchase_request_counts_apply(uuid, uuid, varchar, integer)');
  await knex.raw('DROP TABLE IF EXISTS purchase_request_counts');
  for (const column of ['created_at', 'updated_at', 'submitted_at', 'amount']) {
    await knex.raw(`DROP INDEX IF EXISTS purchase_requests_${column}_order`);
  }
}
