/**
 * Overlay drift: upstream changes that an overlay hides.
 *
 * An overlay that removes a node and puts its own content back at the same
 * place (e.g. Mangrove's 01-named-schemas.yaml replaces the inline response
 * schema by `$ref: '#/components/schemas/ModelRunList'` and defines the named
 * schemas itself) freezes that part of the document: whatever upstream
 * changes there never reaches the vendored spec, and the diff would say
 * "up to date". This module replays the overlays action by action, keeps
 * what each `remove` took away, and compares it with what sits at the same
 * place in the final document (both with local `$ref`s resolved). Where they
 * differ, upstream changed under the overlay.
 *
 * Removals that are not replaced (a dropped server, an enum value taken out
 * of an array) are not drift: they stay removed whatever upstream does.
 */
import { applyOverlay, deepEqual, queryJsonPath, type Json } from './overlay.js';
import { diffSpecs, type Change } from './diff.js';
import { pointerOf, pointerTokens } from '../load/spec-error.js';

export interface NamedOverlayInput {
  name: string;
  overlay: unknown;
}

export interface OverlayDrift {
  /** Overlay file name. */
  overlay: string;
  /** 1-based action number in that overlay. */
  action: number;
  target: string;
  /** JSON pointer of the replaced node in the vendored document. */
  pointer: string;
  /** What upstream changed there, as diff changes (old = what the overlay puts, new = upstream). */
  changes: Change[];
}

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `$['paths']['/a'][0]` → ['paths', '/a', 0] */
export function pathTokens(normalized: string): (string | number)[] {
  const out: (string | number)[] = [];
  const re = /\[(?:'((?:[^'\\]|\\.)*)'|(\d+))\]/g;
  for (const m of normalized.slice(1).matchAll(re)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]!.replace(/\\(.)/g, '$1'));
  return out;
}

function get(doc: unknown, tokens: readonly (string | number)[]): unknown {
  let cur = doc;
  for (const t of tokens) cur = isObject(cur) ? cur[t as string] : Array.isArray(cur) ? cur[t as number] : undefined;
  return cur;
}

/** `node` with local `$ref`s into `doc` replaced by their targets (cycles cut). */
function inline(doc: unknown, node: unknown, stack: string[] = []): unknown {
  if (Array.isArray(node)) return node.map((x) => inline(doc, x, stack));
  if (!isObject(node)) return node;
  if (typeof node.$ref === 'string' && node.$ref.startsWith('#')) {
    if (stack.includes(node.$ref)) return node;
    const target = get(doc, pointerTokens(node.$ref.slice(1)));
    if (target === undefined) return node;
    const { $ref: _ref, ...siblings } = node;
    const resolved = inline(doc, target, [...stack, node.$ref]);
    return isObject(resolved) && Object.keys(siblings).length ? { ...resolved, ...(inline(doc, siblings, stack) as Obj) } : resolved;
  }
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, inline(doc, v, stack)]));
}

/**
 * `upstream`: the merged, converted upstream document before overlays;
 * `final`: the same after all overlays (what would be vendored).
 */
export function overlayDrift(upstream: unknown, overlays: readonly NamedOverlayInput[], final: unknown): OverlayDrift[] {
  interface Removed {
    overlay: string;
    action: number;
    target: string;
    tokens: (string | number)[];
    value: unknown;
  }
  const removed: Removed[] = [];
  let doc = structuredClone(upstream) as Json;
  for (const { name, overlay } of overlays) {
    const ov = overlay as { overlay?: string; info?: unknown; actions?: unknown[] };
    const actions = Array.isArray(ov.actions) ? ov.actions : [];
    actions.forEach((action, i) => {
      const a = action as { target?: unknown; remove?: unknown };
      if (a.remove === true && typeof a.target === 'string') {
        for (const m of queryJsonPath(doc, a.target)) {
          // An array entry taken out is a plain removal: its index is someone else's afterwards.
          if (Array.isArray(m.parent)) continue;
          removed.push({ overlay: name, action: i + 1, target: a.target, tokens: pathTokens(m.path), value: inline(doc, m.value) });
        }
      }
      doc = applyOverlay(doc, { overlay: ov.overlay, info: ov.info, actions: [action] }, name);
    });
  }
  const drifts: OverlayDrift[] = [];
  for (const r of removed) {
    const now = get(final, r.tokens);
    if (now === undefined) continue;
    const put = inline(final, now);
    if (deepEqual(put, r.value)) continue;
    // Describe the difference with the diff rules: the final document as the
    // overlay makes it, against the same with upstream's content put back.
    const withUpstream = structuredClone(final) as Obj;
    const parent = get(withUpstream, r.tokens.slice(0, -1));
    if (isObject(parent)) parent[r.tokens[r.tokens.length - 1] as string] = structuredClone(r.value);
    const changes = diffSpecs(final, withUpstream).changes;
    drifts.push({ overlay: r.overlay, action: r.action, target: r.target, pointer: pointerOf(...r.tokens), changes });
  }
  return drifts;
}
