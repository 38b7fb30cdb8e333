/**
 * OpenAPI Overlay 1.0 (https://spec.openapis.org/overlay/v1.0.0.html).
 *
 * An overlay is `{ overlay: 1.0.0, info, actions: [{ target, update?, remove? }] }`.
 * `target` is a JSONPath expression; this module implements the subset the
 * vendored specs need:
 *
 * - `$` root, `.name`, `['name']` / `["name"]`, `['a','b']`, `[n]` (negative
 *   counts from the end), `.*` / `[*]`, `..name` / `..*` / `..[…]` (descendants)
 * - filters `[?(@.a.b == 'v')]`, `[?(@ == 'v')]`, `[?(@['x'] != 1)]`,
 *   existence `[?(@.x)]`, negation `[?(!@.x)]`, `&&` and `||`; literals are
 *   quoted strings, numbers, `true`, `false`, `null`.
 *
 * `update` merges into every matched node: an object target is deep-merged
 * (objects recursively, arrays concatenated, everything else replaced); an
 * array target gets the update appended as one entry. `remove: true` deletes
 * the matched nodes from their parents. A target that matches nothing is an
 * error: it almost always means that the upstream document moved.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export interface OverlayAction {
  target: string;
  description?: string;
  update?: Json;
  remove?: boolean;
}

export interface OverlayDocument {
  overlay: string;
  info: { title: string; version: string };
  extends?: string;
  actions: OverlayAction[];
}

export class OverlayError extends Error {
  override name = 'OverlayError';
}

// ---------------------------------------------------------------------------
// JSONPath

type Literal = string | number | boolean | null;
type Operand = { kind: 'current'; path: (string | number)[] } | { kind: 'literal'; value: Literal };
type FilterExpr =
  | { kind: 'exists'; operand: Operand & { kind: 'current' } }
  | { kind: 'compare'; op: '==' | '!=' | '<' | '<=' | '>' | '>='; left: Operand; right: Operand }
  | { kind: 'not'; expr: FilterExpr }
  | { kind: 'and' | 'or'; left: FilterExpr; right: FilterExpr };

type Selector =
  | { kind: 'name'; names: string[] }
  | { kind: 'index'; indices: number[] }
  | { kind: 'wildcard' }
  | { kind: 'filter'; expr: FilterExpr };

interface Segment {
  descendant: boolean;
  selector: Selector;
}

/** A matched node and where it sits, so that it can be replaced or removed. */
export interface JsonPathMatch {
  value: Json;
  parent: JsonObject | Json[] | undefined;
  key: string | number | undefined;
  /** Normalised path, e.g. `$['servers'][0]`. */
  path: string;
}

class Cursor {
  pos = 0;
  constructor(readonly text: string) {}
  peek(n = 0): string {
    return this.text[this.pos + n] ?? '';
  }
  startsWith(s: string): boolean {
    return this.text.startsWith(s, this.pos);
  }
  skipWs(): void {
    while (/\s/.test(this.peek())) this.pos++;
  }
  done(): boolean {
    return this.pos >= this.text.length;
  }
  fail(message: string): never {
    throw new OverlayError(`invalid JSONPath ${JSON.stringify(this.text)} at ${this.pos}: ${message}`);
  }
  expect(s: string): void {
    this.skipWs();
    if (!this.startsWith(s)) this.fail(`expected ${JSON.stringify(s)}`);
    this.pos += s.length;
  }
}

const NAME_START = /[A-Za-z_$\u0080-\uffff-]/;
const NAME_CHAR = /[A-Za-z0-9_$\u0080-\uffff-]/;

function readName(c: Cursor): string {
  const start = c.pos;
  if (!NAME_START.test(c.peek())) c.fail('expected a member name');
  while (!c.done() && NAME_CHAR.test(c.peek())) c.pos++;
  return c.text.slice(start, c.pos);
}

function readQuoted(c: Cursor): string {
  const quote = c.peek();
  if (quote !== "'" && quote !== '"') c.fail('expected a quoted string');
  c.pos++;
  let out = '';
  for (;;) {
    if (c.done()) c.fail('unterminated string');
    const ch = c.peek();
    c.pos++;
    if (ch === quote) return out;
    if (ch === '\\') {
      const esc = c.peek();
      c.pos++;
      const map: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '/': '/', '\\': '\\', "'": "'", '"': '"' };
      if (esc === 'u') {
        out += String.fromCharCode(parseInt(c.text.slice(c.pos, c.pos + 4), 16));
        c.pos += 4;
      } else if (esc in map) out += map[esc];
      else c.fail(`bad escape \\${esc}`);
    } else out += ch;
  }
}

