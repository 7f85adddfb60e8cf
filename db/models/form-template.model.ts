import type { Modifiers, RelationMappings } from 'objection';
import { BaseModel } from './base.model';
import { Team } from './team.model';

export type FieldType = 'TEXT' | 'NUMBER' | 'DATE' | 'BOOLEAN' | 'SELECT';

export class FormTemplateField extends BaseModel {
  static override tableName = 'form_template_fields';

  id!: string;
  formTemplateId!: string;
  fieldId!: string;
  name!: string;
  fieldType!: FieldType;
  required!: boolean;
  order!: number;
  options!: string[];
}

export class FormTemplate extends BaseModel {
  static override tableName = 'form_templates';

  id!: string;
  familyId!: string;
  name!: string;
  versionNumber!: number;
  teamId!: string | null;
  isCurrent!: boolean;
  requiredAttachmentCategories!: string[];
  createdBy!: string | null;
  createdAt!: Date;
  team?: Team | null;
  fields?: FormTemplateField[];

  static override relationMappings = (): RelationMappings => ({
    team: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: Team,
      join: { from: 'form_templates.teamId', to: 'teams.id' },
    },
    fields: {
      relation: BaseModel.HasManyRelation,
      modelClass: FormTemplateField,
      join: { from: 'form_templates.id', to: 'form_template_fields.formTemplateId' },
      modify: (query) => query.orderBy('order').orderBy('fieldId'),
    },
  });

  static override modifiers: Modifiers = {
    current(query) {
      query.where('formTemplates.isCurrent', true);
    },
  };
}
