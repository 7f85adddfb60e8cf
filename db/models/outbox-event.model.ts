import { BaseModel } from './base.model';

/** An event written in the same transaction as the state change it describes (the outbox). */
export class OutboxEvent extends BaseModel {
  static override tableName = 'outbox_events';

  id!: string;
  type!: string;
  aggregateType!: string;
  aggregateId!: string;
  payload!: { id: string; type: string; timestamp: string; data: Record<string, unknown> };
  occurredAt!: Date;
  publishedAt!: Date | null;
}
