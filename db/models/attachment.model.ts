import { BaseModel } from './base.model';

export class Attachment extends BaseModel {
  static override tableName = 'attachments';

  id!: string;
  requestId!: string;
  filename!: string;
  category!: string;
  fileType!: string;
  fileSize!: number;
  sha256!: string;
  storageKey!: string;
  uploadedBy!: string;
  uploadDate!: Date;
}
