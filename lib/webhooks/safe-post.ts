import { lookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { withTimeout } from '../with-timeout';

/** IPv6 global unicast (RFC 4291): everything else (ULA, link-local, NAT64, 6to4, Teredo…) is refused. */
const globalUnicastV6 = ipaddr.parseCIDR('2000::/3');

/**
 * Only global unicast addresses may be webhook targets. ipaddr.js names the special-purpose ranges
 * of both families (private, loopback, link-local, CGNAT, reserved, benchmarking, 6to4, Teredo,
 * rfc6145, rfc6052, discard, …) from the IANA registries, so no range list is kept here; an IPv4
 * address carried in IPv4-mapped form (::ffff:0:0/96) is judged as the IPv4 address it is.
 */
export function isGlobalUnicast(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv4') return parsed.range() === 'unicast';
  const v6 = parsed as ipaddr.IPv6;
  if (v6.isIPv4MappedAddress()) return v6.toIPv4Address().range() === 'unicast';
  return v6.range() === 'unicast' && v6.match(globalUnicastV6);
}

export class TargetRefusedError extends Error {}

export interface TargetPolicy {
  allowPrivate: boolean;
  allowHttp: boolean;
}

/** Checks the URL and answers the one address to connect to (the checked one: no rebinding window). */
export async function checkTarget(
  rawUrl: string,
  policy: TargetPolicy,
): Promise<{ url: URL; address: string; family: 4 | 6 }> {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw new TargetRefusedError('not a URL');
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && policy.allowHttp))
    throw new TargetRefusedError(`${url.protocol} targets are not allowed`);
  if (url.username || url.password) throw new TargetRefusedError('credentials in the URL are not allowed');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host) ? [{ address: host, family: isIP(host) as 4 | 6 }] : await resolveWithin(host, 5000);
  if (addresses.length === 0) throw new TargetRefusedError('the host does not resolve');
  if (!policy.allowPrivate) {
    const bad = addresses.find((entry) => !isGlobalUnicast(entry.address));
    // The address itself is not reported: an admin must not be able to map internal DNS through this.
    if (bad) throw new TargetRefusedError('the host resolves to a private or reserved address');
  }
  return { url, address: addresses[0]!.address, family: addresses[0]!.family };
}

async function resolveWithin(host: string, timeoutMs: number): Promise<Array<{ address: string; family: 4 | 6 }>> {
  try {
    return (await withTimeout(
      lookup(host, { all: true, verbatim: true }),
      timeoutMs,
      () => new TargetRefusedError('the host did not resolve in time'),
    )) as Array<{ address: string; family: 4 | 6 }>;
  } catch (error) {
    if (error instanceof TargetRefusedError) throw error;
    throw new TargetRefusedError('the host does not resolve');
  }
}

export interface PostResult {
  statusCode: number;
  excerpt: string;
}

/** One POST to the checked address, no redirects followed, at most `timeoutMs`, reading ≤ 1 KB back. */
export function postTo(
  target: { url: URL; address: string; family: 4 | 6 },
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<PostResult> {
  return requestTo(target, { method: 'POST', headers, body }, timeoutMs);
}

/** One GET to the checked address (a health probe), on the same terms as a POST. */
export function getFrom(
  target: { url: URL; address: string; family: 4 | 6 },
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<PostResult> {
  return requestTo(target, { method: 'GET', headers }, timeoutMs);
}

function requestTo(
  target: { url: URL; address: string; family: 4 | 6 },
  { method, headers, body }: { method: 'GET' | 'POST'; headers: Record<string, string>; body?: string },
  timeoutMs: number,
): Promise<PostResult> {
  const client = target.url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(
      target.url,
      {
        method,
        headers: body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        // Connect to the address that was checked, whatever DNS says now; TLS still verifies the name.
        // (Node ≥ 20 asks for every address when it races IPv4 and IPv6: answer in both shapes.)
        lookup: ((_host: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) =>
          options.all
            ? callback(null, [{ address: target.address, family: target.family }])
            : callback(null, target.address, target.family)) as never,
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
        const done = () =>
          resolve({
            statusCode: response.statusCode ?? 0,
            excerpt: Buffer.concat(chunks).toString('utf8').slice(0, 1024),
          });
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
