/**
 * Who is asking, for rate limits and logs. The socket's address, unless it is one of the reverse
 * proxies the configuration trusts (`trustedProxies`): then X-Forwarded-For, read from the right —
 * each trusted proxy appends the address it was reached from, so the right-most entry that is not
 * a trusted proxy is the client. Anything left of it was written by the client and proves nothing
 * (a script sets `X-Forwarded-For: 1.2.3.4` to dodge a limit).
 */
import net from 'node:net';
import type http from 'node:http';

/**
 * One spelling per address, so `::1` and `0:0:0:0:0:0:0:1` are the same key: IPv4 as is, an IPv4
 * mapped in IPv6 (`::ffff:192.0.2.1`, how a dual-stack socket shows IPv4 clients) as IPv4, IPv6
 * lower-case with its eight groups written out. Null for what is not an address.
 */
export function canonicalIp(value: string): string | null {
  let ip = value.trim();
  if (ip.startsWith('[') && ip.endsWith(']')) ip = ip.slice(1, -1);
  const zone = ip.indexOf('%');
  if (zone !== -1) ip = ip.slice(0, zone);
  const kind = net.isIP(ip);
  if (kind === 4) return ip;
  if (kind !== 6) return null;
  const groups = expandIpv6(ip.toLowerCase());
  if (groups.slice(0, 5).every((g) => g === '0') && groups[5] === 'ffff') {
    const [high, low] = [parseInt(groups[6]!, 16), parseInt(groups[7]!, 16)];
    return [high >> 8, high & 255, low >> 8, low & 255].join('.');
  }
  return groups.join(':');
}

function expandIpv6(ip: string): string[] {
  let text = ip;
  // An embedded IPv4 tail (::1.2.3.4) is two groups.
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? (text.split('::') as [string, string]) : [text, null];
  const left = head === '' ? [] : head.split(':');
  const right = tail === null || tail === '' ? [] : tail.split(':');
  const groups = tail === null ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return groups.map((g) => parseInt(g, 16).toString(16));
}

/** An X-Forwarded-For entry: an address, maybe with a port (`192.0.2.1:5678`, `[2001:db8::1]:443`). */
function forwardedEntry(entry: string): string | null {
  const trimmed = entry.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(trimmed);
  if (bracketed) return canonicalIp(bracketed[1]!);
  const v4WithPort = /^(\d+\.\d+\.\d+\.\d+):\d+$/.exec(trimmed);
  if (v4WithPort) return canonicalIp(v4WithPort[1]!);
  return canonicalIp(trimmed);
}

export type TrustedProxies = ReadonlySet<string>;

/** The configuration's list, in canonical spelling (see canonicalIp); an entry that is no address is an error. */
export function trustedProxySet(addresses: readonly string[]): TrustedProxies {
  return new Set(
    addresses.map((address) => {
      const ip = canonicalIp(address);
      if (ip === null) throw new Error(`trustedProxies : « ${address} » n'est pas une adresse IP`);
      return ip;
    }),
  );
}

export function clientAddress(req: Pick<http.IncomingMessage, 'socket' | 'headers'>, trusted: TrustedProxies): string {
  let hop = canonicalIp(req.socket.remoteAddress ?? '') ?? 'inconnue';
  if (!trusted.has(hop)) return hop;
  const header = req.headers['x-forwarded-for'];
  const entries = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',').filter((e) => e.trim() !== '');
  for (let i = entries.length - 1; i >= 0; i--) {
    const ip = forwardedEntry(entries[i]!);
    // A trusted proxy writes a real address; garbage here came from further left: stop at the last hop we trust.
    if (ip === null) return hop;
    if (!trusted.has(ip)) return ip;
    hop = ip;
  }
  // Every hop is a trusted proxy (a health check from the proxy itself): the farthest one.
  return hop;
}
