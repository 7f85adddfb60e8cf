import type { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { TENANT_ID } from '../contracts/search-attributes';

const ALREADY_EXISTS = 6; // gRPC status

/**
 * Registers the service's search attributes (TenantId) in the namespace when they are missing: a
 * Temporal server of its own (docker compose) has none, and starting a workflow with an unknown
 * attribute fails. `npm start` and the tests start the dev server with them already.
 */
export async function ensureSearchAttributes(connection: Connection, namespace: string): Promise<void> {
  try {
    await connection.operatorService.addSearchAttributes({
      namespace,
      searchAttributes: { [TENANT_ID.name]: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD },
    });
  } catch (error) {
    if ((error as { code?: number }).code !== ALREADY_EXISTS) throw error;
  }
}
