/**
 * Names of the client options that carry credentials and server variables.
 * They sit in one interface next to the runtime's own `ClientOptions`, so
 * they must be unique and must not shadow a runtime option (a server
 * variable named `env` or `headers` would otherwise change what the runtime
 * reads). Collisions are renamed deterministically with a warning:
 * credentials first (`fetch` → `fetchCredential`), then server variables of
 * `servers[0]` in spec order (`env` → `envVariable`), then `2`, `3`, … .
 */
import type { ServerDescriptor } from '../../../packages/runtime/src/core/descriptor.js';
import type { SecuritySchemeModel } from '../model/api-model.js';
import type { CredentialModel, Warning } from '../model/api-model.js';
import { pointerOf } from '../load/spec-error.js';

/** Keys of the runtime's `ClientOptions` (packages/runtime/src/core/options.ts); test/generator checks this list against the type. */
export const RUNTIME_CLIENT_OPTIONS = ['baseUrl', 'fetch', 'headers', 'maxRetries', 'timeoutMs', 'logger', 'userAgent', 'env'] as const;

export function assignOptionNames(
  servers: ServerDescriptor[],
  securitySchemes: Record<string, SecuritySchemeModel>,
  credentials: Record<string, CredentialModel>,
  warnings: Warning[],
): void {
  // Object.prototype members too: `{}` (the default options) would not match an option named `toString`.
  const taken = new Set<string>([...RUNTIME_CLIENT_OPTIONS, ...Object.getOwnPropertyNames(Object.prototype)]);
  const unique = (wanted: string, suffix: string) => {
    const base = wanted && !taken.has(wanted) ? wanted : `${wanted || 'option'}${suffix}`;
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base}${n}`;
    taken.add(name);
    return name;
  };

  const renames = new Map<string, string>();
  for (const option of Object.keys(credentials)) {
    const name = unique(option, 'Credential');
    if (name !== option) renames.set(option, name);
  }
  if (renames.size) {
    const entries = Object.entries(credentials);
    for (const key of Object.keys(credentials)) delete credentials[key];
    for (const [option, c] of entries) {
      const name = renames.get(option) ?? option;
      credentials[name] = c;
      if (name !== option) {
        warnings.push({
          pointer: pointerOf('components', 'securitySchemes', c.scheme),
          message: `credential option "${option}" would clash with another client option; it is named ${name}`,
        });
      }
    }
    for (const scheme of Object.values(securitySchemes)) {
      scheme.option = renames.get(scheme.option) ?? scheme.option;
      if ('passwordOption' in scheme) scheme.passwordOption = renames.get(scheme.passwordOption) ?? scheme.passwordOption;
    }
  }

  const variables = servers[0]?.variables ?? {};
  for (const [variable, v] of Object.entries(variables)) {
    if (v.option === undefined) continue;
    const name = unique(v.option, 'Variable');
    if (name !== v.option) {
      warnings.push({
        pointer: pointerOf('servers', 0, 'variables', variable),
        message: `server variable option "${v.option}" would clash with another client option; it is named ${name}`,
      });
      (v as { option?: string }).option = name;
    }
  }
}
