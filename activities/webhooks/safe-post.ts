import { lookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP } from 'node:net';

/** Loopback, private, link-local, unique-local, CGNAT, metadata and unspecified ranges. */
const blocked = new BlockList();
for (const [net, prefix] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4]] as const) {
  blocked.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['64:ff9b::', 96]] as const) blocked.addSubnet(net, prefix, 'ipv6');

export class TargetRefusedError extends Error {}

export interface TargetPolicy {
  allowPrivate: boolean;
  allowHttp: boolean;
}

function isBlocked(address: string): boolean {
  const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
  const mapped = family === 'ipv6' && /^::ffff:/i.test(address) ? address.replace(/^::ffff:/i, '') : null;
  return mapped && isIP(mapped) === 4 ? blocked.check(mapped, 'ipv4') : blocked.check(address, family);
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
  const addresses = isIP(host) ? [{ address: host, family: isIP(host) as 4 | 6 }] : ((await lookup(host, { all: true, verbatim: true })) as Array<{ address: string; family: 4 | 6 }>);
  if (addresses.length === 0) throw new TargetRefusedError('the host does not resolve');
  if (!policy.allowPrivate) {
    const bad = addresses.find((entry) => isBlocked(entry.address));
    if (bad) throw new TargetRefusedError(`the host resolves to a private or reserved address (${bad.address})`);
  }
  return { url, address: addresses[0]!.address, family: addresses[0]!.family };
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
        lookup: (_host, _options, callback) => callback(null, target.address, target.family),
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
