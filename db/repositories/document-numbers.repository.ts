import type { Knex } from 'knex';

/**
 * `<PREFIX>-<year>-<6 digits>`, counted per tenant, kind and year (sales now, goods receipts next): the
 * counter row is locked by the increment until the caller's transaction commits, so numbers are
 * unique and, for committed documents, without gaps. The database's clock decides the year.
 */
export async function nextDocumentNumber(trx: Knex.Transaction, prefix: 'SALE' | 'GR'): Promise<string> {
  const { rows } = (await trx.raw(
    `INSERT INTO document_counters (kind, year, last_value)
     VALUES (?, EXTRACT(YEAR FROM now() AT TIME ZONE 'UTC')::int, 1)
     ON CONFLICT (tenant_id, kind, year) DO UPDATE SET last_value = document_counters.last_value + 1
     RETURNING year, last_value`,
    [prefix],
  )) as { rows: Array<{ year: number; last_value: number }> };
  const row = rows[0] as { year: number; last_value: number };
  return `${prefix}-${row.year}-${String(row.last_value).padStart(6, '0')}`;
}
