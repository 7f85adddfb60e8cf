import type { Modifiers, RelationMappings } from 'objection';
import { AccessScope } from './access-scope.model';
import { BaseModel } from './base.model';
import { Tenant } from './tenant.model';

export class User extends BaseModel {
  static override tableName = 'users';

  id!: string;
  /** The organisation this person belongs to; usernames and e-mail addresses are unique across all. */
  tenantId!: string;
  username!: string;
  email!: string;
  firstName!: string;
  lastName!: string;
  passwordHash!: string;
  isActive!: boolean;
  /** Administrator of their own tenant. */
  isAdmin!: boolean;
  /** An operator of the deployment, who will see every tenant. */
  isPlatformAdmin!: boolean;
  /** An integration's identity: no password, no sign-in, only the INITIATOR role; acts through API tokens. */
  isServiceAccount!: boolean;
  tokenVersion!: number;
  lastLoginAt!: Date | null;
  passwordChangedAt!: Date | null;
  createdAt!: Date;
  updatedAt!: Date;
  accessScopes?: AccessScope[];
  tenant?: Tenant;

  static override relationMappings = (): RelationMappings => ({
    accessScopes: {
      relation: BaseModel.HasManyRelation,
      modelClass: AccessScope,
      join: { from: 'users.id', to: 'access_scopes.userId' },
    },
    tenant: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: Tenant,
      join: { from: 'users.tenantId', to: 'tenants.id' },
    },
  });

  static override modifiers: Modifiers = {
    active(query) {
      query.where('users.isActive', true);
    },
  };
}
