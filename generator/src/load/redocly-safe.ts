/**
 * Redocly's walkers index plain objects with keys from the document, so a
 * property, schema or path named like an `Object.prototype` member
 * (`constructor`, `hasOwnProperty`, `__proto__`, …) crashes it ("Cannot
 * convert undefined or null to object") or yields bogus `struct` errors.
 * Such names are legal in OpenAPI (a `constructor` field, say). Redocly is
 * therefore given a copy where those keys, and the `$ref` tokens naming them,
 * carry a private-use prefix; its problems and its bundle are mapped back.
 */
const PROTOTYPE_NAMES = new Set(Object.getOwnPropertyNames(Object.prototype));
/** U+F8FF (private use) + a tag: never in a real document. */
const MARK = '\uF8FFcg:';
const ENCODED_MARK = encodeURIComponent(MARK);

const needsMark = (key: string) => PROTOTYPE_NAMES.has(key) || key.startsWith(MARK);

/** Whether the document has any key Redocly cannot handle (cheap scan; no copy when not). */
export function hasPrototypeKeys(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length) {
    const node = stack.pop();
    if (typeof node !== 'object' || node === null) continue;
    if (Array.isArray(node)) {
      stack.push(...node);
      continue;
    }
    for (const key of Object.keys(node)) {
      if (needsMark(key)) return true;
      stack.push((node as Record<string, unknown>)[key]);
    }
  }
  return false;
}

function mapRef(ref: string, token: (t: string) => string): string {
  const hash = ref.indexOf('#');
  if (hash === -1) return ref;
  const fragment = ref.slice(hash + 1);
  return `${ref.slice(0, hash + 1)}${fragment
    .split('/')
    .map((t, i) => (i === 0 ? t : token(t)))
    .join('/')}`;
}

function decode(t: string): string {
  try {
    return decodeURIComponent(t);
  } catch {
    return t;
  }
}

type Json = Record<string, unknown>;

function transformDocument(value: unknown, key: (k: string) => string, ref: (r: string) => string, mappingValue: (v: string) => string): unknown {
  const visit = (node: unknown, parentKey: string | undefined): unknown => {
    if (typeof node !== 'object' || node === null) return node;
    if (Array.isArray(node)) return node.map((v) => visit(v, undefined));
    const out: Record<string, unknown> = {};
    // A Server Object: its URL's `{name}`s must keep matching the (renamed) variables.
    const isServer = typeof (node as Json).url === 'string' && typeof (node as Json).variables === 'object';
    for (const [k, v] of Object.entries(node)) {
      const nk = key(k);
      let nv: unknown;
      if (k === '$ref' && typeof v === 'string') nv = ref(v);
      else if (isServer && k === 'url') nv = (v as string).replace(/\{([^{}]+)\}/g, (_, name: string) => `{${key(name)}}`);
      else if (parentKey === 'mapping' && typeof v === 'string') nv = mappingValue(v);
      else nv = visit(v, k);
      Object.defineProperty(out, nk, { value: nv, enumerable: true, writable: true, configurable: true });
    }
    return out;
  };
  return visit(value, undefined);
}

/** The copy Redocly sees. */
export function protect(value: unknown): unknown {
  const token = (t: string) => (needsMark(decode(t).replace(/~1/g, '/').replace(/~0/g, '~')) ? `${ENCODED_MARK}${t}` : t);
  return transformDocument(
    value,
    (k) => (needsMark(k) ? `${MARK}${k}` : k),
    (r) => mapRef(r, token),
    (v) => (v.includes('#') ? mapRef(v, token) : needsMark(v) ? `${MARK}${v}` : v),
  );
}

/** Back from Redocly's copy (its bundle). */
export function unprotect(value: unknown): unknown {
  const token = (t: string) => (t.startsWith(ENCODED_MARK) ? t.slice(ENCODED_MARK.length) : t.startsWith(MARK) ? t.slice(MARK.length) : t);
  return transformDocument(
    value,
    (k) => (k.startsWith(MARK) ? k.slice(MARK.length) : k),
    (r) => mapRef(r, token),
    (v) => (v.includes('#') ? mapRef(v, token) : v.startsWith(MARK) ? v.slice(MARK.length) : v),
  );
}

/** Text from Redocly (messages, pointers) with the marks removed. */
export function unmark(text: string): string {
  return text.split(ENCODED_MARK).join('').split(MARK).join('');
}
