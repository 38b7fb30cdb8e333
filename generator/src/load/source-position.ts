/**
 * JSON pointer → line and column, using `yaml`'s CST (it keeps source ranges;
 * js-yaml, used for the fast parse, does not). Only called when something
 * needs reporting, so the slower parse is paid on the error path alone.
 */
import { LineCounter, parseDocument, isNode, isMap, isSeq, isPair, isScalar, type Node } from 'yaml';
import { plainPointerTokens } from './spec-error.js';

const cache = new Map<string, { doc: ReturnType<typeof parseDocument>; lines: LineCounter }>();

export function locatePointer(text: string, pointer: string): { line: number; column: number } | undefined {
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
