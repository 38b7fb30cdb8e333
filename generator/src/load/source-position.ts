/**
 * JSON pointer → line and column, using `yaml`'s CST (it keeps source ranges;
 * js-yaml, used for the fast parse, does not). Only called when something
 * needs reporting, so the slower parse is paid on the error path alone.
 * JSON documents take a path of their own (`locateJsonPointer`): a real spec
 * can have hundreds of warnings (Stripe: 634), and `yaml`'s CST of a 13 MB
 * JSON document (GitHub's) costs seconds and a gigabyte.
 */
import { LineCounter, parseDocument, isNode, isMap, isSeq, isPair, isScalar, type Node } from 'yaml';
import { plainPointerTokens } from './spec-error.js';

const cache = new Map<string, { doc: ReturnType<typeof parseDocument>; lines: LineCounter }>();

export function locatePointer(text: string, pointer: string): { line: number; column: number } | undefined {
  if (/^\s*[[{]/.test(text)) {
    const json = locateJsonPointer(text, pointer);
    if (json !== null) return json;
  }
  let entry = cache.get(text);
  if (!entry) {
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines, keepSourceTokens: false, uniqueKeys: false });
    entry = { doc, lines };
    if (cache.size > 8) cache.clear();
    cache.set(text, entry);
  }
  let node: unknown = entry.doc.contents;
  let last: Node | undefined = isNode(node) ? node : undefined;
  for (const token of plainPointerTokens(pointer.replace(/^#/, ''))) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && (isScalar(p.key) ? String(p.key.value) : String(p.key)) === token);
      if (!pair) break;
      last = (isNode(pair.key) ? pair.key : last) as Node | undefined;
      node = pair.value;
      if (isNode(node)) last = node;
    } else if (isSeq(node)) {
      const item = node.items[Number(token)];
      if (item === undefined) break;
      node = item;
      if (isNode(node)) last = node;
    } else {
      break;
    }
  }
  const offset = last?.range?.[0];
  if (offset === undefined) return undefined;
  const pos = entry.lines.linePos(offset);
  return { line: pos.line, column: pos.col };
}

/**
 * The JSON pointer of the innermost mapping key or sequence item around a
 * text offset, for syntax errors (where the fast parser gives only a line).
 * `yaml` parses broken documents partially; JSON is YAML, so this works for
 * both. `''` when nothing encloses the offset.
 */
export function pointerAtOffset(text: string, offset: number): string {
  let doc: ReturnType<typeof parseDocument>;
  try {
    doc = parseDocument(text, { keepSourceTokens: false, uniqueKeys: false });
  } catch {
    return '';
  }
  const tokens: string[] = [];
  let node: unknown = doc.contents;
  for (let depth = 0; depth < 1000; depth++) {
    let next: { token: string; value: unknown } | undefined;
    if (isMap(node)) {
      for (const pair of node.items) {
        const start = isNode(pair.key) ? pair.key.range?.[0] : undefined;
        if (start !== undefined && start <= offset) next = { token: isScalar(pair.key) ? String(pair.key.value) : String(pair.key), value: pair.value };
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        const start = isNode(item) ? item.range?.[0] : undefined;
        if (start !== undefined && start <= offset) next = { token: String(i), value: item };
      });
    }
    if (!next) break;
    const end = isNode(next.value) ? next.value.range?.[2] : undefined;
    // A value that ends before the offset: the problem is after it, in its parent.
    if (end !== undefined && end < offset) break;
    tokens.push(next.token);
    node = next.value;
  }
  return tokens.map((t) => `/${t.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/** Per JSON text: value offsets of the children of each object or array looked into so far (by its offset). */
const jsonIndexes = new Map<string, { children: Map<number, Map<string, number>>; lineStarts?: number[] }>();

/**
 * JSON pointer → line and column of the value it names (its nearest existing
 * ancestor when it names nothing) in a JSON text, `null` when the text is not
 * JSON after all. Only the objects and arrays on the pointer's path are
 * scanned, each once per text, skipping the values beside the path; many
 * pointers into one document share the scans of their common prefix.
 */
export function locateJsonPointer(text: string, pointer: string): { line: number; column: number } | undefined | null {
  let index = jsonIndexes.get(text);
  if (!index) {
    if (jsonIndexes.size > 8) jsonIndexes.clear();
    jsonIndexes.set(text, (index = { children: new Map() }));
  }
  let offset = skipSpace(text, 0);
  try {
    for (const token of plainPointerTokens(pointer.replace(/^#/, ''))) {
      const c = text[offset];
      if (c !== '{' && c !== '[') break;
      let children = index.children.get(offset);
      if (!children) index.children.set(offset, (children = childrenOf(text, offset)));
      const child = children.get(token);
      if (child === undefined) break;
      offset = child;
    }
  } catch {
    return null;
  }
  index.lineStarts ??= lineStartsOf(text);
  return lineColumn(index.lineStarts, offset);
}

/** The value offset of each key (object) or index (array) of the container at `start`. */
function childrenOf(text: string, start: number): Map<string, number> {
  const out = new Map<string, number>();
  const isObject = text[start] === '{';
  let i = skipSpace(text, start + 1);
  for (let n = 0; text[i] !== (isObject ? '}' : ']'); n++) {
    let key = String(n);
    if (isObject) {
      if (text[i] !== '"') throw new Error('not JSON');
      const end = skipString(text, i);
      const raw = text.slice(i + 1, end - 1);
      key = raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
      i = skipSpace(text, end);
      if (text[i] !== ':') throw new Error('not JSON');
      i = skipSpace(text, i + 1);
    }
    if (!out.has(key)) out.set(key, i);
    i = skipSpace(text, skipValue(text, i));
    if (text[i] === ',') i = skipSpace(text, i + 1);
    else if (text[i] !== (isObject ? '}' : ']')) throw new Error('not JSON');
  }
  return out;
}

/** The offset just after the JSON value at `i`. */
function skipValue(text: string, i: number): number {
  const c = text[i];
  if (c === '"') return skipString(text, i);
  if (c !== '{' && c !== '[') {
    while (i < text.length && !/[,}\]\s]/.test(text[i]!)) i++;
    return i;
  }
  let depth = 0;
  for (; i < text.length; i++) {
    const d = text.charCodeAt(i);
    if (d === 34) i = skipString(text, i) - 1;
    else if (d === 123 || d === 91) depth++;
    else if ((d === 125 || d === 93) && --depth === 0) return i + 1;
  }
  throw new Error('not JSON');
}

/** The offset just after the string that starts at `i` (a `"`). */
function skipString(text: string, i: number): number {
  for (i++; i < text.length; i++) {
    const d = text.charCodeAt(i);
    if (d === 92) i++;
    else if (d === 34) return i + 1;
  }
  throw new Error('not JSON');
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t')) i++;
  return i;
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function lineColumn(starts: number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo]! + 1 };
}