function readNumber(c: Cursor): number {
  const m = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(c.text.slice(c.pos));
  if (!m) c.fail('expected a number');
  c.pos += m[0].length;
  return Number(m[0]);
}

function parseBracket(c: Cursor): Selector {
  // after '['
  c.skipWs();
  if (c.peek() === '*') {
    c.pos++;
    c.expect(']');
    return { kind: 'wildcard' };
  }
  if (c.peek() === '?') {
    c.pos++;
    c.skipWs();
    const paren = c.peek() === '(';
    if (paren) c.pos++;
    const expr = parseOr(c);
    if (paren) c.expect(')');
    c.expect(']');
    return { kind: 'filter', expr };
  }
  if (c.peek() === "'" || c.peek() === '"') {
    const names: string[] = [];
    for (;;) {
      c.skipWs();
      names.push(readQuoted(c));
      c.skipWs();
      if (c.peek() === ',') {
        c.pos++;
        continue;
      }
      c.expect(']');
      return { kind: 'name', names };
    }
  }
  const indices: number[] = [];
  for (;;) {
    c.skipWs();
    const n = readNumber(c);
    if (!Number.isInteger(n)) c.fail('index must be an integer');
    indices.push(n);
    c.skipWs();
    if (c.peek() === ',') {
      c.pos++;
      continue;
    }
    c.expect(']');
    return { kind: 'index', indices };
  }
}

function parseRelPath(c: Cursor): (string | number)[] {
  // after '@'
  const path: (string | number)[] = [];
  for (;;) {
    if (c.peek() === '.' && c.peek(1) !== '.') {
      c.pos++;
      path.push(readName(c));
    } else if (c.peek() === '[') {
      c.pos++;
      c.skipWs();
      if (c.peek() === "'" || c.peek() === '"') path.push(readQuoted(c));
      else path.push(readNumber(c));
      c.expect(']');
    } else return path;
  }
}

function parseOperand(c: Cursor): Operand {
  c.skipWs();
  const ch = c.peek();
  if (ch === '@') {
    c.pos++;
    return { kind: 'current', path: parseRelPath(c) };
  }
  if (ch === "'" || ch === '"') return { kind: 'literal', value: readQuoted(c) };
  if (ch === '-' || /\d/.test(ch)) return { kind: 'literal', value: readNumber(c) };
  for (const [word, value] of [['true', true], ['false', false], ['null', null]] as const) {
    if (c.startsWith(word)) {
      c.pos += word.length;
      return { kind: 'literal', value };
    }
  }
  return c.fail('expected @, a string, a number, true, false or null');
}

function parsePrimary(c: Cursor): FilterExpr {
  c.skipWs();
  if (c.peek() === '!' && c.peek(1) !== '=') {
    c.pos++;
    return { kind: 'not', expr: parsePrimary(c) };
  }
  if (c.peek() === '(') {
    c.pos++;
    const e = parseOr(c);
    c.expect(')');
    return e;
  }
  const left = parseOperand(c);
  c.skipWs();
  const op = (['==', '!=', '<=', '>=', '<', '>'] as const).find((o) => c.startsWith(o));
  if (!op) {
    if (left.kind !== 'current') c.fail('a literal alone is not a filter');
    return { kind: 'exists', operand: left };
  }
  c.pos += op.length;
  return { kind: 'compare', op, left, right: parseOperand(c) };
}

function parseAnd(c: Cursor): FilterExpr {
  let left = parsePrimary(c);
  for (;;) {
    c.skipWs();
    if (!c.startsWith('&&')) return left;
    c.pos += 2;
    left = { kind: 'and', left, right: parsePrimary(c) };
  }
}

function parseOr(c: Cursor): FilterExpr {
  let left = parseAnd(c);
  for (;;) {
    c.skipWs();
    if (!c.startsWith('||')) return left;
    c.pos += 2;
    left = { kind: 'or', left, right: parseAnd(c) };
  }
}

