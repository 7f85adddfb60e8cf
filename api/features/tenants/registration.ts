import type { Knex } from 'knex';
import type { Config } from '../../../config/config';
import type { CallContext } from '../../../contracts/call-context';
import { reserveAttempt } from '../../../db/repositories/login-failures.repository';
import { findUserWithScopes } from '../../../db/repositories/users.repository';
import { tenantKnex } from '../../../db/tenant-scope';
import type { User } from '../../../db/models';
import type { SessionContext } from '../../auth/refresh-tokens';
import { RateLimitedError, ValidationError } from '../../http/errors';
import { issueTokens } from '../identity/login';
import { provisionTenant } from './provision-tenant';

export interface Registration {
  email: string;
  password: string;
  password_confirm: string;
  first_name?: string;
  last_name?: string;
  tenant_name?: string;
  tenant_domain?: string;
}

const HOUR = 3600;

/**
 * Counts a registration against its IP address before the body is read (a new organisation is not
 * something to make by the thousand): over REGISTRATIONS_PER_HOUR, 429 with Retry-After.
 */
export async function reserveRegistration(pool: Knex, config: Config, ip: string): Promise<void> {
  const { id, window } = await reserveAttempt(
    pool,
    'register',
    ip.slice(0, 64),
    config.auth.registrationsPerHour,
    HOUR,
  );
  if (id) return;
  const retryAfter = window.oldest ? (new Date(window.oldest).getTime() + HOUR * 1000 - Date.now()) / 1000 : HOUR;
  throw new RateLimitedError(retryAfter, 'Too many registrations from this address. Try again later.');
}

/**
 * Seed 004's registration: the organisation (or, without `tenant_name`, a personal one named after
 * the person), its first administrator and what it needs to start, then a sign-in's answer.
 */
export async function register(
  deps: { knex: Knex; config: Config },
  body: Registration,
  session: SessionContext,
  call: CallContext,
): Promise<{ access: string; refresh: string; user: User }> {
  if (body.password !== body.password_confirm) {
    throw ValidationError.field('password_confirm', 'The two passwords do not match.');
  }
  if (body.tenant_domain && !body.tenant_name) {
    throw ValidationError.field('tenant_name', 'Name the organisation whose domain this is.');
  }
  const personal =
    [body.first_name, body.last_name].filter(Boolean).join(' ') || body.email.split('@')[0] || 'Personal';
  const { tenant, admin } = await provisionTenant(
    deps.knex,
    {
      name: body.tenant_name ?? personal,
      domain: body.tenant_name ? (body.tenant_domain ?? null) : null,
      admin: { email: body.email, password: body.password, firstName: body.first_name, lastName: body.last_name },
    },
    { action: 'tenant.register', actorUserId: null, call },
  );
  const db = tenantKnex(deps.knex, tenant.id);
  const tokens = await issueTokens({ knex: db, config: deps.config }, admin, session);
  return { ...tokens, user: (await findUserWithScopes(db, admin.id)) as User };
}
