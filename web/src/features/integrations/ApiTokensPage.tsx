import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { idempotencyKey } from '../../api/idempotency';
import { useMe } from '../../session/session';
import { EmptyState, ErrorNote, Loading, PageHeader, Pager } from '../../ui/components';
import { NoAccess } from '../../ui/NoAccess';
import { formatDate, formatDateTime } from '../../ui/format';
import { ConfirmAction } from './ConfirmAction';
import { IntegrationsNav } from './IntegrationsNav';
import { integrationKeys } from './integration-queries';
import type { ShownSecret } from './integration-types';
import { SecretOnce } from './SecretOnce';
import { TokenForm } from './TokenForm';
import { TOKEN_STATE_LABEL, tokenBody, tokenState, type TokenDraft } from './token-scopes';
import { nextParams, pageFrom } from '../../ui/url-filters';
import './integrations.css';

const PAGE_SIZE = 20;
const TITLE = 'API tokens';
const STATE_TONE = { active: 'good', expired: 'neutral', revoked: 'bad' } as const;

/** API tokens: the list (never their secrets), create (the secret is shown once), revoke. */
export function ApiTokensPage() {
  const { can } = useMe();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const page = pageFrom(params);
  const query = { page, page_size: PAGE_SIZE, ordering: '-created_at' as const };
  const tokens = useQuery({
    queryKey: integrationKeys.tokenList(query),
    enabled: can.admin,
    queryFn: async () => unwrap(await api.GET('/api/auth/api-tokens/', { params: { query } })),
  });
  const [shown, setShown] = useState<ShownSecret | null>(null);
  const [formKey, setFormKey] = useState(0);
  const refresh = () => queryClient.invalidateQueries({ queryKey: integrationKeys.tokens });
  const create = useMutation({
    mutationFn: async (draft: TokenDraft) => {
      const { token, ...row } = unwrap(
        await api.POST('/api/auth/api-tokens/', {
          params: { header: { 'Idempotency-Key': idempotencyKey() } },
          body: tokenBody(draft),
        }),
      );
      // The secret goes to this screen's state only; the mutation keeps the token's row without it.
      setShown({
        title: `Secret of the token “${row.name}”`,
        secret: token,
        note: 'Send it as “Authorization: Bearer …”. Only its hash is stored: a lost secret means a new token.',
      });
      return row;
    },
    onSuccess: async () => {
      setFormKey((key) => key + 1);
      await refresh();
    },
  });
  const revoke = useMutation({
    mutationFn: async (id: string) =>
      unwrap(await api.DELETE('/api/auth/api-tokens/{id}/', { params: { path: { id } } })),
    onSuccess: refresh,
  });

  if (!can.admin) return <NoAccess title={TITLE} />;

  return (
    <>
      <PageHeader title={TITLE}>
        <IntegrationsNav />
      </PageHeader>
      {shown ? <SecretOnce key={shown.secret} shown={shown} onDone={() => setShown(null)} /> : null}
      <section aria-labelledby="tokens-list">
        <h2 id="tokens-list">Tokens</h2>
        {tokens.isPending ? <Loading what="the tokens" /> : null}
        <ErrorNote error={tokens.error} />
        <ErrorNote error={revoke.error} />
        {tokens.data && tokens.data.results.length === 0 ? <EmptyState>No API token exists yet.</EmptyState> : null}
        {tokens.data && tokens.data.results.length > 0 ? (
          <>
            <div className="table-wrap">
              <table>
                <caption className="visually-hidden">API tokens</caption>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Prefix</th>
                    <th scope="col">Acts as</th>
                    <th scope="col">Scopes</th>
                    <th scope="col">Status</th>
                    <th scope="col">Expires</th>
                    <th scope="col">Last used</th>
                    <th scope="col">Actions</th>
                  </tr>
                </thead>
                <tbody>
                  {tokens.data.results.map((token) => {
                    const state = tokenState(token);
                    return (
                      <tr key={token.id}>
                        <td>{token.name}</td>
                        <td>
                          <code>{token.prefix}</code>
                        </td>
                        <td>{token.user.username}</td>
                        <td>{token.scopes.join(', ')}</td>
                        <td>
                          <span className={`badge badge-${STATE_TONE[state]}`}>{TOKEN_STATE_LABEL[state]}</span>
                        </td>
                        <td>{token.expires_at ? formatDate(token.expires_at) : 'Never'}</td>
                        <td>{formatDateTime(token.last_used_at)}</td>
                        <td>
                          {state === 'revoked' ? (
                            '—'
                          ) : (
                            <ConfirmAction
                              label={
                                <>
                                  Revoke<span className="visually-hidden"> {token.name}</span>
                                </>
                              }
                              question={`Revoke “${token.name}”? Calls with it are refused from now on.`}
                              confirmLabel="Yes, revoke"
                              disabled={revoke.isPending}
                              onConfirm={() => revoke.mutate(token.id)}
                            />
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            <Pager
              info={{ count: tokens.data.count, page, pageSize: PAGE_SIZE }}
              onPage={(next) => setParams(nextParams(params, { page: String(next) }))}
            />
          </>
        ) : null}
      </section>
      <section className="card" aria-labelledby="token-new">
        <h2 id="token-new">Create a token</h2>
        <TokenForm
          key={formKey}
          busy={create.isPending}
          error={create.error}
          onSubmit={(draft) => {
            setShown(null);
            create.mutate(draft);
          }}
        />
      </section>
    </>
  );
}
