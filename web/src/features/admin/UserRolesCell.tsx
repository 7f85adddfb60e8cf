import { useAccessScopes } from './admin-queries';
import { scopeLabel } from './people';

/** A user's access scopes in the users list (the list itself does not carry them). */
export function UserRolesCell({ userId }: { userId: string }) {
  const scopes = useAccessScopes(userId);
  if (scopes.isPending) return <span className="muted">Loading…</span>;
  if (scopes.isError) return <span className="muted">Could not load</span>;
  if (scopes.data.length === 0) return <span className="muted">None</span>;
  return (
    <ul className="plain-list">
      {scopes.data.map((scope) => (
        <li key={scope.id}>{scopeLabel(scope)}</li>
      ))}
    </ul>
  );
}
