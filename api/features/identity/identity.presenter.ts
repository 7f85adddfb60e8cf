import type { AccessScope, Role, User } from '../../../db/models';
import { iso } from '../../http/iso';

export function presentRole(role: Role) {
  return { code: role.code, name: role.name, description: role.description };
}

export function presentScope(scope: AccessScope) {
  return {
    id: scope.id,
    team: scope.team ? { id: scope.team.id, name: scope.team.name } : null,
    role: { code: scope.roleCode, name: scope.role?.name ?? scope.roleCode },
  };
}

/** Never includes the password hash or token version. */
export function presentUser(user: User) {
  return {
    id: user.id,
    username: user.username,
    email: user.email,
    first_name: user.firstName,
    last_name: user.lastName,
    is_active: user.isActive,
    is_admin: user.isAdmin,
    is_service_account: user.isServiceAccount,
    last_login_at: iso(user.lastLoginAt),
    created_at: iso(user.createdAt) as string,
    updated_at: iso(user.updatedAt) as string,
  };
}

export function presentMe(user: User) {
  const tenant = user.tenant as NonNullable<User['tenant']>; // loaded with the user (findUserWithScopes)
  return {
    ...presentUser(user),
    tenant: { id: tenant.id, name: tenant.name, slug: tenant.slug },
    is_platform_admin: user.isPlatformAdmin,
    access_scopes: (user.accessScopes ?? []).map(presentScope),
  };
}

/** GET and PATCH /me/: you, with the new address of any e-mail change waiting for its confirmation. */
export function presentMeWithPendingEmail(me: { user: User; pendingEmail: string | null }) {
  return { ...presentMe(me.user), pending_email: me.pendingEmail };
}
