import { BaseModel } from './base.model';

/** An integrator's token: only its name and prefix are ever shown (the secret's hash stays here). */
export class ApiToken extends BaseModel {
  static override tableName = 'api_tokens';

  id!: string;
  name!: string;
  prefix!: string;
  userId!: string;
}
