import { describe, expect, it } from 'vitest';
import { classifyHubSpotError } from './hubspot-client';

/** node-fetch's FetchError as the HubSpot client throws it. */
function fetchError(type: string, code?: string): Error {
  return Object.assign(new Error(`request to https://api.hubapi.com failed, reason: ${code ?? type}`), { name: 'FetchError', type, ...(code ? { code, errno: code } : {}) });
}

describe('classifyHubSpotError', () => {
  it('calls a bug of ours internal, never the network (the 1e20 duration was reported as "injoignable")', () => {
    let thrown: unknown;
    try {
      new Date(Number('100000000000000000000')).toISOString();
    } catch (error) {
      thrown = error;
    }
    const error = classifyHubSpotError(thrown);
    expect(error.kind).toBe('internal');
    expect(error.transient).toBe(false);
    expect(error.message).not.toMatch(/injoignable|réseau/);
    expect(classifyHubSpotError(new TypeError("Cannot read properties of undefined (reading 'id')")).kind).toBe('internal');
    expect(classifyHubSpotError('a string').kind).toBe('internal');
  });

  it('calls network only what never got an answer', () => {
    expect(classifyHubSpotError(fetchError('system', 'ECONNREFUSED')).kind).toBe('network');
    expect(classifyHubSpotError(fetchError('system', 'ECONNRESET')).kind).toBe('network');
    expect(classifyHubSpotError(fetchError('request-timeout')).kind).toBe('network');
    expect(classifyHubSpotError(Object.assign(new Error('getaddrinfo ENOTFOUND api.hubapi.com'), { code: 'ENOTFOUND' })).kind).toBe('network');
    expect(classifyHubSpotError(Object.assign(new Error('fetch failed'), { cause: { code: 'ETIMEDOUT' } })).kind).toBe('network');
  });

  it('calls an unreadable answer a server fault', () => {
    expect(classifyHubSpotError(fetchError('invalid-json')).kind).toBe('server');
    expect(classifyHubSpotError(new SyntaxError('Unexpected token < in JSON at position 0')).kind).toBe('server');
  });
});
