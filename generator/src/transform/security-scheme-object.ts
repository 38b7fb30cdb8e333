/**
 * Security Scheme Objects + provider credentials → the schemes the client
 * applies and the options that carry the credentials.
 */
import type { SecurityRequirement } from '../../../packages/runtime/src/core/descriptor.js';
import type { CredentialModel, SecuritySchemeModel, Warning } from '../model/api-model.js';
import type { OpenAPIDocument, SecurityRequirementObject, SecuritySchemeObject } from '../model/openapi.js';
import type { ProviderConfig } from '../provider/provider-config.js';
import { pointerOf } from '../load/spec-error.js';
import { camelCase } from './names.js';
import { ownEntry } from './own.js';
import { deref } from './ref.js';

export interface SecurityModel {
  securitySchemes: Record<string, SecuritySchemeModel>;
  credentials: Record<string, CredentialModel>;
}

export function transformSecurityRequirements(reqs: SecurityRequirementObject[] | undefined): SecurityRequirement[] {
  return (reqs ?? []).map((r) => Object.keys(r));
}

/** Schemes referenced by the document's top-level or operation security. */
export function usedSchemes(doc: OpenAPIDocument, operationSecurity: SecurityRequirement[][]): string[] {
  const names = new Set<string>();
  for (const req of [transformSecurityRequirements(doc.security), ...operationSecurity]) for (const alt of req) for (const n of alt) names.add(n);
  return [...names].sort();
}

export function transformSecuritySchemes(
  doc: OpenAPIDocument,
  used: string[],
  provider: ProviderConfig,
  envPrefix: string,
  warnings: Warning[],
): SecurityModel {
  // Keys come from the spec: no prototype, so `__proto__` is a key like any other.
  const securitySchemes: Record<string, SecuritySchemeModel> = Object.create(null);
  const credentials: Record<string, CredentialModel> = Object.create(null);
  const configured = Object.entries(provider.credentials ?? {});
  const schemeObject = (n: string) => {
    const raw = ownEntry(doc.components?.securitySchemes, n);
    return raw ? deref<SecuritySchemeObject>(doc, raw) : undefined;
  };
  const apiKeySchemes = used.filter((n) => schemeObject(n)?.type === 'apiKey');
  // Default option names of apiKey schemes, unique among themselves (`api-key` and `api_key` both camel-case to `apiKey`).
  const apiKeyOptions = new Map<string, string>();
  for (const n of apiKeySchemes) {
    const base = apiKeySchemes.length === 1 ? 'apiKey' : camelCase(n) || 'apiKey';
    let option = base;
    for (let i = 2; [...apiKeyOptions.values()].includes(option); i++) option = `${base}${i}`;
    apiKeyOptions.set(n, option);
  }

  for (const name of used) {
    const scheme = schemeObject(name);
    if (!scheme || typeof scheme !== 'object') continue;
    const config = configured.find(([, c]) => c.scheme === name);
    const defaultOption =
      scheme.type === 'apiKey'
        ? apiKeyOptions.get(name)!
        : scheme.type === 'http' && String(scheme.scheme).toLowerCase() === 'basic'
          ? 'username'
          : scheme.type === 'http'
            ? 'bearerToken'
            : 'accessToken';
    const option = config?.[0] ?? defaultOption;
    const envName = (o: string) => `${envPrefix}_${o.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()}`;
    const env = config?.[1].env ?? ('x-env-name' in scheme && typeof scheme['x-env-name'] === 'string' ? scheme['x-env-name'] : envName(option));
    const description = config?.[1].description ?? scheme.description;
    const base = { scheme: name, ...(env ? { env } : {}), ...(description ? { description } : {}) };

    if (scheme.type === 'apiKey') {
      const format = config?.[1].format;
      securitySchemes[name] = { type: 'apiKey', in: scheme.in, name: scheme.name, option, ...(format ? { format } : {}) };
      credentials[option] = { ...base, sentAs: `\`${scheme.name}\` ${scheme.in === 'header' ? 'header' : scheme.in === 'query' ? 'query parameter' : 'cookie'}${format ? ` as \`${format.replace('{value}', '<value>')}\`` : ''}` };
    } else if (scheme.type === 'http' && String(scheme.scheme).toLowerCase() === 'basic') {
      const passwordOption = config?.[1].passwordOption ?? 'password';
      securitySchemes[name] = { type: 'http', scheme: 'basic', option, passwordOption };
      credentials[option] = { ...base, sentAs: '`Authorization: Basic` header (username)' };
      credentials[passwordOption] = { scheme: name, env: config?.[1].passwordEnv ?? envName(passwordOption), sentAs: '`Authorization: Basic` header (password)' };
    } else if (scheme.type === 'http' || scheme.type === 'oauth2' || scheme.type === 'openIdConnect') {
      if (scheme.type === 'http' && String(scheme.scheme).toLowerCase() !== 'bearer') {
        warnings.push({ pointer: pointerOf('components', 'securitySchemes', name), message: `http scheme "${scheme.scheme}" is sent as a bearer token` });
      }
      securitySchemes[name] = { type: 'http', scheme: 'bearer', option };
      credentials[option] = { ...base, sentAs: '`Authorization: Bearer` header' };
    } else {
      warnings.push({ pointer: pointerOf('components', 'securitySchemes', name), message: `security scheme type "${scheme.type}" is not applied by the client; configure it through \`fetch\`` });
    }
  }
  return { securitySchemes, credentials };
}
