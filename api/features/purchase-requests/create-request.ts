import type { Knex } from 'knex';
import type { z } from 'zod';
import { PurchaseRequest, Team } from '../../../db/models';
import { currentFormTemplateFor, findFormTemplate } from '../../../db/repositories/templates.repository';
import type { Routing } from '../../../db/repositories/request-checks';
import { requireRoutableCurrency } from './currency';
import type { Principal } from '../../auth/principal';
import { ForbiddenError, ValidationError } from '../../http/errors';
import type { createRequestBody } from './requests.schemas';
import { mergeFieldValues } from './field-values';
import { holdsRole } from './request-access';

/** A new DRAFT: the caller must be an INITIATOR of the team; field values are checked against the form. */
export async function createRequest(
  knex: Knex,
  principal: Principal,
  body: z.output<typeof createRequestBody>,
  routing: Routing,
): Promise<string> {
  const currency = body.currency ?? routing.currency;
  requireRoutableCurrency(currency, routing);
  const team = await Team.query(knex).findById(body.team);
  if (!team || !team.isActive) throw ValidationError.field('team', 'No active team has this id.');
  if (!(await holdsRole(knex, principal.userId, 'INITIATOR', team.id))) {
    throw new ForbiddenError('Only an initiator of this team can create its purchase requests.');
  }
  // A request starts on the team's current form: an older version would skip what the current one requires.
  const template = await currentFormTemplateFor(knex, team.id);
  if (!template)
    throw ValidationError.field(
      'form_template',
      'No form template applies to this team; ask an administrator to create one.',
    );
  if (body.form_template && body.form_template !== template.id) {
    throw ValidationError.field(
      'form_template',
      `Requests of this team start on its current form, "${template.name}" v${template.versionNumber} (${template.id}); omit form_template or send that id.`,
    );
  }
  const withFields = template.fields ? template : await findFormTemplate(knex, template.id);
  const fieldValues = mergeFieldValues(withFields!, {}, body.field_values);
  const request = await PurchaseRequest.query(knex).insertAndFetch({
    requestorId: principal.userId,
    teamId: team.id,
    formTemplateId: template.id,
    status: 'DRAFT',
    purchaseType: body.purchase_type,
    vendorName: body.vendor_name,
    vendorAccount: body.vendor_account ?? '',
    subject: body.subject,
    description: body.description ?? '',
    amount: body.amount,
    currency,
    fieldValues,
  });
  return request.id;
}
