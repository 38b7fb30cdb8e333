/**
 * JSON pointer → line and column, using `yaml`'s CST (it keeps source ranges;
 * js-yaml, used for the fast parse, does not). Only called when something
 * needs reporting, so the slower parse is paid on the error path alone.
 */
import { LineCounter, parseDocument, isNode, isMap, isSeq, isPair, isScalar, type Node } from 'yaml';
import { pointerTokens } from './spec-error.js';

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
  for (const token of pointerTokens(pointer)) {
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
