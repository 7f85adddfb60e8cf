import type { RelationMappings } from 'objection';
import { BaseModel } from './base.model';
import { User } from './user.model';
import { WorkflowTemplateStep } from './workflow-template.model';

export type ApprovalAction = 'SUBMIT' | 'APPROVE' | 'REJECT' | 'RESUBMIT' | 'WITHDRAW' | 'COMPLETE' | 'REMIND' | 'ESCALATE';

/** One row of a request's approval history. */
export class Approval extends BaseModel {
  static override tableName = 'approvals';

  id!: string;
  requestId!: string;
  round!: number;
  stepId!: string | null;
  actorId!: string | null;
  action!: ApprovalAction;
  comment!: string;
  operationKey!: string;
  createdAt!: Date;
  actor?: User | null;
  step?: WorkflowTemplateStep | null;

  static override relationMappings = (): RelationMappings => ({
    actor: { relation: BaseModel.BelongsToOneRelation, modelClass: User, join: { from: 'approvals.actorId', to: 'users.id' } },
    step: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: WorkflowTemplateStep,
      join: { from: 'approvals.stepId', to: 'workflow_template_steps.id' },
    },
  });
}
