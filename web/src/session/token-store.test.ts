import { createTokenStore, expiryOf, refreshFromCookie } from './token-store';

const jwt = (exp: number) => `h.${btoa(JSON.stringify({ exp })).replace(/=+$/, '')}.s`;

describe('the in-memory access token', () => {
  it('reads the expiry from the token', () => {
    expect(expiryOf(jwt(1_000))).toBe(1_000_000);
    expect(expiryOf('not-a-jwt')).toBeNull();
  });

  it('refreshes shortly before expiry, once for many callers', async () => {
    let now = 0;
    const refresh = jest.fn(async () => jwt(2_000));
    const store = createTokenStore(refresh, () => now);
    store.set(jwt(1_000));
    expect(await store.fresh()).toBe(jwt(1_000));
    now = 980_000; // 20 s before expiry: inside the 30 s margin
    const answers = await Promise.all([store.fresh(), store.fresh(), store.fresh()]);
    expect(answers).toEqual([jwt(2_000), jwt(2_000), jwt(2_000)]);
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it('tells listeners when the session ends, and asks nothing without a token', async () => {
    const refresh = jest.fn(async () => null);
    const store = createTokenStore(refresh, () => 0);
    const seen: Array<string | null> = [];
    store.subscribe((token) => seen.push(token));
    expect(await store.fresh()).toBeNull();
    store.set(jwt(1));
    store.expired();
    store.expired();
    expect(seen).toEqual([jwt(1), null]);
    expect(refresh).not.toHaveBeenCalled();
  });
});

describe('trading the session cookie', () => {
  // jsdom has no Response: the two fields refreshFromCookie reads.
  const answer = (access: string) => ({ ok: true, json: async () => ({ access }) });
  afterEach(() => {
    jest.restoreAllMocks();
    Reflect.deleteProperty(navigator, 'locks');
  });

  it('sends one request for callers at the same moment (a used cookie would end the session)', async () => {
    const fetchMock = jest.fn(async () => answer('a1'));
    globalThis.fetch = fetchMock as unknown as typeof fetch;
    const answers = await Promise.all([refreshFromCookie(), refreshFromCookie()]);
    expect(answers).toEqual(['a1', 'a1']);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    // Later callers ask again: the cookie was rotated meanwhile.
    fetchMock.mockImplementation(async () => answer('a2'));
    expect(await refreshFromCookie()).toBe('a2');
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it('takes a Web Lock so tabs of this origin refresh one after the other', async () => {
    const held: string[] = [];
    Object.defineProperty(navigator, 'locks', {
      configurable: true,
      value: {
        request: async (name: string, work: () => Promise<unknown>) => {
          held.push(name);
          return work();
        },
      },
    });
    globalThis.fetch = jest.fn(async () => ({ ok: false, json: async () => ({}) })) as unknown as typeof fetch;
    expect(await refreshFromCookie()).toBeNull();
    expect(held).toEqual(['procurement-session-refresh']);
  });
});
