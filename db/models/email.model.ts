import { BaseModel } from './base.model';

export class Email extends BaseModel {
  static override tableName = 'emails';

  id!: string;
  messageId!: string;
  kind!: string;
  toAddress!: string;
  subject!: string;
  status!: 'pending' | 'sent';
  attempts!: number;
  lastError!: string | null;
  relatedType!: string | null;
  relatedId!: string | null;
  sentAt!: Date | null;
  createdAt!: Date;
  updatedAt!: Date;
}
