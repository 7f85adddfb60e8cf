import type { Knex } from 'knex';
import { AuditLog } from '../../../db/models';
import { fetchPage, type Page } from '../../../db/paging';
import { verifyAuditChain } from '../../../db/repositories/audit.repository';
import { applyOrdering } from '../../http/pagination';

export interface AuditFilters {
  page: number;
  page_size: number;
  ordering?: string;
  action?: string;
  resource_type?: string;
  resource_id?: string;
  user_id?: string;
  date_from?: Date;
  date_to?: Date;
}

/** One page of the audit log, oldest first unless `ordering=-timestamp`. */
export async function listAuditRows(knex: Knex, query: AuditFilters): Promise<Page<AuditLog>> {
  const builder = AuditLog.query(knex);
  if (query.action) builder.where('auditLogs.action', query.action);
  if (query.resource_type) builder.where('auditLogs.resourceType', query.resource_type);
  if (query.resource_id) builder.where('auditLogs.resourceId', query.resource_id);
  if (query.user_id) builder.where('auditLogs.actorUserId', query.user_id);
  if (query.date_from) builder.where('auditLogs.occurredAt', '>=', query.date_from);
  if (query.date_to) builder.where('auditLogs.occurredAt', '<=', query.date_to);
  applyOrdering(builder, query.ordering, { timestamp: 'auditLogs.id' }, 'timestamp', 'auditLogs.id');
  return fetchPage(builder, query.page, query.page_size);
}

/** Links what has committed into the hash chain, then walks it. */
export const verifyAudit = (knex: Knex) => verifyAuditChain(knex);

export function presentAuditRow(row: AuditLog) {
  return {
    id: Number(row.id),
    actor: { user_id: row.actorUserId, token_id: row.actorTokenId },
    action: row.action,
    resource_type: row.resourceType,
    resource_id: row.resourceId,
    old_values: row.oldValues,
    new_values: row.newValues,
    ip_address: row.ipAddress,
    user_agent: row.userAgent,
    request_id: row.requestId,
    timestamp: new Date(row.occurredAt).toISOString(),
    hash: row.hash,
  };
}
