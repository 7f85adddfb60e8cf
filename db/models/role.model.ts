import { BaseModel } from './base.model';

export class Role extends BaseModel {
  static override tableName = 'roles';
  static override idColumn = 'code';

  code!: string;
  name!: string;
  description!: string;
  createdAt!: Date;
}
