import type { Knex } from 'knex';

/**
 * The idempotency of every change a workflow makes to a request: each carries a deterministic
 * operation key (`<workflow id>/<n>-<what>`), recorded in `request_operations` in the change's own
 * transaction. A retried activity finds its key and gets the result stored the first time, so a
 * retry changes nothing. (Orders use the same idea through their own operation keys, see
 * purchase-orders.repository.ts; API calls use Idempotency-Key, see api/http/idempotency.ts.)
 */
export interface Once<R> {
  /** False when the key had been applied before (a retried activity). */
  applied: boolean;
  result: R;
}

/**
 * Runs `apply` unless `key` was applied before, inside the caller's transaction. A result that is
 * not undefined is stored with the key and answered to every repeat (operations that store nothing
 * must not read the result of a repeat: it is the column's empty default).
 */
export async function once<R>(
  trx: Knex.Transaction,
  requestId: string,
  key: string,
  apply: () => Promise<R>,
): Promise<Once<R>> {
  const inserted = await trx('requestOperations')
    .insert({ operationKey: key, requestId })
    .onConflict('operationKey')
    .ignore()
    .returning('operationKey');
  if (inserted.length === 0) {
    const row = await trx('requestOperations').where({ operationKey: key }).first('result');
    return { applied: false, result: row.result as R };
  }
  const result = await apply();
  if (result !== undefined)
    await trx('requestOperations')
      .where({ operationKey: key })
      .update({ result: JSON.stringify(result) });
  return { applied: true, result };
}
