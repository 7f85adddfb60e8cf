import { BaseModel } from './base.model';

export class Warehouse extends BaseModel {
  static override tableName = 'warehouses';
  id!: string;
  code!: string;
  name!: string;
  location!: string;
  capacity!: number | null;
  isActive!: boolean;
  createdAt!: Date;
  updatedAt!: Date;
}
