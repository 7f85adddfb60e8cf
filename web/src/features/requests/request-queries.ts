import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';

/** A page showing a request refreshes itself while it can still change (web.md principle 5). */
export const LIVE_REFRESH_MS = 4_000;

export const requestKeys = {
  all: ['requests'] as const,
  detail: (id: string) => ['requests', 'detail', id] as const,
  timeline: (id: string) => ['requests', 'timeline', id] as const,
  list: (query: object) => ['requests', 'list', query] as const,
  inbox: (query: object) => ['requests', 'inbox', query] as const,
  finance: (query: object) => ['requests', 'finance', query] as const,
};

export function useRequest(id: string, enabled = true) {
  return useQuery({
    queryKey: requestKeys.detail(id),
    enabled,
    queryFn: async () => unwrap(await api.GET('/api/prs/requests/{id}/', { params: { path: { id } } })),
    // Live until nothing more can change: a completed request still waits for its order, which the
    // workflow opens just after completing it (a page that stopped at "Completed" would never link it).
    refetchInterval: (query) => {
      const data = query.state.data;
      const settled =
        data?.status.code === 'CANCELLED' || (data?.status.code === 'COMPLETED' && data.purchase_order !== null);
      return settled ? false : LIVE_REFRESH_MS;
    },
  });
}

export function useTimeline(id: string, live: boolean) {
  return useQuery({
    queryKey: requestKeys.timeline(id),
    queryFn: async () => unwrap(await api.GET('/api/prs/requests/{id}/timeline/', { params: { path: { id } } })),
    refetchInterval: live ? LIVE_REFRESH_MS : false,
  });
}

export function useWorkflowTemplate(id: string | undefined) {
  return useQuery({
    queryKey: ['workflow-template', id],
    enabled: Boolean(id),
    staleTime: 60_000,
    queryFn: async () => unwrap(await api.GET('/api/prs/workflows/{id}/', { params: { path: { id: id as string } } })),
  });
}

export function useFormTemplates(teamId: string | undefined) {
  return useQuery({
    queryKey: ['form-templates', teamId],
    enabled: Boolean(teamId),
    staleTime: 60_000,
    queryFn: async () =>
      unwrap(await api.GET('/api/prs/form-templates/', { params: { query: { team: teamId, page_size: 100 } } })),
  });
}

export function useFormTemplate(id: string | undefined) {
  return useQuery({
    queryKey: ['form-template', id],
    enabled: Boolean(id),
    staleTime: 60_000,
    queryFn: async () =>
      unwrap(await api.GET('/api/prs/form-templates/{id}/', { params: { path: { id: id as string } } })),
  });
}
