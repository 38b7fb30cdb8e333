/**
 * Keeping credentials out of errors and logs: URLs lose their userinfo and
 * secret-looking query values, header maps lose auth-ish values, and known
 * credential values are scrubbed from any string.
 */

const MASK = '***';

/** Header names whose values are never shown. */
const SECRET_HEADER = /auth|cookie|token|secret|passw|api-?key|app(lication)?-?key|subscription-?key|session|signature|credential/i;

/** Query parameter names whose values are never shown (besides the API's apiKey-in-query names). */
const SECRET_QUERY = /^((ap[ip][-_]?)?key|(access[-_]?)?token|(client[-_]?)?secret|password|sig(nature)?|x-amz-(signature|credential|security-token))$/i;

/** Removes userinfo and masks the values of secret query parameters, keeping the rest of the URL as sent. */
export function redactUrl(url: string, secretQueryNames: ReadonlySet<string> = new Set()): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  parsed.username = '';
  parsed.password = '';
  // Reassigned even when nothing is masked: setting `search` normalises its encoding.
  const query = parsed.search.slice(1);
  if (query) {
    parsed.search = query.replace(/(^|&)([^&=]*)=[^&]*/g, (part, sep: string, name: string) => {
      const decoded = safeDecode(name);
      return SECRET_QUERY.test(decoded) || secretQueryNames.has(decoded.toLowerCase()) ? `${sep}${name}=${MASK}` : part;
    });
  }
  return parsed.href;
}

/** Response or request headers as a plain object with auth-ish values masked. */
export function redactHeaders(headers: Headers, secretNames: ReadonlySet<string> = new Set()): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    out[name] = SECRET_HEADER.test(name) || secretNames.has(name) ? MASK : value;
  });
  return out;
}

/** Replaces every occurrence of a secret in the strings of a JSON-like value (deeply). */
export function scrub<T>(value: T, secrets: Iterable<string>): T {
  const list = [...secrets].filter((s) => s.length >= 4);
  if (!list.length) return value;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return list.reduce((s, secret) => s.split(secret).join(MASK), v);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    }
    return v;
  };
  return walk(value) as T;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}
