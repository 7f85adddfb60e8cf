import type { Knex } from 'knex';

/**
 * Audit rows are written by the transaction that makes the change, without a lock, and chained
 * shortly after by one chainer at a time (db/repositories/audit.repository.ts). Chaining inside every
 * transaction held one advisory lock from the append to the commit's WAL flush, so every audited
 * change in the system queued behind every other: `npm run bench` found most sessions of the P3 load
 * waiting on that lock. `chain_seq` is the chain's order (commit order as the chainer sees it; ids are
 * handed out before commit, so they are not).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE audit_logs ALTER COLUMN prev_hash DROP NOT NULL, ALTER COLUMN hash DROP NOT NULL');
  await knex.raw('ALTER TABLE audit_logs ADD COLUMN chain_seq bigint');
  await knex.raw('ALTER TABLE audit_logs DISABLE TRIGGER audit_logs_no_update');
  await knex.raw('UPDATE audit_logs SET chain_seq = id'); // rows so far were chained in id order
  await knex.raw('ALTER TABLE audit_logs ENABLE TRIGGER audit_logs_no_update');
  await knex.raw('CREATE UNIQUE INDEX audit_logs_chain_seq ON audit_logs (chain_seq)');
  await knex.raw('CREATE INDEX audit_logs_unchained ON audit_logs (id) WHERE hash IS NULL');
  // A row arrives unchained; only the chainer links it (an old appender that hashes itself is refused).
  await knex.raw(
    'ALTER TABLE audit_logs ADD CONSTRAINT audit_logs_chained_whole CHECK ((hash IS NULL) = (chain_seq IS NULL) AND (hash IS NULL) = (prev_hash IS NULL))',
  );
  await knex.raw(`
    CREATE FUNCTION audit_logs_arrive_unchained() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.hash IS NOT NULL OR NEW.prev_hash IS NOT NULL OR NEW.chain_seq IS NOT NULL THEN
        RAISE EXCEPTION 'audit rows are linked into the chain by the chainer, not by the writer';
      END IF;
      RETURN NEW;
    END $$`);
  await knex.raw(
    'CREATE TRIGGER audit_logs_unchained_insert BEFORE INSERT ON audit_logs FOR EACH ROW EXECUTE FUNCTION audit_logs_arrive_unchained()',
  );
  // Still append-only: the one update allowed is the chainer's, once, setting only the chain columns.
  await knex.raw(`
    CREATE OR REPLACE FUNCTION audit_logs_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'UPDATE' AND OLD.hash IS NULL AND NEW.hash IS NOT NULL AND NEW.chain_seq IS NOT NULL
         AND (to_jsonb(NEW) - 'hash' - 'prev_hash' - 'chain_seq') = (to_jsonb(OLD) - 'hash' - 'prev_hash' - 'chain_seq') THEN
        RETURN NEW;
      END IF;
      RAISE EXCEPTION 'audit_logs is append-only';
    END $$`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TRIGGER IF EXISTS audit_logs_unchained_insert ON audit_logs');
  await knex.raw('DROP FUNCTION IF EXISTS audit_logs_arrive_unchained()');
  await knex.raw('ALTER TABLE audit_logs DROP CONSTRAINT IF EXISTS audit_logs_chained_whole');
  await knex.raw(`
    CREATE OR REPLACE FUNCTION audit_logs_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'audit_logs is append-only'; END $$`);
  await knex.raw('DROP INDEX IF EXISTS audit_logs_unchained');
  await knex.raw('DROP INDEX IF EXISTS audit_logs_chain_seq');
  await knex.raw('ALTER TABLE audit_logs DROP COLUMN chain_seq');
}