export function parseJsonPath(expression: string): Segment[] {
  const c = new Cursor(expression.trim());
  if (c.peek() !== '$') c.fail('must start with $');
  c.pos++;
  const segments: Segment[] = [];
  while (!c.done()) {
    let descendant = false;
    if (c.startsWith('..')) {
      descendant = true;
      c.pos += 2;
      if (c.peek() === '[') {
        c.pos++;
        segments.push({ descendant, selector: parseBracket(c) });
      } else if (c.peek() === '*') {
        c.pos++;
        segments.push({ descendant, selector: { kind: 'wildcard' } });
      } else segments.push({ descendant, selector: { kind: 'name', names: [readName(c)] } });
    } else if (c.peek() === '.') {
      c.pos++;
      if (c.peek() === '*') {
        c.pos++;
        segments.push({ descendant, selector: { kind: 'wildcard' } });
      } else segments.push({ descendant, selector: { kind: 'name', names: [readName(c)] } });
    } else if (c.peek() === '[') {
      c.pos++;
      segments.push({ descendant, selector: parseBracket(c) });
    } else c.fail(`unexpected ${JSON.stringify(c.peek())}`);
  }
  return segments;
}

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function getPath(v: Json | undefined, path: (string | number)[]): Json | undefined {
  let cur = v;
  for (const k of path) {
    if (Array.isArray(cur) && typeof k === 'number') cur = cur[k < 0 ? cur.length + k : k];
    else if (isObject(cur) && typeof k === 'string' && Object.hasOwn(cur, k)) cur = cur[k];
    else return undefined;
  }
  return cur;
}

function evalOperand(o: Operand, node: Json): Json | undefined {
  return o.kind === 'literal' ? o.value : getPath(node, o.path);
}

function evalFilter(e: FilterExpr, node: Json): boolean {
  switch (e.kind) {
    case 'exists':
      return getPath(node, e.operand.path) !== undefined;
    case 'not':
      return !evalFilter(e.expr, node);
    case 'and':
      return evalFilter(e.left, node) && evalFilter(e.right, node);
    case 'or':
      return evalFilter(e.left, node) || evalFilter(e.right, node);
    case 'compare': {
      const l = evalOperand(e.left, node);
      const r = evalOperand(e.right, node);
      switch (e.op) {
        case '==':
          return l !== undefined && deepEqual(l, r);
        case '!=':
          return l === undefined || !deepEqual(l, r);
        default: {
          if (!((typeof l === 'number' && typeof r === 'number') || (typeof l === 'string' && typeof r === 'string'))) return false;
          if (e.op === '<') return l < r;
          if (e.op === '<=') return l <= r;
          if (e.op === '>') return l > r;
          return l >= r;
        }
      }
    }
  }
}

function children(m: JsonPathMatch): JsonPathMatch[] {
  const v = m.value;
  if (Array.isArray(v)) return v.map((value, i) => ({ value, parent: v, key: i, path: `${m.path}[${i}]` }));
  if (isObject(v)) return Object.entries(v).map(([k, value]) => ({ value, parent: v, key: k, path: `${m.path}[${quote(k)}]` }));
  return [];
}

