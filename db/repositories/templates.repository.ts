import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { StepSnapshot } from '../../contracts/purchase-requests';
import { FormTemplate, WorkflowTemplate, type FieldType } from '../models';

export interface FormTemplateDraft {
  name: string;
  teamId: string | null;
  fields: Array<{
    fieldId: string;
    name: string;
    fieldType: FieldType;
    required: boolean;
    order: number;
    options: string[];
  }>;
  requiredAttachmentCategories: string[];
  createdBy: string | null;
}

export interface WorkflowTemplateDraft {
  name: string;
  teamId: string | null;
  /** A step as the workflow will carry it, before it has an id. */
  steps: Array<Omit<StepSnapshot, 'id'>>;
  createdBy: string | null;
}

/**
 * Saves a template version: version 1 of a new family, or the next version of `familyId`, which
 * becomes current. Older versions stay, unchanged, for the requests that pinned them.
 */
async function nextVersion(trx: Knex.Transaction, table: string, familyId: string | undefined) {
  if (!familyId) return { familyId: randomUUID(), versionNumber: 1 };
  // Row locks serialise two concurrent new versions of one family.
  const rows = await trx(table).where({ familyId }).forUpdate().select('versionNumber');
  await trx(table).where({ familyId, isCurrent: true }).update({ isCurrent: false });
  return {
    familyId,
    versionNumber: Math.max(0, ...rows.map((row: { versionNumber: number }) => row.versionNumber)) + 1,
  };
}

export async function saveFormTemplate(knex: Knex, draft: FormTemplateDraft, familyId?: string): Promise<string> {
  return knex.transaction(async (trx) => {
    const version = await nextVersion(trx, 'formTemplates', familyId);
    const id = familyId ? randomUUID() : version.familyId;
    await trx('formTemplates').insert({
      id,
      ...version,
      name: draft.name,
      teamId: draft.teamId,
      requiredAttachmentCategories: JSON.stringify(draft.requiredAttachmentCategories),
      createdBy: draft.createdBy,
    });
    if (draft.fields.length > 0) {
      await trx('formTemplateFields').insert(
        draft.fields.map((field) => ({ ...field, options: JSON.stringify(field.options), formTemplateId: id })),
      );
    }
    return id;
  });
}

export async function saveWorkflowTemplate(
  knex: Knex,
  draft: WorkflowTemplateDraft,
  familyId?: string,
): Promise<string> {
  return knex.transaction(async (trx) => {
    const version = await nextVersion(trx, 'workflowTemplates', familyId);
    const id = familyId ? randomUUID() : version.familyId;
    await trx('workflowTemplates').insert({
      id,
      ...version,
      name: draft.name,
      teamId: draft.teamId,
      createdBy: draft.createdBy,
    });
    await trx('workflowTemplateSteps').insert(draft.steps.map((step) => ({ ...step, workflowTemplateId: id })));
    return id;
  });
}

export function findFormTemplate(knex: Knex, id: string) {
  return FormTemplate.query(knex).findById(id).withGraphFetched('[team, fields]');
}

export function findWorkflowTemplate(knex: Knex, id: string) {
  return WorkflowTemplate.query(knex).findById(id).withGraphFetched('[team, steps]');
}

/** A team's current template: its own if it has one, else the newest one for every team. */
export function currentFormTemplateFor(knex: Knex, teamId: string) {
  return FormTemplate.query(knex)
    .modify('current')
    .where((q) => {
      q.where('teamId', teamId).orWhereNull('teamId');
    })
    .orderByRaw('team_id IS NULL')
    .orderBy('createdAt', 'desc')
    .first();
}

export function currentWorkflowTemplateFor(knex: Knex, teamId: string) {
  return WorkflowTemplate.query(knex)
    .modify('current')
    .where((q) => {
      q.where('teamId', teamId).orWhereNull('teamId');
    })
    .orderByRaw('team_id IS NULL')
    .orderBy('createdAt', 'desc')
    .withGraphFetched('steps')
    .first();
}
