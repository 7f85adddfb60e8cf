import type { Knex } from 'knex';
import type { z } from 'zod';
import { amendUpdate, editableStatuses } from '../../contracts/purchase-requests';
import { PurchaseRequest } from '../../db/models';
import { findFormTemplate } from '../../db/repositories/templates.repository';
import type { Principal } from '../auth/principal';
import { ConflictError } from '../http/errors';
import type { patchRequestBody } from '../schemas/requests.schemas';
import { mergeFieldValues } from './field-values';
import { findVisibleRequest, requireRequestor } from './request-access';
import type { RequestWorkflows } from './request-workflow';

/**
 * PATCH: the requestor edits a DRAFT, REJECTED or RESUBMITTED request. Editing a RESUBMITTED one
 * asks its workflow first: allowed only while nobody has acted in the round, and the round restarts.
 */
export async function editRequest(
  deps: { knex: Knex; workflows: RequestWorkflows },
  principal: Principal,
  id: string,
  body: z.output<typeof patchRequestBody>,
): Promise<void> {
  const request = await findVisibleRequest(deps.knex, id, principal);
  requireRequestor(request, principal, 'edit');
  if (!editableStatuses.includes(request.status)) {
    throw new ConflictError(`Only a draft, rejected or resubmitted request can be edited; its status is ${request.status}.`);
  }
  const template = await findFormTemplate(deps.knex, request.formTemplateId);
  const fieldValues = mergeFieldValues(template!, request.fieldValues, body.field_values);
  if (request.status === 'RESUBMITTED') {
    await deps.workflows.update(id, amendUpdate, { actorId: principal.userId, amount: body.amount ?? request.amount });
  }
  const changed = await PurchaseRequest.query(deps.knex)
    .where({ id, status: request.status }) // a racing submit or decision wins; this edit then changes nothing
    .patch({
      ...(body.purchase_type !== undefined ? { purchaseType: body.purchase_type } : {}),
      ...(body.vendor_name !== undefined ? { vendorName: body.vendor_name } : {}),
      ...(body.vendor_account !== undefined ? { vendorAccount: body.vendor_account } : {}),
      ...(body.subject !== undefined ? { subject: body.subject } : {}),
      ...(body.description !== undefined ? { description: body.description } : {}),
      ...(body.amount !== undefined ? { amount: body.amount } : {}),
      ...(body.currency !== undefined ? { currency: body.currency } : {}),
      fieldValues,
      updatedAt: new Date(),
    });
  if (changed === 0) throw new ConflictError('The request changed state while you were editing it; reload it and try again.');
}
