import type { ApiDescriptor } from './descriptor.js';
import { readEnv, type Env } from './env.js';
import { ClientValidationError } from './error.js';

/**
 * The base URL: the `baseUrl` option, else `servers[0].url` with each
 * `{variable}` taken from its client option, then its env var, then its
 * default. Enum variables are checked here so a typo fails at construction.
 */
export function resolveBaseUrl(api: ApiDescriptor, options: Readonly<Record<string, unknown>>, env: Env): string {
  const explicit = options.baseUrl;
  const server = api.servers[0];
  let url: string;
  if (typeof explicit === 'string' && explicit) {
    // fetch refuses such URLs, and its error would echo the password.
    if (/^[a-z][a-z\d+.-]*:\/\/[^/?#]*@/i.test(explicit)) {
      throw new ClientValidationError(`baseUrl of ${api.displayName} must not contain user:password@; pass credentials as options.`);
    }
    try {
      new URL(explicit, (globalThis as { location?: { href?: string } }).location?.href);
    } catch {
      throw new ClientValidationError(`baseUrl of ${api.displayName} is not a URL: ${JSON.stringify(explicit)}.`);
    }
    url = explicit;
  } else if (!server) {
    throw new ClientValidationError(`${api.displayName} has no server URL: pass { baseUrl }.`);
  } else {
    url = server.url.replace(/\{([^{}]+)\}/g, (_, name: string) => {
      const variable = server.variables?.[name];
      if (!variable) throw new ClientValidationError(`Server URL ${server.url} uses an undefined variable "${name}".`);
      const raw = variable.option ? options[variable.option] : undefined;
      const option = raw == null || raw === '' ? undefined : String(raw);
      const fromEnv = readEnv(env, variable.env);
      const value = option ?? fromEnv ?? variable.default;
      if (variable.enum && !variable.enum.includes(value)) {
        const source = option !== undefined ? `option ${variable.option}` : fromEnv ? variable.env : `default of ${name}`;
        throw new ClientValidationError(
          `Invalid ${variable.option ?? name} "${value}" (from ${source}) for ${api.displayName}: expected one of ${variable.enum.map((v) => `"${v}"`).join(', ')}.`,
        );
      }
      return value;
    });
  }
  return url.replace(/\/+$/, '');
}
