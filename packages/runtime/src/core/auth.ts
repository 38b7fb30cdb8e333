import type { ApiDescriptor, SecurityRequirement, SecuritySchemeDescriptor } from './descriptor.js';
import { readEnv, type Env } from './env.js';
import { ClientValidationError, MissingCredentialsError } from './error.js';
import type { Credential } from './options.js';
import { assertHeaderValue } from './params.js';

/** The credentials of one client and how to apply them. */
export interface Auth {
  /** Credential values known so far (static ones and the latest resolved rotating ones), for scrubbing error bodies. */
  readonly secrets: Iterable<string>;
  /** Lower-cased names of apiKey-in-query parameters, masked in URLs. */
  readonly secretQueryNames: ReadonlySet<string>;
  /** Lower-cased names of apiKey-in-header headers, masked in header maps. */
  readonly secretHeaderNames: ReadonlySet<string>;
  /**
   * Applies the credentials of the first `security` alternative that can be
   * met to the `headers` of a request to `url` (headers, cookie or query;
   * headers set explicitly are left alone), resolving to the URL to send to.
   * Throws `MissingCredentialsError` when none can.
   */
  apply(headers: Headers, url: string, security?: readonly SecurityRequirement[]): Promise<string>;
}

/**
 * Reads the credentials: values come from the client options (keyed by the
 * names in `api.credentials`) or from their env vars; a value may be a
 * function, called once per request. Throws `MissingCredentialsError` now when
 * the API's default security cannot be met.
 */
export function createAuth(api: ApiDescriptor, options: Readonly<Record<string, unknown>>, env: Env): Auth {
  const credentials = new Map<string, Credential>();
  const secrets = new Set<string>();
  const schemes = Object.values(api.securitySchemes);
  const schemesOf = (requirement: SecurityRequirement) => requirement.map((name) => api.securitySchemes[name]);

  /** Keeps the latest 32 credential values (a rotating token adds one per request). */
  const remember = (secret: string) => {
    secrets.delete(secret);
    secrets.add(secret);
    if (secrets.size > 32) secrets.delete(secrets.values().next().value as string);
  };

  /**
   * The schemes of the first alternative whose credentials are all available
   * (an anonymous `[]` alternative only when no other one is).
   */
  const select = (security: readonly SecurityRequirement[]) => {
    const found = security.find((r) => r.length && schemesOf(r).every((s) => s && optionsOf(s).every((o) => credentials.has(o))));
    if (found) return schemesOf(found) as SecuritySchemeDescriptor[];
    if (!security.length || security.some((r) => !r.length)) return [];
    // `Missing credentials for X: pass { apiKey, appKey } to createClient or set DD_API_KEY and DD_APP_KEY.`
    const alternatives = security.flatMap((requirement) => {
      const required = schemesOf(requirement);
      if (!required.every(Boolean)) return [];
      const names = [...new Set(required.flatMap((s) => optionsOf(s as SecuritySchemeDescriptor)))];
      const envs = names.flatMap((o) => api.credentials[o]?.env ?? []);
      return [`pass { ${names.join(', ')} } to createClient${envs.length ? ` or set ${envs.join(', ').replace(/, ([^,]*)$/, ' and $1')}` : ''}`];
    });
    throw new MissingCredentialsError(`Missing credentials for ${api.displayName}: ${alternatives.join('; or ') || 'no supported security scheme'}.`);
  };

  /** Reads a credential, calling it when it is a function; rejects line breaks, and empty values unless `empty` (basic auth). */
  const resolve = async (option: string, empty?: boolean): Promise<string> => {
    const credential = credentials.get(option);
    const value = typeof credential === 'function' ? await credential() : credential;
    const problem = typeof value !== 'string' || !(value || empty) ? 'resolved to an empty value' : /[\r\n\0]/.test(value) ? 'contains a line break' : '';
    if (problem) throw new ClientValidationError(`Credential ${option} for ${api.displayName} ${problem}.`);
    remember(value as string);
    return value as string;
  };

  // Every option a scheme names counts, even one the generator forgot to list in `credentials`.
  for (const name of new Set([...Object.keys(api.credentials), ...schemes.flatMap(optionsOf)])) {
    const option = options[name];
    // A string option is a value even when empty (basic auth: Stripe's secret key as username, no password); only
    // an absent one falls back to the env var. Where '' means nothing (a key, a token), using it is an error.
    const value = typeof option === 'function' || typeof option === 'string' ? option : readEnv(env, api.credentials[name]?.env);
    if (value != null) credentials.set(name, value as Credential);
    if (typeof value === 'string') remember(value);
  }
  const names = (where: string) => new Set(schemes.flatMap((s) => (s.type === 'apiKey' && s.in === where ? [s.name.toLowerCase()] : [])));
  const auth: Auth = {
    secrets,
    secretQueryNames: names('query'),
    secretHeaderNames: names('header'),
    async apply(headers, url, security = api.security) {
      const request = { headers, url };
      for (const scheme of select(security)) {
        const value = await resolve(scheme.option, 'encode' in scheme);
        if (scheme.type === 'apiKey') {
          const formatted = scheme.format?.split('{value}').join(value) ?? value;
          if (scheme.in === 'header') setHeader(headers, scheme.name, formatted);
          else scheme.place(request, scheme.name, formatted);
        } else if (scheme.scheme === 'bearer') {
          setHeader(headers, 'Authorization', `Bearer ${value}`);
        } else {
          const token = scheme.encode(value, await resolve(scheme.passwordOption, true));
          remember(token);
          setHeader(headers, 'Authorization', `Basic ${token}`);
        }
      }
      return request.url;
    },
  };
  if (api.security.length) select(api.security);
  return auth;
}

/** Client options a scheme needs. */
function optionsOf(scheme: SecuritySchemeDescriptor): string[] {
  return scheme.type === 'http' && scheme.scheme === 'basic' ? [scheme.option, scheme.passwordOption] : [scheme.option];
}

/** Sets a credential header unless the call set it explicitly; rejects values that could split the request. */
function setHeader(headers: Headers, name: string, value: string): void {
  assertHeaderValue(name, value);
  if (!headers.has(name)) headers.set(name, value);
}

/** Where a credential that is not a header goes: the request's URL or headers, updated in place. */
export type CredentialPlacement = (request: { headers: Headers; url: string }, name: string, value: string) => void;

/** An apiKey in the query string: appended as `name=value`. */
export function inQuery(request: { url: string }, name: string, value: string): void {
  const url = new URL(request.url);
  url.search = [url.search.slice(1), `${encodeURIComponent(name)}=${encodeURIComponent(value)}`].filter(Boolean).join('&');
  request.url = url.href;
}

/** An apiKey in a cookie: added to the `Cookie` header. */
export function inCookie(request: { headers: Headers }, name: string, value: string): void {
  const cookie = [request.headers.get('cookie'), `${name}=${value}`].filter(Boolean).join('; ');
  assertHeaderValue('Cookie', cookie);
  request.headers.set('Cookie', cookie);
}

/** The token of HTTP basic auth: base64 of the UTF-8 bytes of `username:password` (works in Node and browsers). */
export function basicToken(username: string, password: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(`${username}:${password}`)) binary += String.fromCharCode(byte);
  return btoa(binary);
}
