import type { Knex } from 'knex';

/**
 * The kept request totals (migration 0011) without a hot row: the trigger now appends a delta row per
 * change instead of updating the (team, requestor, status) total, which made every status change of
 * one requestor's requests wait for the previous one's commit (`npm run bench`, P3: most active
 * sessions waited on those rows). The worker folds deltas into the totals every second
 * (compactRequestCounts); a total is the sum over both tables, exact at any moment.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE purchase_request_count_deltas (
      id bigserial PRIMARY KEY,
      team_id uuid NOT NULL,
      requestor_id uuid NOT NULL,
      status varchar(32) NOT NULL,
      delta integer NOT NULL
    )`);
  await knex.raw(`
    CREATE OR REPLACE FUNCTION purchase_request_counts_track() RETURNS trigger AS $$
    BEGIN
      IF TG_OP IN ('UPDATE', 'DELETE') THEN
        INSERT INTO purchase_request_count_deltas (team_id, requestor_id, status, delta) VALUES (OLD.team_id, OLD.requestor_id, OLD.status, -1);
      END IF;
      IF TG_OP IN ('UPDATE', 'INSERT') THEN
        INSERT INTO purchase_request_count_deltas (team_id, requestor_id, status, delta) VALUES (NEW.team_id, NEW.requestor_id, NEW.status, 1);
      END IF;
      RETURN NULL;
    END
    $$ LANGUAGE plpgsql`);
  await knex.raw('DROP FUNCTION IF EXISTS purchase_request_counts_apply(uuid, uuid, varchar, integer)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    INSERT INTO purchase_request_counts (team_id, requestor_id, status, n)
    SELECT team_id, requestor_id, status, sum(delta) FROM purchase_request_count_deltas GROUP BY 1, 2, 3
    ON CONFLICT (team_id, requestor_id, status) DO UPDATE SET n = purchase_request_counts.n + EXCLUDED.n`);
  await knex.raw(`
    CREATE OR REPLACE FUNCTION purchase_request_counts_track() RETURNS trigger AS $$
    BEGIN
      IF TG_OP IN ('UPDATE', 'DELETE') THEN
        INSERT INTO purchase_request_counts (team_id, requestor_id, status, n) VALUES (OLD.team_id, OLD.requestor_id, OLD.status, -1)
        ON CONFLICT (team_id, requestor_id, status) DO UPDATE SET n = purchase_request_counts.n - 1;
      END IF;
      IF TG_OP IN ('UPDATE', 'INSERT') THEN
        INSERT INTO purchase_request_counts (team_id, requestor_id, status, n) VALUES (NEW.team_id, NEW.requestor_id, NEW.status, 1)
        ON CONFLICT (team_id, requestor_id, status) DO UPDATE SET n = purchase_request_counts.n + 1;
      END IF;
      RETURN NULL;
    END
    $$ LANGUAGE plpgsql`);
  await knex.raw('DROP TABLE IF EXISTS purchase_request_count_deltas');
}
