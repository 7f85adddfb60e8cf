import type { Modifiers, RelationMappings } from 'objection';
import { AccessScope } from './access-scope.model';
import { BaseModel } from './base.model';

export class User extends BaseModel {
  static override tableName = 'users';

  id!: string;
  username!: string;
  email!: string;
  firstName!: string;
  lastName!: string;
  passwordHash!: string;
  isActive!: boolean;
  isAdmin!: boolean;
  /** An integration's identity: no password, no sign-in, only the INITIATOR role; acts through API tokens. */
  isServiceAccount!: boolean;
  tokenVersion!: number;
  lastLoginAt!: Date | null;
  passwordChangedAt!: Date | null;
  createdAt!: Date;
  updatedAt!: Date;
  accessScopes?: AccessScope[];

  static override relationMappings = (): RelationMappings => ({
    accessScopes: {
      relation: BaseModel.HasManyRelation,
      modelClass: AccessScope,
      join: { from: 'users.id', to: 'access_scopes.userId' },
    },
  });

  static override modifiers: Modifiers = {
    active(query) {
      query.where('users.isActive', true);
    },
  };
}
