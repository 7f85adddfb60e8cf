// Workflow-safe: the search attributes the service sets, and the dev server registers at start.
import { defineSearchAttributeKey, SearchAttributeType, type SearchAttributePair } from '@temporalio/common';

/**
 * The tenant a workflow works for (tenancy.md §4.3): `TenantId = '…' AND ExecutionStatus = 'Running'`
 * finds a tenant's running executions (offboarding cancels them). Search attributes are stored
 * unencrypted, so only ids go in them, never names or other personal data.
 */
export const TENANT_ID = defineSearchAttributeKey('TenantId', SearchAttributeType.KEYWORD);

/** Every search attribute, as `temporal server start-dev --search-attribute` takes them. */
export const searchAttributeFlags = ['--search-attribute', 'TenantId=Keyword'];

/** The start option that tags an execution with its tenant (none for executions from before tenants). */
export function tenantSearchAttributes(tenantId: string | undefined): {
  typedSearchAttributes?: SearchAttributePair[];
} {
  return tenantId ? { typedSearchAttributes: [{ key: TENANT_ID, value: tenantId }] } : {};
}
