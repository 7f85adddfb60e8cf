import type { Modifiers } from 'objection';
import { BaseModel } from './base.model';

export class Team extends BaseModel {
  static override tableName = 'teams';

  id!: string;
  name!: string;
  description!: string;
  isActive!: boolean;
  createdAt!: Date;
  updatedAt!: Date;

  static override modifiers: Modifiers = {
    active(query) {
      query.where('teams.isActive', true);
    },
  };
}
