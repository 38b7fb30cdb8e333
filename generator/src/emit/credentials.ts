/** Credential options in the order users meet them: the API's preferred security alternative first. */
import type { ApiModel, CredentialModel } from '../model/api-model.js';
import { byCodePoint } from '../order.js';
import { docText } from './text.js';

export function credentialEntries(model: ApiModel): [string, CredentialModel][] {
  const order = [...model.security, ...model.operations.flatMap((o) => o.security ?? [])].flat();
  const rank = (c: CredentialModel) => {
    const i = order.indexOf(c.scheme);
    return i === -1 ? order.length : i;
  };
  return Object.entries(model.credentials).sort(([a, ca], [b, cb]) => rank(ca) - rank(cb) || byCodePoint(a, b));
}

/** `// credentials from DD_API_KEY, DD_APP_KEY` for a `createClient()` / `createCore()` example, or `''` when no credential has an env var. */
export function credentialsComment(model: ApiModel): string {
  const envs = Object.values(model.credentials).flatMap((c) => (c.env ? [docText(c.env).replace(/\n/g, ' ')] : []));
  return envs.length ? ` // credentials from ${envs.join(', ')}` : '';
}
