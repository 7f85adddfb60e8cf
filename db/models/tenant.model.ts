import { BaseModel } from './base.model';

/** An organisation the service serves; every user belongs to one (tenancy.md §4.1, issue 15). */
export class Tenant extends BaseModel {
  static override tableName = 'tenants';

  id!: string;
  name!: string;
  domain!: string | null;
  slug!: string;
  settings!: Record<string, unknown>;
  rateLimitPerHour!: number | null;
  isActive!: boolean;
  createdAt!: Date;
  updatedAt!: Date;
  deactivatedAt!: Date | null;
}
