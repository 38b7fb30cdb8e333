import type { ApiDescriptor, SecurityRequirement, SecuritySchemeDescriptor } from './descriptor.js';
import { readEnv, type Env } from './env.js';
import { ClientValidationError, MissingCredentialsError } from './error.js';
import type { Credential } from './options.js';
import { assertHeaderValue } from './params.js';

/**
 * Credentials and how to apply them. Values come from the client options
 * (keyed by the names in `api.credentials`) or from their env vars; a value may
 * be a function, called once per request.
 */
export class Auth {
  readonly #api: ApiDescriptor;
  readonly #credentials = new Map<string, Credential>();
  /** Credential values seen so far, for scrubbing error bodies (bounded). */
  readonly #secrets = new Set<string>();
  /** Lower-cased names of apiKey-in-query parameters, masked in URLs. */
  readonly secretQueryNames: ReadonlySet<string>;
  /** Lower-cased names of apiKey-in-header headers, masked in header maps. */
  readonly secretHeaderNames: ReadonlySet<string>;

  constructor(api: ApiDescriptor, options: Readonly<Record<string, unknown>>, env: Env) {
    this.#api = api;
    const schemes = Object.values(api.securitySchemes);
    // Every option a scheme names counts, even one the generator forgot to list in `credentials`.
    for (const name of new Set([...Object.keys(api.credentials), ...schemes.flatMap(optionsOf)])) {
      const option = options[name];
      const value = typeof option === 'function' || (typeof option === 'string' && option) ? option : readEnv(env, api.credentials[name]?.env);
      if (value) this.#credentials.set(name, value as Credential);
      if (typeof value === 'string') this.#remember(value);
    }
    const names = (where: string) =>
      new Set(schemes.flatMap((s) => (s.type === 'apiKey' && s.in === where ? [s.name.toLowerCase()] : [])));
    this.secretQueryNames = names('query');
    this.secretHeaderNames = names('header');
    if (api.security.length) this.select(api.security);
  }

  /** Credential values known so far (static ones and the latest resolved rotating ones). */
  get secrets(): Iterable<string> {
    return this.#secrets;
  }

  /**
   * The schemes of the first alternative whose credentials are all available
   * (an anonymous `[]` alternative only when no other one is); throws
   * `MissingCredentialsError` when credentials are required and none fit.
   */
  select(security: readonly SecurityRequirement[]): SecuritySchemeDescriptor[] {
    let anonymous = security.length === 0;
    for (const requirement of security) {
      if (!requirement.length) {
        anonymous = true;
        continue;
      }
      const schemes = requirement.map((name) => this.#api.securitySchemes[name]);
      if (schemes.every((s) => s && optionsOf(s).every((o) => this.#credentials.has(o)))) {
        return schemes as SecuritySchemeDescriptor[];
      }
    }
    if (anonymous) return [];
    throw new MissingCredentialsError(this.#missingMessage(security));
  }

  /**
   * Applies the selected credentials to `request` (headers, cookie or query).
   * Headers already set explicitly on the request are left alone.
   */
  async apply(request: Request, security: readonly SecurityRequirement[] = this.#api.security): Promise<Request> {
    const cookies: string[] = [];
    const query: string[] = [];
    const set = (name: string, value: string) => {
      assertHeaderValue(name, value);
      if (!request.headers.has(name)) request.headers.set(name, value);
    };
    for (const scheme of this.select(security)) {
      const value = await this.#resolve(scheme.option);
      if (scheme.type === 'apiKey') {
        const formatted = (scheme.format ?? '{value}').split('{value}').join(value);
        if (scheme.in === 'header') set(scheme.name, formatted);
        else if (scheme.in === 'cookie') cookies.push(`${scheme.name}=${formatted}`);
        else query.push(`${encodeURIComponent(scheme.name)}=${encodeURIComponent(formatted)}`);
      } else if (scheme.scheme === 'bearer') {
        set('Authorization', `Bearer ${value}`);
      } else {
        const token = base64(`${value}:${await this.#resolve(scheme.passwordOption)}`);
        this.#remember(token);
        set('Authorization', `Basic ${token}`);
      }
    }
    if (cookies.length) {
      const existing = request.headers.get('cookie');
      const cookie = [existing, ...cookies].filter(Boolean).join('; ');
      assertHeaderValue('Cookie', cookie);
      request.headers.set('Cookie', cookie);
    }
    if (!query.length) return request;
    const url = new URL(request.url);
    url.search = [url.search.slice(1), ...query].filter(Boolean).join('&');
    return rebuild(request, url.href);
  }

  /** Reads a credential, calling it when it is a function; rejects empty values and line breaks. */
  async #resolve(option: string): Promise<string> {
    const credential = this.#credentials.get(option);
    const value = typeof credential === 'function' ? await credential() : credential;
    if (typeof value !== 'string' || !value) {
      throw new ClientValidationError(`Credential ${option} for ${this.#api.displayName} resolved to an empty value.`);
    }
    if (/[\r\n\0]/.test(value)) {
      throw new ClientValidationError(`Credential ${option} for ${this.#api.displayName} contains a line break.`);
    }
    this.#remember(value);
    return value;
  }

  #remember(secret: string): void {
    this.#secrets.delete(secret);
    this.#secrets.add(secret);
    if (this.#secrets.size > 32) this.#secrets.delete(this.#secrets.values().next().value as string);
  }

  /** `Missing credentials for X: pass { apiKey, appKey } to createClient or set DD_API_KEY and DD_APP_KEY.` */
  #missingMessage(security: readonly SecurityRequirement[]): string {
    const alternatives = security.flatMap((requirement) => {
      const schemes = requirement.map((name) => this.#api.securitySchemes[name]);
      if (!requirement.length || !schemes.every(Boolean)) return [];
      const options = [...new Set(schemes.flatMap((s) => optionsOf(s as SecuritySchemeDescriptor)))];
      const envs = options.flatMap((o) => this.#api.credentials[o]?.env ?? []);
      return [`pass { ${options.join(', ')} } to createClient${envs.length ? ` or set ${andList(envs)}` : ''}`];
    });
    return `Missing credentials for ${this.#api.displayName}: ${alternatives.join('; or ') || 'no supported security scheme'}.`;
  }
}

/** Client options a scheme needs. */
function optionsOf(scheme: SecuritySchemeDescriptor): string[] {
  return scheme.type === 'http' && scheme.scheme === 'basic' ? [scheme.option, scheme.passwordOption] : [scheme.option];
}

function andList(items: string[]): string {
  return items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}` : (items[0] ?? '');
}

/** Base64 of the UTF-8 bytes of `text` (works in Node and browsers). */
function base64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** The same request at another URL (the body is buffered; only used for apiKey-in-query). */
async function rebuild(request: Request, url: string): Promise<Request> {
  const body = request.body ? await request.arrayBuffer() : undefined;
  return new Request(url, {
    method: request.method,
    headers: request.headers,
    body,
    signal: request.signal,
    redirect: request.redirect,
    credentials: request.credentials,
  });
}
