import { BaseModel } from './base.model';

export class AuditLog extends BaseModel {
  static override tableName = 'audit_logs';
  id!: number;
  occurredAt!: Date;
  actorUserId!: string | null;
  actorTokenId!: string | null;
  action!: string;
  resourceType!: string;
  resourceId!: string | null;
  oldValues!: Record<string, unknown> | null;
  newValues!: Record<string, unknown> | null;
  ipAddress!: string | null;
  userAgent!: string | null;
  requestId!: string | null;
  prevHash!: string;
  hash!: string;
}
