import type { Modifiers, RelationMappings } from 'objection';
import { BaseModel } from './base.model';
import { Team } from './team.model';

export class WorkflowTemplateStep extends BaseModel {
  static override tableName = 'workflow_template_steps';

  id!: string;
  workflowTemplateId!: string;
  stepOrder!: number;
  stepName!: string;
  approverRole!: string;
  isFinanceReview!: boolean;
  /** NUMERIC columns arrive as decimal strings (db/knex.ts). */
  minAmount!: string | null;
  remindAfterHours!: string | null;
  escalateAfterHours!: string | null;
}

export class WorkflowTemplate extends BaseModel {
  static override tableName = 'workflow_templates';

  id!: string;
  familyId!: string;
  name!: string;
  versionNumber!: number;
  teamId!: string | null;
  isCurrent!: boolean;
  createdBy!: string | null;
  createdAt!: Date;
  team?: Team | null;
  steps?: WorkflowTemplateStep[];

  static override relationMappings = (): RelationMappings => ({
    team: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: Team,
      join: { from: 'workflow_templates.teamId', to: 'teams.id' },
    },
    steps: {
      relation: BaseModel.HasManyRelation,
      modelClass: WorkflowTemplateStep,
      join: { from: 'workflow_templates.id', to: 'workflow_template_steps.workflowTemplateId' },
      modify: (query) => query.orderBy('stepOrder'),
    },
  });

  static override modifiers: Modifiers = {
    current(query) {
      query.where('workflowTemplates.isCurrent', true);
    },
  };
}
