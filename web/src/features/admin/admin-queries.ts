import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';

export type User = components['schemas']['User'];
export type AccessScope = components['schemas']['AccessScope'];
export type FormTemplate = components['schemas']['FormTemplate'];
export type WorkflowTemplate = components['schemas']['WorkflowTemplate'];
export type AuditEntry = components['schemas']['AuditLogEntry'];

/** The API's largest page: reference lists (teams, the people an audit row names) fit in one. */
export const FULL_PAGE = 100;

export const adminKeys = {
  users: ['admin', 'users'] as const,
  userList: (query: object) => ['admin', 'users', 'list', query] as const,
  directory: ['admin', 'users', 'directory'] as const,
  user: (id: string) => ['admin', 'users', 'detail', id] as const,
  scopes: (id: string) => ['admin', 'scopes', id] as const,
  teams: ['admin', 'teams'] as const,
  teamList: (query: object) => ['admin', 'teams', query] as const,
  roles: ['admin', 'roles'] as const,
  formTemplates: ['admin', 'form-templates'] as const,
  formTemplate: (id: string) => ['admin', 'form-templates', 'detail', id] as const,
  workflowTemplates: ['admin', 'workflow-templates'] as const,
  workflowTemplate: (id: string) => ['admin', 'workflow-templates', 'detail', id] as const,
  audit: (query: object) => ['admin', 'audit', query] as const,
  verify: ['admin', 'audit-verify'] as const,
};

export function useRoles() {
  return useQuery({
    queryKey: adminKeys.roles,
    staleTime: 60_000,
    queryFn: async () => unwrap(await api.GET('/api/roles/')),
  });
}

/** Teams a scope can name: active ones only (the API refuses an inactive team). */
export function useActiveTeams() {
  const query = { is_active: true, page_size: FULL_PAGE, ordering: 'name' as const };
  return useQuery({
    queryKey: adminKeys.teamList(query),
    queryFn: async () => unwrap(await api.GET('/api/prs/teams/', { params: { query } })),
  });
}

/** Usernames by id, for the audit log's actor column and filter. */
export function useUserDirectory(enabled = true) {
  return useQuery({
    queryKey: adminKeys.directory,
    enabled,
    staleTime: 60_000,
    queryFn: async () =>
      unwrap(await api.GET('/api/users/', { params: { query: { page_size: FULL_PAGE, ordering: 'username' } } })),
  });
}

export function useAccessScopes(userId: string) {
  return useQuery({
    queryKey: adminKeys.scopes(userId),
    queryFn: async () => unwrap(await api.GET('/api/users/{id}/access-scopes/', { params: { path: { id: userId } } })),
  });
}

/** Every version of every form template, one page (grouped by template on screen). */
export function useFormTemplateVersions(page = 1, enabled = true) {
  const query = { all_versions: true, page, page_size: FULL_PAGE, ordering: 'name' as const };
  return useQuery({
    queryKey: [...adminKeys.formTemplates, 'list', query],
    enabled,
    queryFn: async () => unwrap(await api.GET('/api/prs/form-templates/', { params: { query } })),
  });
}

export function useWorkflowTemplateVersions(page = 1, enabled = true) {
  const query = { all_versions: true, page, page_size: FULL_PAGE, ordering: 'name' as const };
  return useQuery({
    queryKey: [...adminKeys.workflowTemplates, 'list', query],
    enabled,
    queryFn: async () => unwrap(await api.GET('/api/prs/workflows/', { params: { query } })),
  });
}
