import type { RelationMappings } from 'objection';
import type { RequestStatus } from '../../contracts/purchase-requests';
import { Approval } from './approval.model';
import { Attachment } from './attachment.model';
import { BaseModel } from './base.model';
import { FormTemplate } from './form-template.model';
import { PurchaseOrder } from './purchase-order.model';
import { Team } from './team.model';
import { User } from './user.model';
import { WorkflowTemplate, WorkflowTemplateStep } from './workflow-template.model';

export type FieldValue = string | boolean | null;

export class PurchaseRequest extends BaseModel {
  static override tableName = 'purchase_requests';

  id!: string;
  requestorId!: string;
  teamId!: string;
  formTemplateId!: string;
  workflowTemplateId!: string | null;
  status!: RequestStatus;
  currentStepId!: string | null;
  vendorName!: string;
  vendorAccount!: string;
  subject!: string;
  description!: string;
  purchaseType!: 'GOODS' | 'SERVICES';
  amount!: string;
  currency!: string;
  fieldValues!: Record<string, FieldValue>;
  round!: number;
  escalated!: boolean;
  rejectionComment!: string | null;
  submittedAt!: Date | null;
  completedAt!: Date | null;
  createdAt!: Date;
  updatedAt!: Date;

  requestor?: User;
  team?: Team;
  formTemplate?: FormTemplate;
  workflowTemplate?: WorkflowTemplate | null;
  currentStep?: WorkflowTemplateStep | null;
  approvals?: Approval[];
  attachments?: Attachment[];
  purchaseOrder?: PurchaseOrder | null;

  static override relationMappings = (): RelationMappings => ({
    requestor: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: User,
      join: { from: 'purchase_requests.requestorId', to: 'users.id' },
    },
    team: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: Team,
      join: { from: 'purchase_requests.teamId', to: 'teams.id' },
    },
    formTemplate: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: FormTemplate,
      join: { from: 'purchase_requests.formTemplateId', to: 'form_templates.id' },
    },
    workflowTemplate: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: WorkflowTemplate,
      join: { from: 'purchase_requests.workflowTemplateId', to: 'workflow_templates.id' },
    },
    currentStep: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: WorkflowTemplateStep,
      join: { from: 'purchase_requests.currentStepId', to: 'workflow_template_steps.id' },
    },
    approvals: {
      relation: BaseModel.HasManyRelation,
      modelClass: Approval,
      join: { from: 'purchase_requests.id', to: 'approvals.requestId' },
      modify: (query) => query.orderBy('createdAt').orderBy('id'),
    },
    purchaseOrder: {
      relation: BaseModel.HasOneRelation,
      modelClass: PurchaseOrder,
      join: { from: 'purchase_requests.id', to: 'purchase_orders.purchaseRequestId' },
    },
    attachments: {
      relation: BaseModel.HasManyRelation,
      modelClass: Attachment,
      join: { from: 'purchase_requests.id', to: 'attachments.requestId' },
      modify: (query) => query.orderBy('uploadDate').orderBy('id'),
    },
  });
}
