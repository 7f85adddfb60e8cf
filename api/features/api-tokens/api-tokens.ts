import type { Knex } from 'knex';
import { newApiToken } from '../../auth/api-tokens';
import type { Principal } from '../../auth/principal';
import type { ApiScope } from '../../auth/scopes';
import { NotFoundError, ValidationError } from '../../http/errors';
import type { TokenRow } from './api-tokens.presenter';

/** Tokens with their owner's username (never the secret's hash). */
const rows = (knex: Knex) =>
  knex('apiTokens').join('users', 'users.id', 'apiTokens.userId').select('apiTokens.*', 'users.username');

/** One page of tokens, newest first unless `ordering` says otherwise (`name`, `created_at`, `-…`). */
export async function listApiTokens(
  knex: Knex,
  query: { page: number; page_size: number; ordering?: string },
): Promise<{ count: number; results: TokenRow[] }> {
  const offset = (query.page - 1) * query.page_size;
  const order = query.ordering?.replace(/^-/, '') === 'name' ? 'apiTokens.name' : 'apiTokens.createdAt';
  const direction = query.ordering?.startsWith('-') || !query.ordering ? 'desc' : 'asc';
  const [{ count }] = await knex('apiTokens').count({ count: '*' });
  const results = (await rows(knex)
    .orderBy(order, direction)
    .orderBy('apiTokens.id')
    .limit(query.page_size)
    .offset(offset)) as TokenRow[];
  return { count: Number(count), results };
}

export interface NewApiToken {
  name: string;
  scopes: ApiScope[];
  service_account?: string;
  expires_at?: string;
  rate_limit_per_hour?: number;
}

/**
 * Mints a token (the secret is answered once; only its sha256 is stored). A token acts as the person
 * who creates it: nobody mints a token that acts as another person. An integration's own token
 * belongs to a service account, which never decides on anything.
 */
export async function createApiToken(
  knex: Knex,
  principal: Principal,
  body: NewApiToken,
): Promise<{ row: TokenRow; token: string }> {
  let userId = principal.userId;
  if (body.service_account) {
    const account = await knex('users')
      .where({ id: body.service_account, isActive: true, isServiceAccount: true })
      .first('id');
    if (!account) throw ValidationError.field('service_account', 'No active service account has this id.');
    userId = account.id;
  }
  if (body.expires_at && new Date(body.expires_at) <= new Date())
    throw ValidationError.field('expires_at', 'Must be in the future.');
  const { token, prefix, secretHash } = newApiToken();
  const [{ id }] = await knex('apiTokens')
    .insert({
      userId,
      name: body.name,
      prefix,
      secretHash,
      scopes: JSON.stringify([...new Set(body.scopes)]),
      expiresAt: body.expires_at ? new Date(body.expires_at) : null,
      rateLimitPerHour: body.rate_limit_per_hour ?? null,
      createdBy: principal.userId,
    })
    .returning('id');
  const row = (await rows(knex).where('apiTokens.id', id).first()) as TokenRow;
  return { row, token };
}

/** Revokes a token (it answers 401 from now on); revoking it again changes nothing. */
export async function revokeApiToken(knex: Knex, id: string): Promise<void> {
  const changed = await knex('apiTokens').where({ id }).whereNull('revokedAt').update({ revokedAt: knex.fn.now() });
  if (!changed && !(await knex('apiTokens').where({ id }).first('id'))) throw new NotFoundError();
}
