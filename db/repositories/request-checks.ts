import type { Knex } from 'knex';
import { convertMoney } from '../../contracts/money';
import type { RequestStatus } from '../../contracts/purchase-requests';
import { missingForSubmit } from '../../contracts/request-completeness';
import { RequestIncompleteError, RequestMissingError, RequestStateConflictError } from './request-errors';

// What a request must satisfy before a change goes through: its row lock and state, completeness
// for a submit, and an amount the approval thresholds can be compared with.

/**
 * How amounts meet approval thresholds: thresholds are in `currency` (DEFAULT_CURRENCY); a request in
 * another currency is converted at `rates` (one unit's value in `currency`), or cannot be routed.
 */
export interface Routing {
  currency: string;
  rates: Record<string, string>;
}

/** The amount in the routing currency, or null when no rate converts the request's currency. */
export function routingAmount(amount: string, currency: string, routing: Routing): string | null {
  if (currency === routing.currency) return amount;
  const rate = Object.hasOwn(routing.rates, currency) ? routing.rates[currency] : undefined;
  return rate ? convertMoney(amount, rate) : null;
}

export function routeOrRefuse(amount: string, currency: string, routing: Routing): string {
  const routed = routingAmount(amount, currency, routing);
  if (routed === null) {
    const message = `Approval thresholds are in ${routing.currency} and no exchange rate is configured for ${currency}: use ${routing.currency}${Object.keys(routing.rates).length ? ` or one of ${Object.keys(routing.rates).join(', ')}` : ''}.`;
    throw new RequestIncompleteError({ currency: [message] }, message);
  }
  return routed;
}

/**
 * Takes the request's row lock and answers its row while it is in one of `statuses`; otherwise
 * RequestStateConflictError (or RequestMissingError). Attachment changes go through here, so they
 * serialise with edits and submits and never land on a submitted request.
 */
export async function lockRequestIn(trx: Knex.Transaction, requestId: string, statuses: RequestStatus[]) {
  const row = await trx('purchaseRequests')
    .where({ id: requestId })
    .forUpdate()
    .first('id', 'status', 'formTemplateId', 'fieldValues');
  if (!row) throw new RequestMissingError(`purchase request ${requestId} does not exist`);
  if (!statuses.includes(row.status)) throw new RequestStateConflictError(`The request is ${row.status}.`);
  return row as {
    id: string;
    status: RequestStatus;
    formTemplateId: string;
    fieldValues: Record<string, string | boolean | null>;
  };
}

/** Refuses (RequestIncompleteError) unless the locked request has what its form requires. */
export async function assertComplete(
  trx: Knex.Transaction,
  request: { id: string; formTemplateId: string; fieldValues: Record<string, string | boolean | null> },
): Promise<void> {
  const template = await trx('formTemplates')
    .where({ id: request.formTemplateId })
    .first('requiredAttachmentCategories');
  const fields = await trx('formTemplateFields')
    .where({ formTemplateId: request.formTemplateId })
    .select('fieldId', 'required');
  const categories = (await trx('attachments').where({ requestId: request.id }).distinct('category')).map(
    (row: { category: string }) => row.category,
  );
  const errors = missingForSubmit(
    { fields, requiredAttachmentCategories: template?.requiredAttachmentCategories ?? [] },
    request.fieldValues ?? {},
    categories,
  );
  if (Object.keys(errors).length > 0) throw new RequestIncompleteError(errors);
}
