import { type RelationMappings } from 'objection';
import { BaseModel } from './base.model';
import { Role } from './role.model';
import { Team } from './team.model';

export class AccessScope extends BaseModel {
  static override tableName = 'access_scopes';

  id!: string;
  userId!: string;
  teamId!: string | null;
  roleCode!: string;
  createdAt!: Date;
  team?: Team | null;
  role?: Role;

  static override relationMappings = (): RelationMappings => ({
    team: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: Team,
      join: { from: 'access_scopes.teamId', to: 'teams.id' },
    },
    role: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: Role,
      join: { from: 'access_scopes.roleCode', to: 'roles.code' },
    },
  });
}
