import type http from 'node:http';
import { describe, expect, it } from 'vitest';
import { canonicalIp, clientAddress, trustedProxySet } from './client-address';

const request = (remoteAddress: string, forwardedFor?: string | string[]) =>
  ({ socket: { remoteAddress }, headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor } }) as unknown as Pick<http.IncomingMessage, 'socket' | 'headers'>;

const proxies = trustedProxySet(['127.0.0.1', '10.0.0.2', '::1']);

describe('client address', () => {
  it('is the socket address when the peer is not a trusted proxy, whatever X-Forwarded-For says', () => {
    expect(clientAddress(request('203.0.113.9', '198.51.100.1'), proxies)).toBe('203.0.113.9');
    expect(clientAddress(request('::ffff:203.0.113.9', '127.0.0.1'), proxies)).toBe('203.0.113.9');
  });

  it('is the right-most untrusted X-Forwarded-For entry when the peer is a trusted proxy', () => {
    // The client forged the left-most entry; the proxy appended the address it really saw.
    expect(clientAddress(request('127.0.0.1', '1.2.3.4, 203.0.113.9'), proxies)).toBe('203.0.113.9');
    // Two proxies in a row (the edge one, then the local one).
    expect(clientAddress(request('127.0.0.1', '1.2.3.4, 203.0.113.9, 10.0.0.2'), proxies)).toBe('203.0.113.9');
    // Several headers are one list.
    expect(clientAddress(request('127.0.0.1', ['1.2.3.4', '203.0.113.9']), proxies)).toBe('203.0.113.9');
  });

  it('reads entries with ports and IPv6 in brackets, and spells IPv6 one way', () => {
    expect(clientAddress(request('127.0.0.1', '203.0.113.9:51234'), proxies)).toBe('203.0.113.9');
    expect(clientAddress(request('::1', '[2001:DB8::1]:443'), proxies)).toBe('2001:db8:0:0:0:0:0:1');
    expect(clientAddress(request('0:0:0:0:0:0:0:1', '2001:db8::1'), proxies)).toBe('2001:db8:0:0:0:0:0:1');
  });

  it('stops at the last trusted hop when an entry is not an address', () => {
    expect(clientAddress(request('127.0.0.1', 'unknown'), proxies)).toBe('127.0.0.1');
    expect(clientAddress(request('127.0.0.1', '203.0.113.9, garbage, 10.0.0.2'), proxies)).toBe('10.0.0.2');
  });

  it('is the proxy itself when it sends no X-Forwarded-For, or only trusted hops', () => {
    expect(clientAddress(request('127.0.0.1'), proxies)).toBe('127.0.0.1');
    expect(clientAddress(request('127.0.0.1', '10.0.0.2'), proxies)).toBe('10.0.0.2');
  });

  it('believes no X-Forwarded-For when no proxy is trusted', () => {
    expect(clientAddress(request('127.0.0.1', '203.0.113.9'), trustedProxySet([]))).toBe('127.0.0.1');
  });

  it('spells each address one way', () => {
    expect(canonicalIp('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(canonicalIp('0:0:0:0:0:ffff:c000:0201')).toBe('192.0.2.1');
    expect(canonicalIp('[fe80::1%eth0]')).toBe('fe80:0:0:0:0:0:0:1');
    expect(canonicalIp('::')).toBe('0:0:0:0:0:0:0:0');
    expect(canonicalIp('not an ip')).toBeNull();
    expect(() => trustedProxySet(['proxy.lan'])).toThrow(/n'est pas une adresse IP/);
  });
});
