/**
 * Breaking-change detection between two OpenAPI 3.0/3.1 documents.
 *
 *   diffSpecs(old, new) → { changes: [{ level, rule, location, message }], bump }
 *
 * The comparison is at the level a user of the generated client feels, not
 * the text: local `$ref`s are followed on both sides (an inline schema and a
 * `$ref` to an equal named schema are the same), key order and YAML style do
 * not matter, operations are matched by method and path template (`{id}` and
 * `{run_id}` in the same place are one path), parameters by `in` + `name`.
 * The rules and their levels are in diff-rules.ts.
 *
 * Locations: `pointer` is an RFC 6901 JSON pointer into the document that
 * holds the thing — the OLD document for something removed, the NEW one
 * otherwise — and `operation` is `METHOD /path` when the change is inside an
 * operation. A schema shared through `$ref` is compared once per direction
 * (request/response); its changes point into the component and name the
 * first operation that uses it.
 */
import { pointerOf, pointerTokens } from '../load/spec-error.js';
import { deepEqual } from './overlay.js';
import { LEVELS, RULES, maxLevel, type BumpLevel, type ChangeLevel, type RuleId } from './diff-rules.js';

export type { BumpLevel, ChangeLevel, RuleId } from './diff-rules.js';
export { RULES } from './diff-rules.js';

export interface ChangeLocation {
  /** JSON pointer (without `#`) into the old document (removals) or the new one. */
  pointer: string;
  /** `GET /models/{model_id}/model_runs` when the change is inside an operation. */
  operation?: string;
}

export interface Change {
  level: ChangeLevel;
  rule: RuleId;
  location: ChangeLocation;
  /** What changed, in words (no trailing period). */
  message: string;
}

export interface DiffReport {
  changes: Change[];
  /** The largest level among the changes; `none` when there are none. */
  bump: BumpLevel;
}

/** One report line: `major parameter-removed GET /a #/paths/~1a/get/parameters/0: query parameter "q" was removed`. */
export function formatChange(c: Change): string {
  return `${c.level} ${c.rule} ${formatLocation(c.location)}: ${c.message}`;
}

export function formatLocation(l: ChangeLocation): string {
  return `${l.operation ? `${l.operation} ` : ''}#${l.pointer}`;
}

/** The report as `clientgen diff` prints it: one line per change, then `bump: <level>`. */
export function formatReport(report: DiffReport): string {
  return [...report.changes.map(formatChange), `bump: ${report.bump}`].join('\n') + '\n';
}

export function bumpOf(changes: readonly Change[]): BumpLevel {
  return changes.reduce<BumpLevel>((acc, c) => maxLevel(acc, c.level), 'none');
}

export function diffSpecs(oldDoc: unknown, newDoc: unknown): DiffReport {
  const d = new Differ(asObject(oldDoc), asObject(newDoc));
  d.run();
  const order = (c: Change) => LEVELS.length - LEVELS.indexOf(c.level);
  // Stable: by level (major first), then in the order found.
  const changes = d.changes.map((c, i) => ({ c, i })).sort((a, b) => order(a.c) - order(b.c) || a.i - b.i).map((x) => x.c);
  return { changes, bump: bumpOf(changes) };
}

// ---------------------------------------------------------------------------

type Obj = Record<string, unknown>;
type Side = 'old' | 'new';
type Direction = 'request' | 'response';

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function asObject(v: unknown): Obj {
  return isObject(v) ? v : {};
}

/** A node and where it is, in one document. */
interface At {
  node: unknown;
  pointer: string;
}

/** The same logical place in both documents. */
interface Pair {
  old: At;
  new: At;
}

/** What a change is about, for messages: e.g. subject "the 200 response", path "data[].state". */
interface Subject {
  operation?: string;
  direction: Direction;
  /** `the request body`, `query parameter \`page\``, `the 200 response (application/json)`. */
  what: string;
  /** Property path inside it, e.g. `data[].state`; '' for the value itself. */
  path: string;
}

function describe(s: Subject): string {
  return s.path ? `\`${s.path}\` in ${s.what}` : s.what;
}

function child(ptr: string, ...tokens: (string | number)[]): string {
  return ptr + pointerOf(...tokens);
}

function q(v: unknown): string {
  return typeof v === 'string' ? `"${v}"` : JSON.stringify(v);
}

/** A value for messages; `absent` when there is none. */
function show(v: unknown, absent = 'none'): string {
  return v === undefined ? absent : q(v);
}

function list(values: Iterable<unknown>): string {
  return [...values].map(q).join(', ');
}

/** `true` for statuses whose removal breaks callers that rely on them. */
function isSuccessStatus(status: string): boolean {
  return status === 'default' || /^[23]/.test(status);
}

const SCHEMA_DOC_KEYS = ['description', 'title'];
const EXAMPLE_KEYS = ['example', 'examples'];
const MIN_KEYS = ['minimum', 'minLength', 'minItems', 'minProperties'];
const MAX_KEYS = ['maximum', 'maxLength', 'maxItems', 'maxProperties'];
const OTHER_CONSTRAINTS = ['exclusiveMinimum', 'exclusiveMaximum', 'pattern', 'multipleOf', 'uniqueItems'];
const SCHEMA_HANDLED = new Set([
  'type', 'nullable', 'format', 'enum', 'const', 'properties', 'required', 'items', 'allOf', 'anyOf', 'oneOf',
  'additionalProperties', 'default', 'deprecated', 'externalDocs',
  ...SCHEMA_DOC_KEYS, ...EXAMPLE_KEYS, ...MIN_KEYS, ...MAX_KEYS, ...OTHER_CONSTRAINTS,
]);

/** A schema seen through `$ref`s and `allOf`, ready to compare. */
interface SchemaView {
  raw: Obj;
  pointer: string;
  /** Refs followed to get here (for cycle and dedupe keys). */
  refTarget?: string;
  /** `undefined` = any type. */
  types?: Set<string>;
  enumValues?: unknown[];
  properties: Map<string, At>;
  required: Set<string>;
  /** Pointer of the `required` array, for messages. */
  items?: At;
  variants?: { key: 'oneOf' | 'anyOf'; list: At[] };
  additional?: At;
}

class Differ {
  readonly changes: Change[] = [];
  private readonly seen = new Set<string>();
  private readonly visitedSchemas = new Set<string>();

