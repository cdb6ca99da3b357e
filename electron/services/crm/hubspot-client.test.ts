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

  it('gives each answer a reason, HubSpot’s own detail passed through as a parameter', () => {
    const refused = classifyHubSpotError({ code: 401, body: { message: 'expired' } });
    expect(refused).toMatchObject({ kind: 'auth', reason: 'hubspot.token_refused', params: {} });
    expect(refused.message).toBe('HubSpot a refusé le jeton (401) : il est invalide ou a été révoqué. Collez un nouveau jeton d’application privée dans Paramètres › HubSpot.');
    expect(classifyHubSpotError({ code: 403, body: { errors: [{ context: { requiredGranularScopes: ['crm.objects.contacts.read'] } }] } })).toMatchObject({
      reason: 'hubspot.scopes_missing',
      params: { scopes: 'crm.objects.contacts.read' },
    });
    expect(classifyHubSpotError({ code: 400, body: { message: 'Property "x" does not exist' } })).toMatchObject({
      reason: 'hubspot.request_refused',
      params: { status: 400, detail: 'Property "x" does not exist' },
      message: 'HubSpot a refusé la requête (400) : Property "x" does not exist',
    });
    expect(classifyHubSpotError({ code: 400, body: {} }).message).toBe('HubSpot a refusé la requête (400) : données non valides');
    expect(classifyHubSpotError({ code: 409, body: { message: 'Contact already exists. Existing ID: 12 ' } })).toMatchObject({
      reason: 'hubspot.duplicate',
      message: 'HubSpot signale un doublon (409) : Contact already exists. Existing ID: 12',
    });
    expect(classifyHubSpotError({ code: 409, body: null }).message).toBe('HubSpot signale un doublon (409) :');
    expect(classifyHubSpotError(fetchError('system', 'ECONNREFUSED'))).toMatchObject({ reason: 'hubspot.unreachable', params: { detail: expect.stringContaining('ECONNREFUSED') } });
  });

  it('calls an unreadable answer a server fault', () => {
    expect(classifyHubSpotError(fetchError('invalid-json')).kind).toBe('server');
    expect(classifyHubSpotError(new SyntaxError('Unexpected token < in JSON at position 0')).kind).toBe('server');
  });
});
