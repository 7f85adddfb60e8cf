import type { Knex } from 'knex';
import type { z } from 'zod';
import type { CallContext } from '../../../contracts/call-context';
import { amendUpdate, editableStatuses, type RequestEdit } from '../../../contracts/purchase-requests';
import { applyEdit } from '../../../db/repositories/request-transitions.repository';
import { RequestIncompleteError, RequestStateConflictError } from '../../../db/repositories/request-errors';
import { type Routing } from '../../../db/repositories/request-checks';
import { requireRoutableCurrency } from './currency';
import { findFormTemplate } from '../../../db/repositories/templates.repository';
import type { Principal } from '../../auth/principal';
import { ConflictError, ValidationError } from '../../http/errors';
import type { patchRequestBody } from './requests.schemas';
import { mergeFieldValues } from './field-values';
import { findVisibleRequest, requireRequestor } from './request-access';
import type { RequestWorkflows } from './request-workflow';

/**
 * PATCH: the requestor edits a DRAFT, REJECTED or RESUBMITTED request. A RESUBMITTED request has a
 * round under way, so its workflow saves the edit (only while nobody has acted) and restarts the round.
 */
export async function editRequest(
  deps: { knex: Knex; workflows: RequestWorkflows },
  principal: Principal,
  id: string,
  body: z.output<typeof patchRequestBody>,
  call: CallContext,
  routing: Routing,
): Promise<void> {
  if (body.currency !== undefined) requireRoutableCurrency(body.currency, routing);
  const request = await findVisibleRequest(deps.knex, id, principal);
  requireRequestor(request, principal, 'edit');
  if (!editableStatuses.includes(request.status)) {
    throw new ConflictError(
      `Only a draft, rejected or resubmitted request can be edited; its status is ${request.status}.`,
    );
  }
  const template = await findFormTemplate(deps.knex, request.formTemplateId);
  const edit: RequestEdit = {
    purchaseType: body.purchase_type,
    vendorName: body.vendor_name,
    vendorAccount: body.vendor_account,
    subject: body.subject,
    description: body.description,
    amount: body.amount,
    currency: body.currency,
    ...(body.field_values
      ? {
          fieldValues: mergeFieldValues(
            template!,
            request.fieldValues,
            body.field_values,
          ) as RequestEdit['fieldValues'],
        }
      : {}),
  };
  for (const field of Object.keys(edit) as Array<keyof RequestEdit>) if (edit[field] === undefined) delete edit[field];
  if (request.status === 'RESUBMITTED') {
    await deps.workflows.update(id, amendUpdate, { actorId: principal.userId, edit, call });
    return;
  }
  try {
    // A racing submit or decision wins: the edit applies only in the state it was checked in.
    await applyEdit(
      deps.knex,
      { requestId: id, actorId: principal.userId, edit, expectStatus: [request.status], call },
      routing,
    );
  } catch (error) {
    if (error instanceof RequestStateConflictError)
      throw new ConflictError('The request changed state while you were editing it; reload it and try again.');
    if (error instanceof RequestIncompleteError) throw new ValidationError(error.errors, error.message);
    throw error;
  }
}