function quote(k: string): string {
  return `'${k.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function descendantsAndSelf(m: JsonPathMatch): JsonPathMatch[] {
  const out: JsonPathMatch[] = [m];
  for (const ch of children(m)) out.push(...descendantsAndSelf(ch));
  return out;
}

function select(m: JsonPathMatch, s: Selector): JsonPathMatch[] {
  const v = m.value;
  switch (s.kind) {
    case 'wildcard':
      return children(m);
    case 'name':
      if (!isObject(v)) return [];
      return s.names.filter((n) => Object.hasOwn(v, n)).map((n) => ({ value: v[n] as Json, parent: v, key: n, path: `${m.path}[${quote(n)}]` }));
    case 'index':
      if (!Array.isArray(v)) return [];
      return s.indices
        .map((i) => (i < 0 ? v.length + i : i))
        .filter((i) => i >= 0 && i < v.length)
        .map((i) => ({ value: v[i] as Json, parent: v, key: i, path: `${m.path}[${i}]` }));
    case 'filter':
      return children(m).filter((ch) => evalFilter(s.expr, ch.value));
  }
}

/** Evaluates a JSONPath expression (the subset above) against `root`. */
export function queryJsonPath(root: Json, expression: string): JsonPathMatch[] {
  let current: JsonPathMatch[] = [{ value: root, parent: undefined, key: undefined, path: '$' }];
  for (const seg of parseJsonPath(expression)) {
    const next: JsonPathMatch[] = [];
    const seen = new Set<string>();
    for (const m of current) {
      const bases = seg.descendant ? descendantsAndSelf(m) : [m];
      for (const b of bases) {
        for (const r of select(b, seg.selector)) {
          if (seen.has(r.path)) continue;
          seen.add(r.path);
          next.push(r);
        }
      }
    }
    current = next;
  }
  return current;
}

// ---------------------------------------------------------------------------
// Overlay application

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

function clone<T extends Json>(v: T): T {
  return structuredClone(v);
}

/** Deep merge per Overlay 1.0: objects recursively, arrays concatenated, other values replaced. */
export function mergeUpdate(target: JsonObject, update: JsonObject): void {
  for (const [k, uv] of Object.entries(update)) {
    const tv = target[k];
    if (isObject(tv) && isObject(uv)) mergeUpdate(tv, uv);
    else if (Array.isArray(tv) && Array.isArray(uv)) tv.push(...clone(uv));
    else target[k] = clone(uv);
  }
}

/** Checks the shape of an overlay document; throws an OverlayError naming `name`. */
export function validateOverlay(doc: unknown, name = 'overlay'): OverlayDocument {
  const fail = (msg: string): never => {
    throw new OverlayError(`overlay ${name}: ${msg}`);
  };
  if (!isObject(doc as Json)) return fail('not an object');
  const d = doc as JsonObject;
  if (typeof d.overlay !== 'string' || !/^1\.0\.\d+$/.test(d.overlay)) fail(`unsupported \`overlay\` version ${JSON.stringify(d.overlay)} (expected 1.0.x)`);
  if (!isObject(d.info) || typeof d.info.title !== 'string' || typeof d.info.version !== 'string') fail('`info` needs `title` and `version`');
  if (!Array.isArray(d.actions) || d.actions.length === 0) fail('`actions` must be a non-empty array');
  (d.actions as Json[]).forEach((a, i) => {
    const where = `action ${i + 1}`;
    if (!isObject(a)) return fail(`${where} is not an object`);
    if (typeof a.target !== 'string') fail(`${where}: \`target\` must be a JSONPath string`);
    if (a.remove !== undefined && typeof a.remove !== 'boolean') fail(`${where}: \`remove\` must be a boolean`);
    if (a.update === undefined && a.remove !== true) fail(`${where}: needs \`update\` or \`remove: true\``);
    try {
      parseJsonPath(a.target as string);
    } catch (e) {
      fail(`${where}: ${(e as Error).message}`);
    }
    return undefined;
  });
  return d as unknown as OverlayDocument;
}

/**
 * Applies an overlay to `document` in place and returns it.
 * `name` (usually the overlay's file name) appears in error messages.
 */
export function applyOverlay<T>(document: T, overlay: unknown, name = 'overlay'): T {
  const ov = validateOverlay(overlay, name);
  let root = document as unknown as Json;
  ov.actions.forEach((action, i) => {
    const matches = queryJsonPath(root, action.target);
    if (matches.length === 0) {
      throw new OverlayError(
        `overlay ${name} action ${i + 1}: target ${action.target} matched nothing — did the upstream document change?`,
      );
    }
    if (action.remove === true) {
      // Remove array entries from the highest index down so indices stay valid.
      const ordered = [...matches].sort((a, b) => (typeof a.key === 'number' && typeof b.key === 'number' ? b.key - a.key : 0));
      for (const m of ordered) {
        if (m.parent === undefined) throw new OverlayError(`overlay ${name} action ${i + 1}: cannot remove the root`);
        if (Array.isArray(m.parent)) m.parent.splice(m.key as number, 1);
        else delete m.parent[m.key as string];
      }
      return;
    }
    const update = action.update as Json;
    for (const m of matches) {
      if (Array.isArray(m.value)) m.value.push(clone(update));
      else if (isObject(m.value)) {
        if (!isObject(update)) {
          throw new OverlayError(`overlay ${name} action ${i + 1}: target ${m.path} is an object, so \`update\` must be an object`);
        }
        mergeUpdate(m.value, update);
      } else {
        // A primitive target is replaced (an extension: the spec only defines objects and arrays).
        if (m.parent === undefined) root = clone(update);
        else if (Array.isArray(m.parent)) m.parent[m.key as number] = clone(update);
        else m.parent[m.key as string] = clone(update);
      }
    }
  });
  return root as unknown as T;
}

/** Applies several overlays in order (e.g. `overlays/01-….yaml`, `02-….yaml`). */
export function applyOverlays<T>(document: T, overlays: readonly { name: string; overlay: unknown }[]): T {
  let doc = document;
  for (const { name, overlay } of overlays) doc = applyOverlay(doc, overlay, name);
  return doc;
}
