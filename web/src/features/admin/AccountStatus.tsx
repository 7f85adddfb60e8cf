import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { ErrorNote } from '../../ui/components';
import { adminKeys, type User } from './admin-queries';

/** Deactivate (the user can no longer sign in; their history stays) or reactivate. */
export function AccountStatus({ user }: { user: User }) {
  const queryClient = useQueryClient();
  const change = useMutation({
    mutationFn: async (is_active: boolean) =>
      unwrap(await api.PATCH('/api/users/{id}/', { params: { path: { id: user.id } }, body: { is_active } })),
    onSuccess: async (answer) => {
      queryClient.setQueryData(adminKeys.user(user.id), answer);
      await queryClient.invalidateQueries({ queryKey: adminKeys.users });
    },
  });
  return (
    <section aria-labelledby="account-status-heading" className="card">
      <h2 id="account-status-heading">Account status</h2>
      {user.is_active ? (
        <>
          <p>
            {user.username} is active. Deactivating ends their sessions and stops them signing in; nothing they did is
            deleted.
          </p>
          <button type="button" className="danger" disabled={change.isPending} onClick={() => change.mutate(false)}>
            Deactivate {user.username}
          </button>
        </>
      ) : (
        <>
          <p>{user.username} is deactivated and cannot sign in.</p>
          <button type="button" className="primary" disabled={change.isPending} onClick={() => change.mutate(true)}>
            Reactivate {user.username}
          </button>
        </>
      )}
      <ErrorNote error={change.error} />
    </section>
  );
}
