import { lookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP } from 'node:net';

/** Loopback, private, link-local, unique-local, CGNAT, metadata and unspecified ranges. */
const blocked = new BlockList();
for (const [net, prefix] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4]] as const) {
  blocked.addSubnet(net, prefix, 'ipv4');
}
// Unspecified, loopback, NAT64, 6to4, Teredo, ULA, site- and link-local, multicast. (IPv4 embedded in
// mapped or compatible forms is checked as IPv4 below: an IPv6 rule for ::/96 would match every IPv4.)
for (const [net, prefix] of [['::', 128], ['::1', 128], ['64:ff9b::', 96], ['64:ff9b:1::', 48], ['2001::', 32], ['2002::', 16], ['fc00::', 7], ['fec0::', 10], ['fe80::', 10], ['ff00::', 8]] as const) {
  blocked.addSubnet(net, prefix, 'ipv6');
}

export class TargetRefusedError extends Error {}

export interface TargetPolicy {
  allowPrivate: boolean;
  allowHttp: boolean;
}

/** The eight 16-bit groups of an IPv6 address (with any dotted IPv4 tail converted). */
function groupsOf(address: string): number[] {
  const dotted = address.match(/(\d+\.\d+\.\d+\.\d+)$/);
  let text = address;
  if (dotted) {
    const [a, b, c, d] = (dotted[1] as string).split('.').map(Number) as [number, number, number, number];
    text = address.slice(0, -dotted[1]!.length) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail = ''] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = text.includes('::') ? (tail ? tail.split(':') : []) : [];
  const middle = text.includes('::') ? Array(8 - left.length - right.length).fill('0') : [];
  return [...left, ...middle, ...right].map((group) => parseInt(group, 16));
}

/** An IPv4 address carried in IPv4-mapped (::ffff:a.b.c.d) or IPv4-compatible (::a.b.c.d) form. */
function embeddedIPv4(address: string): string | null {
  const groups = groupsOf(address);
  const zeros = groups.slice(0, 5).every((group) => group === 0);
  if (!zeros || (groups[5] !== 0 && groups[5] !== 0xffff)) return null;
  const [high = 0, low = 0] = groups.slice(6);
  if (groups[5] === 0 && high === 0) return null; // :: and ::1 are rules of their own
  return `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
}

function isBlocked(address: string): boolean {
  if (isIP(address) === 4) return blocked.check(address, 'ipv4');
  const inner = embeddedIPv4(address);
  return inner ? blocked.check(inner, 'ipv4') : blocked.check(address, 'ipv6');
}

/** Checks the URL and answers the one address to connect to (the checked one: no rebinding window). */
export async function checkTarget(rawUrl: string, policy: TargetPolicy): Promise<{ url: URL; address: string; family: 4 | 6 }> {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw new TargetRefusedError('not a URL');
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && policy.allowHttp)) throw new TargetRefusedError(`${url.protocol} targets are not allowed`);
  if (url.username || url.password) throw new TargetRefusedError('credentials in the URL are not allowed');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host) ? [{ address: host, family: isIP(host) as 4 | 6 }] : await resolveWithin(host, 5000);
  if (addresses.length === 0) throw new TargetRefusedError('the host does not resolve');
  if (!policy.allowPrivate) {
    const bad = addresses.find((entry) => isBlocked(entry.address));
    // The address itself is not reported: an admin must not be able to map internal DNS through this.
    if (bad) throw new TargetRefusedError('the host resolves to a private or reserved address');
  }
  return { url, address: addresses[0]!.address, family: addresses[0]!.family };
}

async function resolveWithin(host: string, timeoutMs: number): Promise<Array<{ address: string; family: 4 | 6 }>> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TargetRefusedError('the host did not resolve in time')), timeoutMs);
  });
  try {
    return (await Promise.race([lookup(host, { all: true, verbatim: true }), timeout])) as Array<{ address: string; family: 4 | 6 }>;
  } catch (error) {
    if (error instanceof TargetRefusedError) throw error;
    throw new TargetRefusedError('the host does not resolve');
  } finally {
    clearTimeout(timer);
  }
}

export interface PostResult {
  statusCode: number;
  excerpt: string;
}

/** One POST to the checked address, no redirects followed, at most `timeoutMs`, reading ≤ 1 KB back. */
export function postTo(target: { url: URL; address: string; family: 4 | 6 }, headers: Record<string, string>, body: string, timeoutMs: number): Promise<PostResult> {
  const client = target.url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(
      target.url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        // Connect to the address that was checked, whatever DNS says now; TLS still verifies the name.
        // (Node ≥ 20 asks for every address when it races IPv4 and IPv6: answer in both shapes.)
        lookup: ((_host: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) =>
          options.all ? callback(null, [{ address: target.address, family: target.family }]) : callback(null, target.address, target.family)) as never,
        // A fresh agent: no keep-alive reuse across targets, and no proxy taken from the environment.
        agent: new client.Agent({ keepAlive: false }),
        timeout: timeoutMs,
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          if (size < 1024) chunks.push(chunk);
          size += chunk.length;
          if (size > 64 * 1024) response.destroy(); // nobody needs more than the first kilobyte
        });
        const done = () => resolve({ statusCode: response.statusCode ?? 0, excerpt: Buffer.concat(chunks).toString('utf8').slice(0, 1024) });
        response.on('end', done);
        response.on('close', done);
        response.on('error', done);
      },
    );
    const timer = setTimeout(() => request.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    request.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    request.on('close', () => clearTimeout(timer));
    request.end(body);
  });
}
