import { checkTarget, TargetRefusedError } from '../../lib/webhooks/safe-post';

const guarded = { allowPrivate: false, allowHttp: false };
const refused = async (url: string, policy = guarded) => {
  try {
    await checkTarget(url, policy);
    return 'allowed';
  } catch (error) {
    return error instanceof TargetRefusedError ? 'refused' : `error: ${String(error)}`;
  }
};

describe('the webhook target guard', () => {
  it('refuses loopback, private, link-local, unique-local, metadata and mapped addresses', async () => {
    for (const url of [
      'https://127.0.0.1/hook',
      'https://10.1.2.3/',
      'https://172.16.0.1/',
      'https://192.168.1.1/',
      'https://169.254.169.254/latest/meta-data',
      'https://100.64.0.1/',
      'https://0.0.0.0/',
      'https://[::1]/',
      'https://[fd00::1]/',
      'https://[fe80::1]/',
      'https://[::ffff:127.0.0.1]/',
      'https://localhost/',
      'https://[::127.0.0.1]/',
      'https://[2002:7f00:1::]/',
      'https://[2001:0:4136:e378::1]/',
      'https://[fec0::1]/',
      'https://[64:ff9b::7f00:1]/',
      'https://2130706433/',
      'https://0x7f.1/',
      'https://017700000001/',
    ]) {
      expect({ url, result: await refused(url) }).toEqual({ url, result: 'refused' });
    }
  });

  it('allows only global unicast: every non-global IPv6 form and special-purpose IPv4 range is refused', async () => {
    for (const url of [
      'https://[::ffff:0:127.0.0.1]/', // rfc6145 IPv4-translated (::ffff:0:0:0/96): the review's bypass
      'https://[::ffff:0:a00:1]/',
      'https://[::2]/',
      'https://[2001:db8::1]/',
      'https://[100::1]/',
      'https://[64:ff9b:1::a00:1]/',
      'https://[2001:2::1]/',
      'https://[ff02::1]/',
      'https://[::ffff:10.0.0.1]/',
      'https://[::ffff:192.168.0.1]/',
      'https://192.0.0.8/',
      'https://198.51.100.1/',
      'https://203.0.113.9/',
      'https://255.255.255.255/',
      'https://198.18.0.1/',
    ]) {
      expect({ url, result: await refused(url) }).toEqual({ url, result: 'refused' });
    }
    for (const url of ['https://8.8.8.8/', 'https://[2606:4700:4700::1111]/', 'https://[2a00:1450:4001::200e]/']) {
      expect({ url, result: await refused(url) }).toEqual({ url, result: 'allowed' });
    }
  });

  it('refuses plain http and credentials unless allowed, and answers the address it checked', async () => {
    expect(await refused('http://93.184.216.34/')).toBe('refused');
    expect(await refused('https://user:pw@93.184.216.34/')).toBe('refused');
    expect(await refused('not a url')).toBe('refused');
    await expect(checkTarget('https://93.184.216.34/hook', guarded)).resolves.toEqual(
      expect.objectContaining({ address: '93.184.216.34', family: 4 }),
    );
    await expect(checkTarget('https://[2606:4700::1111]/hook', guarded)).resolves.toEqual(
      expect.objectContaining({ address: '2606:4700::1111', family: 6 }),
    );
    await expect(checkTarget('https://[::ffff:93.184.216.34]/hook', guarded)).resolves.toEqual(
      expect.objectContaining({ family: 6 }),
    );
    await expect(checkTarget('http://127.0.0.1:9/', { allowPrivate: true, allowHttp: true })).resolves.toEqual(
      expect.objectContaining({ address: '127.0.0.1' }),
    );
  });
});