  constructor(
    private readonly oldDoc: Obj,
    private readonly newDoc: Obj,
  ) {}

  private add(rule: RuleId, side: Side, pair: Pair, message: string, operation?: string): void {
    const pointer = side === 'old' ? pair.old.pointer : pair.new.pointer;
    const key = `${rule}|${pointer}|${message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.changes.push({ level: RULES[rule].level, rule, location: { pointer, ...(operation ? { operation } : {}) }, message });
  }

  // -- $ref ------------------------------------------------------------------

  private doc(side: Side): Obj {
    return side === 'old' ? this.oldDoc : this.newDoc;
  }

  /** Follows local `$ref`s; siblings of a `$ref` (3.1) override the target's keys. */
  private resolve(side: Side, at: At): At & { ref?: string } {
    let node = at.node;
    let pointer = at.pointer;
    let ref: string | undefined;
    const overrides: Obj = {};
    for (let hops = 0; isObject(node) && typeof node.$ref === 'string' && node.$ref.startsWith('#') && hops < 64; hops++) {
      const target = node.$ref;
      for (const [k, v] of Object.entries(node)) if (k !== '$ref' && !(k in overrides)) overrides[k] = v;
      let cur: unknown = this.doc(side);
      for (const token of pointerTokens(target.slice(1))) cur = isObject(cur) ? cur[token] : Array.isArray(cur) ? cur[Number(token)] : undefined;
      if (cur === undefined) break; // unresolvable: compare the reference itself
      ref = target;
      pointer = pointerOf(...pointerTokens(target.slice(1)));
      node = cur;
    }
    if (Object.keys(overrides).length && isObject(node) && node.$ref === undefined) node = { ...node, ...overrides };
    return { node, pointer, ...(ref ? { ref } : {}) };
  }

  private resolvePair(p: Pair): Pair & { oldRef?: string; newRef?: string } {
    const o = this.resolve('old', p.old);
    const n = this.resolve('new', p.new);
    return { old: { node: o.node, pointer: o.pointer }, new: { node: n.node, pointer: n.pointer }, ...(o.ref ? { oldRef: o.ref } : {}), ...(n.ref ? { newRef: n.ref } : {}) };
  }

  // -- document ----------------------------------------------------------------

  run(): void {
    const root: Pair = { old: { node: this.oldDoc, pointer: '' }, new: { node: this.newDoc, pointer: '' } };
    const o = this.oldDoc;
    const n = this.newDoc;
    for (const key of ['openapi', 'tags', 'externalDocs', 'jsonSchemaDialect']) {
      if (!deepEqual(o[key], n[key])) this.add('metadata-changed', 'new', at2(root, key), `${key} changed${key === 'openapi' ? ` from ${q(o[key])} to ${q(n[key])}` : ''}`);
    }
    const info = at2(root, 'info');
    const oi = asObject(info.old.node);
    const ni = asObject(info.new.node);
    for (const key of new Set([...Object.keys(oi), ...Object.keys(ni)])) {
      if (deepEqual(oi[key], ni[key])) continue;
      const scalar = typeof oi[key] !== 'object' && typeof ni[key] !== 'object';
      const rule: RuleId = key === 'description' || key === 'summary' ? 'description-changed' : 'metadata-changed';
      this.add(rule, key in ni ? 'new' : 'old', at2(info, key), `info.${key} ${scalar && rule === 'metadata-changed' ? `changed from ${show(oi[key])} to ${show(ni[key])}` : 'changed'}`);
    }
    this.compareServers(at2(root, 'servers'), undefined);
    this.compareSecurity(at2(root, 'security'), undefined, 'the API');
    this.compareSecuritySchemes();
    this.comparePaths();
    this.compareSchemaComponents();
    this.leftovers(root, new Set(['openapi', 'info', 'tags', 'externalDocs', 'jsonSchemaDialect', 'servers', 'security', 'paths', 'components']), undefined, 'the document');
  }

  /** Reports keys that no comparison handled: `x-` extensions as metadata, the rest as other-changed. */
  private leftovers(p: Pair, handled: Set<string>, operation: string | undefined, what: string): void {
    const o = asObject(p.old.node);
    const n = asObject(p.new.node);
    for (const key of new Set([...Object.keys(o), ...Object.keys(n)])) {
      if (handled.has(key) || deepEqual(o[key], n[key])) continue;
      const side: Side = key in n ? 'new' : 'old';
      const verb = !(key in o) ? 'added' : !(key in n) ? 'removed' : 'changed';
      if (key.startsWith('x-')) this.add('metadata-changed', side, at2(p, key), `extension \`${key}\` of ${what} ${verb}`, operation);
      else this.add('other-changed', side, at2(p, key), `\`${key}\` of ${what} ${verb}`, operation);
    }
  }

  // -- servers -----------------------------------------------------------------

  private compareServers(p: Pair, operation: string | undefined): void {
    const olds = Array.isArray(p.old.node) ? p.old.node.filter(isObject) : [];
    const news = Array.isArray(p.new.node) ? p.new.node.filter(isObject) : [];
    if (olds.length === 0 && news.length === 0) return;
    const where = operation ? 'operation servers' : 'servers';
    const matchedNew = new Set<number>();
    const pairs: [number, number][] = [];
    olds.forEach((s, i) => {
      const j = news.findIndex((x, k) => !matchedNew.has(k) && x.url === s.url);
      if (j >= 0) {
        matchedNew.add(j);
        pairs.push([i, j]);
      }
    });
    // Unmatched servers at the same index: the URL template changed.
    olds.forEach((s, i) => {
      if (pairs.some(([a]) => a === i)) return;
      const sp: Pair = { old: { node: s, pointer: child(p.old.pointer, i) }, new: { node: news[i], pointer: child(p.new.pointer, i) } };
      if (i < news.length && !matchedNew.has(i)) {
        matchedNew.add(i);
        pairs.push([i, i]);
        this.add('server-url-changed', 'new', sp, `server URL changed from ${q(s.url)} to ${q(news[i]!.url)}`, operation);
      } else {
        this.add('server-removed', 'old', sp, `server ${q(s.url)} was removed`, operation);
      }
    });
    news.forEach((s, j) => {
      if (!matchedNew.has(j)) this.add('server-added', 'new', { old: p.old, new: { node: s, pointer: child(p.new.pointer, j) } }, `server ${q(s.url)} was added`, operation);
    });
    if (olds[0] && news[0] && olds[0].url !== news[0].url && news.some((s) => s.url === olds[0]!.url)) {
      this.add('server-default-changed', 'new', { old: { node: olds[0], pointer: child(p.old.pointer, 0) }, new: { node: news[0], pointer: child(p.new.pointer, 0) } }, `the first (default) server is now ${q(news[0].url)} instead of ${q(olds[0].url)}`, operation);
    }
    for (const [i, j] of pairs) {
      const sp: Pair = { old: { node: olds[i], pointer: child(p.old.pointer, i) }, new: { node: news[j], pointer: child(p.new.pointer, j) } };
      this.compareServer(sp, operation, `${where}[${j}] ${q(news[j]!.url)}`);
    }
  }

  private compareServer(p: Pair, operation: string | undefined, label: string): void {
    const o = asObject(p.old.node);
    const n = asObject(p.new.node);
    if (!deepEqual(o.description, n.description)) this.add('description-changed', 'new', at2(p, 'description'), `description of ${label} changed`, operation);
    const ov = asObject(o.variables);
    const nv = asObject(n.variables);
    const vp = at2(p, 'variables');
    for (const name of new Set([...Object.keys(ov), ...Object.keys(nv)])) {
      const x = at2(vp, name);
      if (!(name in nv)) {
        this.add('server-variable-removed', 'old', x, `server variable \`${name}\` of ${label} was removed`, operation);
        continue;
      }
      if (!(name in ov)) {
        this.add('server-variable-added', 'new', x, `server variable \`${name}\` (default ${q(asObject(nv[name]).default)}) was added to ${label}`, operation);
        continue;
      }
      const a = asObject(ov[name]);
      const b = asObject(nv[name]);
      if (!deepEqual(a.default, b.default)) this.add('server-variable-default-changed', 'new', at2(x, 'default'), `default of server variable \`${name}\` changed from ${q(a.default)} to ${q(b.default)}`, operation);
      const ae = Array.isArray(a.enum) ? a.enum : undefined;
      const be = Array.isArray(b.enum) ? b.enum : undefined;
      if (ae || be) {
        const removed = (ae ?? []).filter((v) => be !== undefined && !be.some((w) => deepEqual(v, w)));
        const added = (be ?? []).filter((v) => ae !== undefined && !ae.some((w) => deepEqual(v, w)));
        if (removed.length) this.add('server-enum-value-removed', 'old', at2(x, 'enum'), `server variable \`${name}\` no longer allows ${list(removed)}`, operation);
        if (added.length) this.add('server-enum-value-added', 'new', at2(x, 'enum'), `server variable \`${name}\` now also allows ${list(added)}`, operation);
        if (ae && !be) this.add('server-enum-value-added', 'new', x, `server variable \`${name}\` is no longer restricted to ${list(ae)}`, operation);
        if (!ae && be) this.add('server-enum-value-removed', 'new', at2(x, 'enum'), `server variable \`${name}\` is now restricted to ${list(be)}`, operation);
      }
      if (!deepEqual(a.description, b.description)) this.add('description-changed', 'new', at2(x, 'description'), `description of server variable \`${name}\` changed`, operation);
      this.leftovers({ old: { node: a, pointer: x.old.pointer }, new: { node: b, pointer: x.new.pointer } }, new Set(['default', 'enum', 'description']), operation, `server variable \`${name}\``);
    }
    this.leftovers(p, new Set(['url', 'description', 'variables']), operation, label);
  }

  // -- security ------------------------------------------------------------------

  private requirementSet(node: unknown): Set<string> {
    const out = new Set<string>();
    for (const req of Array.isArray(node) ? node : []) {
      if (!isObject(req)) continue;
      const parts = Object.keys(req)
        .sort()
        .map((k) => {
          const scopes = Array.isArray(req[k]) ? [...(req[k] as unknown[])].map(String).sort() : [];
          return scopes.length ? `${k}[${scopes.join(' ')}]` : k;
        });
      out.add(parts.length ? parts.join(' + ') : '(none)');
    }
    return out;
  }

  /** Compares effective requirement lists; `inherited` are the root lists an operation falls back to. */
  private compareSecurity(p: Pair, inherited: Pair | undefined, label: string, operation?: string): void {
    const eff = (own: unknown, root: unknown) => (own !== undefined ? own : root);
    const o = this.requirementSet(eff(p.old.node, inherited?.old.node));
    const n = this.requirementSet(eff(p.new.node, inherited?.new.node));
    const removed = [...o].filter((x) => !n.has(x));
    const added = [...n].filter((x) => !o.has(x));
    if (removed.length === 0 && added.length === 0) return;
    const show = (s: Set<string>) => (s.size ? [...s].join(' | ') : 'no authentication');
    const side: Side = p.new.node === undefined && p.old.node !== undefined ? 'old' : 'new';
    this.add('security-changed', side, p, `security of ${label} changed from ${show(o)} to ${show(n)}`, operation);
  }

  private compareSecuritySchemes(): void {
    const p: Pair = {
      old: { node: asObject(asObject(this.oldDoc.components).securitySchemes), pointer: '/components/securitySchemes' },
      new: { node: asObject(asObject(this.newDoc.components).securitySchemes), pointer: '/components/securitySchemes' },
    };
    const o = p.old.node as Obj;
    const n = p.new.node as Obj;
    for (const name of new Set([...Object.keys(o), ...Object.keys(n)])) {
      const x = at2(p, name);
      if (!(name in n)) {
        this.add('security-scheme-removed', 'old', x, `security scheme \`${name}\` was removed`);
        continue;
      }
      if (!(name in o)) {
        this.add('security-scheme-added', 'new', x, `security scheme \`${name}\` was added`);
        continue;
      }
      const r = this.resolvePair(x);
      const a = asObject(r.old.node);
      const b = asObject(r.new.node);
      const functional = ['type', 'in', 'name', 'scheme', 'flows', 'openIdConnectUrl'].filter((k) => !deepEqual(a[k], b[k]));
      if (functional.length) {
        const detail = functional.map((k) => (isObject(a[k]) || isObject(b[k]) ? k : `${k} ${q(a[k])} → ${q(b[k])}`)).join(', ');
        this.add('security-scheme-changed', 'new', r, `security scheme \`${name}\` changed: ${detail}`);
      }
      if (!deepEqual(a.description, b.description)) this.add('description-changed', 'new', at2(r, 'description'), `description of security scheme ${q(name)} changed`);
      if (!deepEqual(a.bearerFormat, b.bearerFormat)) this.add('metadata-changed', 'new', at2(r, 'bearerFormat'), `bearerFormat of security scheme ${q(name)} changed`);
      this.leftovers(r, new Set(['type', 'in', 'name', 'scheme', 'flows', 'openIdConnectUrl', 'description', 'bearerFormat']), undefined, `security scheme ${q(name)}`);
    }
  }

  // -- paths and operations -----------------------------------------------------

  private comparePaths(): void {
    const op = asObject(this.oldDoc.paths);
    const np = asObject(this.newDoc.paths);
    const template = (path: string) => path.replace(/\{[^}]*\}/g, '{}');
    const byTemplate = (paths: Obj) => {
      const m = new Map<string, string[]>();
      for (const path of Object.keys(paths)) m.set(template(path), [...(m.get(template(path)) ?? []), path]);
      return m;
    };
    const ot = byTemplate(op);
    const nt = byTemplate(np);
    // old path → new path
    const match = new Map<string, string>();
    for (const path of Object.keys(op)) {
      if (path in np) match.set(path, path);
      else {
        const candidates = (nt.get(template(path)) ?? []).filter((c) => !(c in op));
        if (candidates.length === 1 && (ot.get(template(path)) ?? []).length === 1) match.set(path, candidates[0]!);
      }
    }
    const matchedNew = new Set(match.values());
    for (const oldPath of Object.keys(op)) {
      const newPath = match.get(oldPath);
      const oi: At = { node: op[oldPath], pointer: pointerOf('paths', oldPath) };
      const oItem = this.resolve('old', oi);
      if (newPath === undefined) {
        for (const m of HTTP_METHODS) {
          if (isObject(asObject(oItem.node)[m])) {
            const label = `${m.toUpperCase()} ${oldPath}`;
            this.add('operation-removed', 'old', { old: { node: null, pointer: child(oItem.pointer, m) }, new: { node: null, pointer: '' } }, `operation ${label} was removed`, label);
          }
        }
        continue;
      }
      this.comparePathItem(
        { old: oItem, new: this.resolve('new', { node: np[newPath], pointer: pointerOf('paths', newPath) }) },
        oldPath,
        newPath,
      );
    }
    for (const newPath of Object.keys(np)) {
      if (matchedNew.has(newPath)) continue;
      const nItem = this.resolve('new', { node: np[newPath], pointer: pointerOf('paths', newPath) });
      for (const m of HTTP_METHODS) {
        if (isObject(asObject(nItem.node)[m])) {
          const label = `${m.toUpperCase()} ${newPath}`;
          this.add('operation-added', 'new', { old: { node: null, pointer: '' }, new: { node: null, pointer: child(nItem.pointer, m) } }, `operation ${label} was added`, label);
        }
      }
    }
  }

  private comparePathItem(p: Pair, oldPath: string, newPath: string): void {
    const o = asObject(p.old.node);
    const n = asObject(p.new.node);
    const pathLabel = newPath;
    for (const key of ['summary', 'description']) {
      if (!deepEqual(o[key], n[key])) this.add('description-changed', 'new', at2(p, key), `${key} of path ${pathLabel} changed`);
    }
    this.compareServers(at2(p, 'servers'), `path ${pathLabel}`);
    for (const m of HTTP_METHODS) {
      const oo = o[m];
      const no = n[m];
      if (!isObject(oo) && !isObject(no)) continue;
      const label = `${m.toUpperCase()} ${isObject(no) ? newPath : oldPath}`;
      const x = at2(p, m);
      if (!isObject(no)) this.add('operation-removed', 'old', x, `operation ${label} was removed`, label);
      else if (!isObject(oo)) this.add('operation-added', 'new', x, `operation ${label} was added`, label);
      else this.compareOperation(x, p, oldPath, newPath, label);
    }
    this.leftovers(p, new Set(['$ref', 'summary', 'description', 'servers', 'parameters', ...HTTP_METHODS]), undefined, `path ${pathLabel}`);
  }

  private compareOperation(p: Pair, item: Pair, oldPath: string, newPath: string, label: string): void {
    const o = asObject(p.old.node);
    const n = asObject(p.new.node);
    if (o.operationId !== n.operationId) {
      this.add('operation-id-changed', 'new', at2(p, 'operationId'), `operationId changed from ${q(o.operationId)} to ${q(n.operationId)} (the client method name follows it)`, label);
    }
    for (const key of ['summary', 'description']) {
      if (!deepEqual(o[key], n[key])) this.add('description-changed', 'new', at2(p, key), `${key} of ${label} changed`, label);
    }
    for (const key of ['tags', 'externalDocs']) {
      if (!deepEqual(o[key], n[key])) this.add('metadata-changed', 'new', at2(p, key), `${key} of ${label} changed`, label);
    }
    if (Boolean(o.deprecated) !== Boolean(n.deprecated)) {
      this.add('deprecation-changed', 'new', at2(p, 'deprecated'), `${label} is ${n.deprecated ? 'now deprecated' : 'no longer deprecated'}`, label);
    }
    this.compareParameters(p, item, oldPath, newPath, label);
    this.compareRequestBody(at2(p, 'requestBody'), label);
    this.compareResponses(at2(p, 'responses'), label);
    if (o.security !== undefined || n.security !== undefined) {
      this.compareSecurity(at2(p, 'security'), { old: { node: this.oldDoc.security, pointer: '/security' }, new: { node: this.newDoc.security, pointer: '/security' } }, label, label);
    }
    this.compareServers(at2(p, 'servers'), label);
    this.leftovers(
      p,
      new Set(['operationId', 'summary', 'description', 'tags', 'externalDocs', 'deprecated', 'parameters', 'requestBody', 'responses', 'security', 'servers']),
      label,
      label,
    );
  }

  // -- parameters ----------------------------------------------------------------

  /** Effective parameters: path-item level, overridden by operation level; keyed `in:name`. */
  private parameters(side: Side, item: At, op: At): Map<string, { at: At; param: Obj }> {
    const out = new Map<string, { at: At; param: Obj }>();
    for (const [owner, ptr] of [
      [item.node, item.pointer],
      [op.node, op.pointer],
    ] as const) {
      const ps = asObject(owner).parameters;
      if (!Array.isArray(ps)) continue;
      ps.forEach((raw, i) => {
        const at: At = { node: raw, pointer: child(ptr, 'parameters', i) };
        const r = this.resolve(side, at);
        const param = asObject(r.node);
        if (typeof param.name !== 'string' || typeof param.in !== 'string') return;
        const name = param.in === 'header' ? param.name.toLowerCase() : param.name;
        out.set(`${param.in}:${name}`, { at: { node: r.node, pointer: at.pointer }, param });
      });
    }
    return out;
  }

  private compareParameters(p: Pair, item: Pair, oldPath: string, newPath: string, label: string): void {
    const olds = this.parameters('old', item.old, p.old);
    const news = this.parameters('new', item.new, p.new);
    // Path parameters are matched by their position in the path template.
    const names = (path: string) => [...path.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]!);
    const oNames = names(oldPath);
    const nNames = names(newPath);
    const renamedPath = new Map<string, string>();
    oNames.forEach((name, i) => {
      const to = nNames[i];
      if (to !== undefined && to !== name) renamedPath.set(`path:${name}`, `path:${to}`);
    });
    const removed: string[] = [];
    const added = new Set([...news.keys()].filter((k) => !olds.has(k)));
    for (const [key, o] of olds) {
      const newKey = news.has(key) ? key : renamedPath.get(key);
      const n = newKey !== undefined ? news.get(newKey) : undefined;
      if (!n) {
        removed.push(key);
        continue;
      }
      if (newKey !== key) {
        added.delete(newKey!);
        this.add('parameter-renamed', 'new', { old: o.at, new: n.at }, `path parameter \`${String(o.param.name)}\` was renamed to \`${String(n.param.name)}\``, label);
      }
      this.compareParameter({ old: o.at, new: n.at }, o.param, n.param, label);
    }
    // One removed and one added in the same place with the same schema: a rename.
    for (const key of [...removed]) {
      const o = olds.get(key)!;
      const sameIn = [...added].filter((k) => news.get(k)!.param.in === o.param.in);
      const removedSameIn = removed.filter((k) => olds.get(k)!.param.in === o.param.in);
      if (sameIn.length === 1 && removedSameIn.length === 1) {
        const n = news.get(sameIn[0]!)!;
        if (deepEqual(this.deref('old', o.param.schema), this.deref('new', n.param.schema))) {
          this.add('parameter-renamed', 'new', { old: o.at, new: n.at }, `${o.param.in} parameter \`${String(o.param.name)}\` was renamed to \`${String(n.param.name)}\``, label);
          removed.splice(removed.indexOf(key), 1);
          added.delete(sameIn[0]!);
          if (!o.param.required && n.param.required) this.add('parameter-became-required', 'new', { old: o.at, new: n.at }, `${n.param.in} parameter \`${String(n.param.name)}\` is now required`, label);
        }
      }
    }
    for (const key of removed) {
      const o = olds.get(key)!;
      this.add('parameter-removed', 'old', { old: o.at, new: p.new }, `${o.param.in} parameter \`${String(o.param.name)}\` was removed`, label);
    }
    for (const key of added) {
      const n = news.get(key)!;
      if (n.param.required === true) this.add('required-parameter-added', 'new', { old: p.old, new: n.at }, `required ${n.param.in} parameter \`${String(n.param.name)}\` was added`, label);
      else this.add('optional-parameter-added', 'new', { old: p.old, new: n.at }, `optional ${n.param.in} parameter \`${String(n.param.name)}\` was added`, label);
    }
  }

  private compareParameter(p: Pair, o: Obj, n: Obj, label: string): void {
    const what = `${n.in} parameter \`${String(n.name)}\``;
    if (!o.required && n.required) this.add('parameter-became-required', 'new', at2(p, 'required'), `${what} is now required`, label);
    if (o.required && !n.required) this.add('parameter-became-optional', 'new', p, `${what} is now optional`, label);
    if (Boolean(o.deprecated) !== Boolean(n.deprecated)) this.add('deprecation-changed', 'new', p, `${what} is ${n.deprecated ? 'now deprecated' : 'no longer deprecated'}`, label);
    if (!deepEqual(o.description, n.description)) this.add('description-changed', 'new', at2(p, 'description'), `description of ${what} changed`, label);
    for (const key of EXAMPLE_KEYS) if (!deepEqual(o[key], n[key])) this.add('example-changed', 'new', at2(p, key), `${key} of ${what} changed`, label);
    const styleKeys = ['style', 'explode', 'allowReserved'].filter((k) => !deepEqual(o[k], n[k]));
    if (styleKeys.length) this.add('parameter-style-changed', 'new', p, `serialisation of ${what} changed (${styleKeys.map((k) => `${k} ${show(o[k], '(default)')} → ${show(n[k], '(default)')}`).join(', ')})`, label);
    const subject: Subject = { operation: label, direction: 'request', what, path: '' };
    if (o.schema !== undefined || n.schema !== undefined) this.compareSchema(at2(p, 'schema'), subject);
    if (o.content !== undefined || n.content !== undefined) this.compareContent(at2(p, 'content'), subject);
    this.leftovers(p, new Set(['name', 'in', 'required', 'deprecated', 'description', 'style', 'explode', 'allowReserved', 'schema', 'content', ...EXAMPLE_KEYS]), label, what);
  }

  // -- bodies and responses -------------------------------------------------------

  private compareRequestBody(p: Pair, label: string): void {
    const r = this.resolvePair(p);
    const o = r.old.node;
    const n = r.new.node;
    if (o === undefined && n === undefined) return;
    if (!isObject(n)) return this.add('request-body-removed', 'old', r, `${label} no longer takes a request body`, label);
    if (!isObject(o)) {
      if (n.required === true) this.add('required-request-body-added', 'new', r, `${label} now requires a request body`, label);
      else this.add('request-body-added', 'new', r, `${label} now takes an optional request body`, label);
      return;
    }
    if (!o.required && n.required) this.add('request-body-became-required', 'new', at2(r, 'required'), `the request body of ${label} is now required`, label);
    if (o.required && !n.required) this.add('request-body-became-optional', 'new', r, `the request body of ${label} is now optional`, label);
    if (!deepEqual(o.description, n.description)) this.add('description-changed', 'new', at2(r, 'description'), `description of the request body changed`, label);
    this.compareContent(at2(r, 'content'), { operation: label, direction: 'request', what: 'the request body', path: '' });
    this.leftovers(r, new Set(['required', 'description', 'content']), label, 'the request body');
  }

  private compareContent(p: Pair, subject: Subject): void {
    const o = asObject(p.old.node);
    const n = asObject(p.new.node);
    const label = subject.operation;
    for (const type of new Set([...Object.keys(o), ...Object.keys(n)])) {
      const x = at2(p, type);
      if (!(type in n)) {
        this.add('media-type-removed', 'old', x, `${subject.what} no longer has media type ${type}`, label);
        continue;
      }
      if (!(type in o)) {
        this.add('media-type-added', 'new', x, `${subject.what} has a new media type ${type}`, label);
        continue;
      }
      const what = Object.keys(n).length > 1 || Object.keys(o).length > 1 ? `${subject.what} (${type})` : subject.what;
      const mo = asObject(o[type]);
      const mn = asObject(n[type]);
      for (const key of EXAMPLE_KEYS) if (!deepEqual(mo[key], mn[key])) this.add('example-changed', 'new', at2(x, key), `${key} of ${what} changed`, label);
      if (mo.schema !== undefined || mn.schema !== undefined) this.compareSchema(at2(x, 'schema'), { ...subject, what });
      this.leftovers(x, new Set(['schema', ...EXAMPLE_KEYS]), label, what);
    }
  }

  private compareResponses(p: Pair, label: string): void {
    const o = asObject(p.old.node);
    const n = asObject(p.new.node);
    for (const status of new Set([...Object.keys(o), ...Object.keys(n)])) {
      const x = at2(p, status);
      const what = status === 'default' ? 'the default response' : `the ${status} response`;
      if (!(status in n)) {
        if (isSuccessStatus(status)) this.add('response-removed', 'old', x, `${what} was removed`, label);
        else this.add('error-response-removed', 'old', x, `${what} is no longer documented`, label);
        continue;
      }
      if (!(status in o)) {
        this.add('response-added', 'new', x, `${what} was added`, label);
        continue;
      }
      const r = this.resolvePair(x);
      const ro = asObject(r.old.node);
      const rn = asObject(r.new.node);
      if (!deepEqual(ro.description, rn.description)) this.add('description-changed', 'new', at2(r, 'description'), `description of ${what} changed`, label);
      this.compareHeaders(at2(r, 'headers'), label, what);
      this.compareContent(at2(r, 'content'), { operation: label, direction: 'response', what, path: '' });
      this.leftovers(r, new Set(['description', 'headers', 'content']), label, what);
    }
  }

  private compareHeaders(p: Pair, label: string, response: string): void {
    const o = asObject(p.old.node);
    const n = asObject(p.new.node);
    const lower = (m: Obj) => new Map(Object.keys(m).map((k) => [k.toLowerCase(), k]));
    const ol = lower(o);
    const nl = lower(n);
    for (const key of new Set([...ol.keys(), ...nl.keys()])) {
      const ok = ol.get(key);
      const nk = nl.get(key);
      const x: Pair = { old: { node: ok ? o[ok] : undefined, pointer: child(p.old.pointer, ok ?? key) }, new: { node: nk ? n[nk] : undefined, pointer: child(p.new.pointer, nk ?? key) } };
      if (!nk) {
        this.add('response-header-removed', 'old', x, `header \`${String(ok)}\` of ${response} was removed`, label);
        continue;
      }
      if (!ok) {
        this.add('response-header-added', 'new', x, `header \`${String(nk)}\` was added to ${response}`, label);
        continue;
      }
      const r = this.resolvePair(x);
      const ho = asObject(r.old.node);
      const hn = asObject(r.new.node);
      const what = `header \`${nk}\` of ${response}`;
      if (!deepEqual(ho.description, hn.description)) this.add('description-changed', 'new', at2(r, 'description'), `description of ${what} changed`, label);
      const subject: Subject = { operation: label, direction: 'response', what, path: '' };
      if (ho.schema !== undefined || hn.schema !== undefined) this.compareSchema(at2(r, 'schema'), subject);
      this.leftovers(r, new Set(['description', 'schema', 'required', 'deprecated', 'style', 'explode', ...EXAMPLE_KEYS]), label, what);
    }
  }

  // -- schemas ------------------------------------------------------------------------

  /** A fully dereferenced copy (cycles cut), for equality tests. */
  private deref(side: Side, node: unknown, stack: string[] = []): unknown {
    if (Array.isArray(node)) return node.map((x) => this.deref(side, x, stack));
    if (!isObject(node)) return node;
    if (typeof node.$ref === 'string' && node.$ref.startsWith('#')) {
      if (stack.includes(node.$ref)) return { $cycle: node.$ref };
      const r = this.resolve(side, { node, pointer: '' });
      if (isObject(r.node) && r.node.$ref !== undefined) return r.node;
      return this.deref(side, r.node, [...stack, node.$ref]);
    }
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, this.deref(side, v, stack)]));
  }

  private view(side: Side, at: At): SchemaView {
    const r = this.resolve(side, at);
    const raw = asObject(r.node);
    const v: SchemaView = { raw, pointer: r.pointer, properties: new Map(), required: new Set() };
    if (r.ref) v.refTarget = r.ref;
    const absorb = (s: Obj, ptr: string) => {
      for (const [name, schema] of Object.entries(asObject(s.properties))) if (!v.properties.has(name)) v.properties.set(name, { node: schema, pointer: child(ptr, 'properties', name) });
      if (Array.isArray(s.required)) for (const name of s.required) v.required.add(String(name));
      if (s.items !== undefined && !v.items) v.items = { node: s.items, pointer: child(ptr, 'items') };
      if (s.additionalProperties !== undefined && !v.additional) v.additional = { node: s.additionalProperties, pointer: child(ptr, 'additionalProperties') };
    };
    absorb(raw, r.pointer);
    let types = typeSet(raw);
    let enumValues = enumOf(raw);
    // allOf: the members' properties, required names and types count as the schema's own.
    if (Array.isArray(raw.allOf)) {
      raw.allOf.forEach((m, i) => {
        const mv = this.view(side, { node: m, pointer: child(r.pointer, 'allOf', i) });
        for (const [name, a] of mv.properties) if (!v.properties.has(name)) v.properties.set(name, a);
        for (const name of mv.required) v.required.add(name);
        if (!v.items && mv.items) v.items = mv.items;
        if (!v.additional && mv.additional) v.additional = mv.additional;
        if (!types && mv.types) types = mv.types;
        if (!enumValues && mv.enumValues) enumValues = mv.enumValues;
      });
    }
    // oneOf/anyOf: [X, {type: null}] is "X or null"; otherwise a list of variants.
    for (const key of ['oneOf', 'anyOf'] as const) {
      const members = raw[key];
      if (!Array.isArray(members)) continue;
      const resolved = members.map((m, i) => ({ at: { node: m, pointer: child(r.pointer, key, i) }, node: asObject(this.resolve(side, { node: m, pointer: '' }).node) }));
      const nonNull = resolved.filter((m) => !(m.node.type === 'null' && Object.keys(m.node).every((k) => k === 'type' || SCHEMA_DOC_KEYS.includes(k))));
      if (nonNull.length === 1 && resolved.length === 2) {
        const inner = this.view(side, nonNull[0]!.at);
        for (const [name, a] of inner.properties) if (!v.properties.has(name)) v.properties.set(name, a);
        for (const name of inner.required) v.required.add(name);
        if (!v.items && inner.items) v.items = inner.items;
        if (!v.additional && inner.additional) v.additional = inner.additional;
        if (!v.variants && inner.variants) v.variants = inner.variants;
        const t = inner.types ? new Set(inner.types) : undefined;
        if (t) t.add('null');
        if (!types) types = t;
        if (!enumValues && inner.enumValues) enumValues = inner.enumValues;
        // Copy the inner format etc. for comparison of scalar keywords.
        v.raw = { ...inner.raw, ...Object.fromEntries(Object.entries(raw).filter(([k]) => k !== key)) };
      } else if (!v.variants) {
        v.variants = { key, list: resolved.map((m) => m.at) };
      }
    }
    if (!types) {
      // Implied types, so that `properties:` without `type: object` compares equal to it.
      if (v.properties.size || v.additional) types = new Set(['object']);
      else if (v.items) types = new Set(['array']);
      else if (enumValues) types = new Set(enumValues.map((e) => (e === null ? 'null' : Number.isInteger(e) ? 'integer' : typeof e === 'number' ? 'number' : Array.isArray(e) ? 'array' : typeof e)));
    }
    if (types && raw.nullable === true) types.add('null');
    if (types) v.types = types;
    if (enumValues) v.enumValues = enumValues;
    return v;
  }

  private compareSchema(p: Pair, subject: Subject): void {
    const label = subject.operation;
    const ov = this.view('old', p.old);
    const nv = this.view('new', p.new);
    // A shared schema is compared once per direction; a recursive one does not loop.
    if (ov.refTarget || nv.refTarget) {
      const key = `${subject.direction}|${ov.pointer}|${nv.pointer}`;
      if (this.visitedSchemas.has(key)) return;
      this.visitedSchemas.add(key);
    }
    const x: Pair = { old: { node: ov.raw, pointer: ov.pointer }, new: { node: nv.raw, pointer: nv.pointer } };
    const o = ov.raw;
    const n = nv.raw;
    const what = describe(subject);
    const request = subject.direction === 'request';

    // type
    if (!sameTypes(ov.types, nv.types)) {
      const widened = request && covers(nv.types, ov.types);
      this.add(widened ? 'type-widened' : 'type-changed', 'new', at2(x, 'type'), `type of ${what} changed from ${showTypes(ov.types)} to ${showTypes(nv.types)}`, label);
    }
    if (!deepEqual(o.format, n.format)) this.add('format-changed', 'new', at2(x, 'format'), `format of ${what} changed from ${show(o.format)} to ${show(n.format)}`, label);

    // enum
    const oe = ov.enumValues;
    const ne = nv.enumValues;
    if (oe && ne) {
      const removed = oe.filter((e) => !ne.some((f) => deepEqual(e, f)));
      const added = ne.filter((e) => !oe.some((f) => deepEqual(e, f)));
      if (removed.length) this.add('enum-value-removed', 'old', at2(x, 'enum'), `${what} no longer allows ${list(removed)}`, label);
      if (added.length) this.add('enum-value-added', 'new', at2(x, 'enum'), `${what} now also allows ${list(added)}`, label);
    } else if (!oe && ne) this.add('enum-added', 'new', at2(x, 'enum'), `${what} is now restricted to ${list(ne)}`, label);
    else if (oe && !ne) this.add('enum-removed', 'new', x, `${what} is no longer restricted to ${list(oe)}`, label);

    // constraints
    for (const key of [...MIN_KEYS, ...MAX_KEYS, ...OTHER_CONSTRAINTS]) {
      if (deepEqual(o[key], n[key])) continue;
      const narrowed =
        n[key] !== undefined &&
        (o[key] === undefined ||
          (MIN_KEYS.includes(key) && Number(n[key]) > Number(o[key])) ||
          (MAX_KEYS.includes(key) && Number(n[key]) < Number(o[key])) ||
          !(MIN_KEYS.includes(key) || MAX_KEYS.includes(key)));
      const rule: RuleId = request && narrowed && n[key] !== false ? 'constraint-narrowed' : 'constraint-changed';
      const msg = o[key] === undefined ? `${key} ${q(n[key])} was added to ${what}` : n[key] === undefined ? `${key} ${q(o[key])} was removed from ${what}` : `${key} of ${what} changed from ${q(o[key])} to ${q(n[key])}`;
      this.add(rule, n[key] === undefined ? 'old' : 'new', at2(x, key), msg, label);
    }
    if (!deepEqual(o.default, n.default)) this.add('default-changed', 'new', at2(x, 'default'), `default of ${what} changed from ${show(o.default)} to ${show(n.default)}`, label);
    if (Boolean(o.deprecated) !== Boolean(n.deprecated)) this.add('deprecation-changed', 'new', at2(x, 'deprecated'), `${what} is ${n.deprecated ? 'now deprecated' : 'no longer deprecated'}`, label);
    for (const key of SCHEMA_DOC_KEYS) if (!deepEqual(o[key], n[key])) this.add('description-changed', 'new', at2(x, key), `${key} of ${what} changed`, label);
    for (const key of EXAMPLE_KEYS) if (!deepEqual(o[key], n[key])) this.add('example-changed', 'new', at2(x, key), `${key} of ${what} changed`, label);
    if (!deepEqual(o.externalDocs, n.externalDocs)) this.add('metadata-changed', 'new', at2(x, 'externalDocs'), `externalDocs of ${what} changed`, label);

    // properties
    const base = subject.path;
    const prop = (name: string) => (base ? `${base}.${name}` : name);
    const side = request ? 'request' : 'response';
    for (const name of new Set([...ov.properties.keys(), ...nv.properties.keys()])) {
      const a = ov.properties.get(name);
      const b = nv.properties.get(name);
      const pp: Pair = { old: a ?? { node: undefined, pointer: ov.pointer }, new: b ?? { node: undefined, pointer: nv.pointer } };
      const pw = describe({ ...subject, path: prop(name) });
      if (!b) {
        this.add(request ? 'request-property-removed' : 'response-property-removed', 'old', pp, `property \`${prop(name)}\` was removed from ${subject.what}`, label);
        continue;
      }
      if (!a) {
        if (request && nv.required.has(name)) this.add('required-request-property-added', 'new', pp, `required property \`${prop(name)}\` was added to ${subject.what}`, label);
        else this.add(request ? 'request-property-added' : 'response-property-added', 'new', pp, `${request ? 'optional ' : ''}property \`${prop(name)}\` was added to ${subject.what}`, label);
        continue;
      }
      const wasRequired = ov.required.has(name);
      const isRequired = nv.required.has(name);
      const rp: Pair = { old: { node: null, pointer: child(ov.pointer, 'required') }, new: { node: null, pointer: child(nv.pointer, 'required') } };
      if (!wasRequired && isRequired) this.add(`${side}-property-became-required`, 'new', rp, `${pw} is now required`, label);
      if (wasRequired && !isRequired) this.add(`${side}-property-became-optional`, 'new', rp, `${pw} is now optional`, label);
      this.compareSchema(pp, { ...subject, path: prop(name) });
    }
    for (const name of nv.required) {
      if (!ov.required.has(name) && !nv.properties.has(name)) {
        const rp: Pair = { old: { node: null, pointer: child(ov.pointer, 'required') }, new: { node: null, pointer: child(nv.pointer, 'required') } };
        this.add(`${side}-property-became-required`, 'new', rp, `\`${prop(name)}\` in ${subject.what} is now required`, label);
      }
    }

    // items, additionalProperties
    if (ov.items && nv.items) this.compareSchema({ old: ov.items, new: nv.items }, { ...subject, path: `${base}[]` });
    if (ov.additional || nv.additional) {
      const a = ov.additional;
      const b = nv.additional;
      if (a && b && isObject(a.node) && isObject(b.node)) this.compareSchema({ old: a, new: b }, { ...subject, path: `${base}{*}` });
      else if (!deepEqual(a?.node, b?.node)) this.add('other-changed', b ? 'new' : 'old', { old: a ?? x.old, new: b ?? x.new }, `additionalProperties of ${what} changed`, label);
    }

    // oneOf/anyOf variants, by position
    if (ov.variants || nv.variants) {
      const a = ov.variants?.list ?? [];
      const b = nv.variants?.list ?? [];
      for (let i = 0; i < Math.max(a.length, b.length); i++) {
        const key = nv.variants?.key ?? ov.variants!.key;
        if (i >= b.length) this.add('variant-removed', 'old', { old: a[i]!, new: x.new }, `${key} alternative ${i + 1} of ${what} was removed`, label);
        else if (i >= a.length) this.add('variant-added', 'new', { old: x.old, new: b[i]! }, `${key} alternative ${i + 1} was added to ${what}`, label);
        else this.compareSchema({ old: a[i]!, new: b[i]! }, { ...subject, path: `${base}<${key}[${i}]>` });
      }
    }
    this.leftovers(x, SCHEMA_HANDLED, label, what);
  }

  /** Named schemas: their names are exported types; unreferenced ones are compared here too. */
  private compareSchemaComponents(): void {
    const o = asObject(asObject(this.oldDoc.components).schemas);
    const n = asObject(asObject(this.newDoc.components).schemas);
    const p: Pair = { old: { node: o, pointer: '/components/schemas' }, new: { node: n, pointer: '/components/schemas' } };
    for (const name of new Set([...Object.keys(o), ...Object.keys(n)])) {
      const x = at2(p, name);
      if (!(name in n)) this.add('schema-component-removed', 'old', x, `named schema \`${name}\` was removed`);
      else if (!(name in o)) this.add('schema-component-added', 'new', x, `named schema \`${name}\` was added`);
      else {
        const done = [...this.visitedSchemas].some((k) => k.endsWith(`|${x.old.pointer}|${x.new.pointer}`));
        if (!done) this.compareSchema(x, { direction: 'response', what: `schema ${q(name)}`, path: '' });
      }
    }
  }
}

