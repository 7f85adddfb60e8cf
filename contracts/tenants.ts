// Workflow-safe: what workflows and activities say about tenants.

/**
 * Every workflow input and every activity command carries the tenant it works for (tenancy.md §4.3).
 * Optional only for executions started before tenants existed (decision 0036).
 */
export interface TenantScoped {
  tenantId?: string;
}

export const TENANT_OFFBOARD_WORKFLOW = 'tenantOffboardWorkflow';

/** A per-tenant singleton: the tenant is in its id (tenancy.md §4.3). */
export function tenantOffboardWorkflowId(tenantId: string): string {
  return `tenant-offboard-${tenantId}`;
}

export interface TenantOffboardInput {
  /** The deactivated tenant (named so that no activity runs under it by accident). */
  offboardedTenantId: string;
}
