import type { Knex } from 'knex';
import { submitUpdate, type RequestState } from '../../../contracts/purchase-requests';
import { Attachment, PurchaseRequest } from '../../../db/models';
import { currentWorkflowTemplateFor, findFormTemplate } from '../../../db/repositories/templates.repository';
import { attachFiles, detachUnlessSubmitted } from '../attachments/attachments';
import type { FileStore } from '../attachments/storage';
import type { Principal } from '../../auth/principal';
import { ConflictError, ValidationError } from '../../http/errors';
import { toProblem } from '../../http/to-problem';
import type { UploadedFile } from '../../http/multipart';
import { missingForSubmit } from '../../../contracts/request-completeness';
import type { CallContext } from '../../../contracts/call-context';
import { findVisibleRequest, requireRequestor } from './request-access';
import { templateSnapshot, type RequestWorkflows } from './request-workflow';

export interface SubmitInput {
  comment?: string;
  files: UploadedFile[];
  category: string;
  call: CallContext;
}

/**
 * Submit (DRAFT → PENDING_APPROVAL, starting the workflow) or resubmit (REJECTED → RESUBMITTED, the
 * next round). Files sent with it are attached first; then required fields and attachment categories
 * are checked; the answer is the state the workflow reached.
 */
export async function submitRequest(
  deps: { knex: Knex; files: FileStore; workflows: RequestWorkflows },
  principal: Principal,
  id: string,
  input: SubmitInput,
): Promise<RequestState> {
  const request = await findVisibleRequest(deps.knex, id, principal);
  requireRequestor(request, principal, 'submit');
  if (request.status !== 'DRAFT' && request.status !== 'REJECTED') {
    throw new ConflictError(`Only a draft or a rejected request can be submitted; its status is ${request.status}.`);
  }
  // Files sent with a submit belong to it: when the submit is refused, they are taken away again.
  const attached =
    input.files.length > 0 ? await attachFiles(deps, request, principal, input.files, input.category) : [];
  try {
    await checkComplete(deps.knex, request);
    const args = { actorId: principal.userId, comment: input.comment, call: input.call };
    if (request.status === 'REJECTED') return await deps.workflows.update(id, submitUpdate, args);
    const template = await currentWorkflowTemplateFor(deps.knex, request.teamId);
    if (!template)
      throw new ConflictError('No workflow template applies to this team; ask an administrator to create one.');
    return await deps.workflows.submitFirst(
      {
        requestId: id,
        tenantId: principal.tenantId,
        requestorId: request.requestorId,
        template: templateSnapshot(template),
      },
      args,
    );
  } catch (error) {
    // Only a definite refusal takes the files away: after an outage or a timeout the submit may still
    // go through, and must find the files it came with.
    const { status } = toProblem(error).kind;
    if (status >= 400 && status < 500 && status !== 408 && status !== 429)
      await detachUnlessSubmitted(deps, id, attached);
    throw error;
  }
}

/**
 * The early answer to an incomplete submit (400 naming what is missing). The submit's own
 * transaction checks again with the request row locked: an edit racing the submit cannot slip by.
 */
async function checkComplete(knex: Knex, request: PurchaseRequest): Promise<void> {
  const template = await findFormTemplate(knex, request.formTemplateId);
  const categories = (await Attachment.query(knex).where({ requestId: request.id }).select('category')).map(
    (a) => a.category,
  );
  const errors = missingForSubmit(
    { fields: template?.fields ?? [], requiredAttachmentCategories: template?.requiredAttachmentCategories ?? [] },
    request.fieldValues,
    categories,
  );
  if (Object.keys(errors).length) throw new ValidationError(errors, 'The request is not complete enough to submit.');
}
