import { BaseModel } from './base.model';

export class RefreshToken extends BaseModel {
  static override tableName = 'refresh_tokens';

  id!: string;
  userId!: string;
  familyId!: string;
  tokenHash!: string;
  expiresAt!: Date;
  usedAt!: Date | null;
  revokedAt!: Date | null;
  revokedReason!: string | null;
  ipAddress!: string | null;
  userAgent!: string | null;
  createdAt!: Date;
}
