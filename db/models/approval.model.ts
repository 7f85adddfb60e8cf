import type { RelationMappings } from 'objection';
import { BaseModel } from './base.model';
import { ApiToken } from './api-token.model';
import { User } from './user.model';
import { WorkflowTemplateStep } from './workflow-template.model';

export type ApprovalAction =
  'SUBMIT' | 'APPROVE' | 'REJECT' | 'RESUBMIT' | 'WITHDRAW' | 'COMPLETE' | 'REMIND' | 'ESCALATE';

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
  /** The API token the actor decided with, if any ("via API token <name>"). */
  apiTokenId!: string | null;
  createdAt!: Date;
  actor?: User | null;
  apiToken?: ApiToken | null;
  step?: WorkflowTemplateStep | null;

  static override relationMappings = (): RelationMappings => ({
    actor: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: User,
      join: { from: 'approvals.actorId', to: 'users.id' },
    },
    apiToken: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: ApiToken,
      join: { from: 'approvals.apiTokenId', to: 'api_tokens.id' },
    },
    step: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: WorkflowTemplateStep,
      join: { from: 'approvals.stepId', to: 'workflow_template_steps.id' },
    },
  });
}
