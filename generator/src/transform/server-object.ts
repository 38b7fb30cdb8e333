/** Server Objects → the client's base URL template and its variable options. */
import type { ServerModel, ServerVariableModel } from '../model/api-model.js';
import type { OpenAPIDocument } from '../model/openapi.js';
import type { ProviderConfig } from '../provider/provider-config.js';
import { camelCase } from './names.js';
import { ownEntry } from './own.js';

export function transformServerObjects(doc: OpenAPIDocument, provider: ProviderConfig): ServerModel[] {
  return (doc.servers ?? []).map((server, index) => {
    const out: ServerModel = { url: server.url };
    if (server.description) out.description = server.description;
    if (server.variables && Object.keys(server.variables).length) {
      out.variables = Object.fromEntries(
        Object.entries(server.variables).map(([name, v]) => {
          const config = ownEntry(provider.serverVariables, name);
          const variable: ServerVariableModel = { default: v.default };
          // Dedupe enum values (upstream documents repeat some) while keeping order.
          if (v.enum) variable.enum = [...new Set(v.enum)];
          // Only the first server's variables become client options.
          if (index === 0) variable.option = config?.option ?? (camelCase(name) || 'serverVariable');
          if (index === 0 && config?.env) variable.env = config.env;
          if (v.description) variable.description = v.description;
          return [name, variable];
        }),
      );
    }
    return out;
  });
}