function at2(p: Pair, key: string | number): Pair {
  return {
    old: { node: isObject(p.old.node) || Array.isArray(p.old.node) ? (p.old.node as Record<string, unknown>)[key] : undefined, pointer: child(p.old.pointer, key) },
    new: { node: isObject(p.new.node) || Array.isArray(p.new.node) ? (p.new.node as Record<string, unknown>)[key] : undefined, pointer: child(p.new.pointer, key) },
  };
}

function typeSet(s: Obj): Set<string> | undefined {
  if (typeof s.type === 'string') return new Set([s.type]);
  if (Array.isArray(s.type)) return new Set(s.type.map(String));
  return undefined;
}

function enumOf(s: Obj): unknown[] | undefined {
  if (Array.isArray(s.enum)) return s.enum;
  if ('const' in s) return [s.const];
  return undefined;
}

function sameTypes(a: Set<string> | undefined, b: Set<string> | undefined): boolean {
  if (!a || !b) return a === b;
  return a.size === b.size && [...a].every((t) => b.has(t));
}

/** Does `wide` accept every value `narrow` does? (`undefined` = any type; number covers integer.) */
function covers(wide: Set<string> | undefined, narrow: Set<string> | undefined): boolean {
  if (!wide) return true;
  if (!narrow) return false;
  return [...narrow].every((t) => wide.has(t) || (t === 'integer' && wide.has('number')));
}

function showTypes(t: Set<string> | undefined): string {
  return t ? [...t].join(' | ') : 'any';
}
