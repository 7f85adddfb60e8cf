// Workflow-safe: what workflows and activities say about tenants.

/**
 * Every workflow input and every activity command carries the tenant it works for (tenancy.md §4.3).
 * Optional only for executions started before tenants existed (decision 0036).
 */
export interface TenantScoped {
  tenantId?: string;
}
