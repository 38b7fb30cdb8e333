/**
 * Read and parse one YAML or JSON document.
 *
 * Parsing is done once, with js-yaml (5–10× faster than `yaml` on large
 * specs); `yaml` is only used to locate problems (see source-position.ts).
 * Duplicate keys are an error (YAML requires unique keys, and the silent
 * "last one wins" would drop part of the document).
 */
import { readFileSync } from 'node:fs';
import jsYaml from 'js-yaml';
import { locatePointer, pointerAtOffset } from './source-position.js';
import { SpecError } from './spec-error.js';

export interface LoadedText {
  /** Path as given by the user (used in messages). */
  file: string;
  text: string;
  /** The parsed document. */
  value: unknown;
}

export function parseDocumentText(file: string, text: string): unknown {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      const message = (error as Error).message;
      const at = /position (\d+)/.exec(message);
      const lc = /line (\d+) column (\d+)/.exec(message);
      const position = at
        ? { offset: Number(at[1]), ...lineColumnOf(text, Number(at[1])) }
        : lc
          ? { offset: offsetOf(text, Number(lc[1]), Number(lc[2])), line: Number(lc[1]), column: Number(lc[2]) }
          : /end of JSON input/.test(message)
            ? { offset: text.length, ...lineColumnOf(text, text.length) }
            : undefined;
      throw new SpecError([
        {
          file,
          pointer: position ? pointerAtOffset(text, position.offset) : '',
          ...(position ? { line: position.line, column: position.column } : {}),
          message: `invalid JSON: ${message.replace(/\s*\(line \d+ column \d+\)/, '')}`,
          hint: 'fix the syntax at that position (a missing comma, quote or bracket)',
        },
      ]);
    }
    const duplicate = duplicateJsonKey(text);
    if (duplicate) {
      throw new SpecError([
        {
          file,
          pointer: pointerAtOffset(text, duplicate.offset),
          ...lineColumnOf(text, duplicate.offset),
          message: `invalid JSON: duplicate key ${JSON.stringify(duplicate.key)}`,
          hint: 'a key appears twice in the same object; JSON.parse keeps only the last, so merge or rename them',
        },
      ]);
    }
    return value;
  }
  let value: unknown;
  try {
    value = jsYaml.load(text, { filename: file });
  } catch (error) {
    const e = error as { reason?: string; message: string; mark?: { line: number; column: number; position: number } };
    const duplicate = /duplicated mapping key/.test(e.reason ?? '');
    throw new SpecError([
      {
        file,
        pointer: e.mark ? pointerAtOffset(text, e.mark.position) : '',
        ...(e.mark ? { line: e.mark.line + 1, column: e.mark.column + 1 } : {}),
        message: `invalid YAML: ${e.reason ?? e.message}`,
        hint: duplicate
          ? 'a key appears twice in the same mapping; YAML keeps only one, so merge or rename them'
          : 'fix the syntax at that position (indentation, quoting, a missing colon)',
      },
    ]);
  }
  checkAliases(file, text, value);
  return value;
}

/**
 * The first key that repeats within one object of a valid JSON text, and its
 * offset (JSON.parse silently keeps the last value; YAML documents get the
 * same check from js-yaml). One pass over the text, no second parse.
 */
export function duplicateJsonKey(text: string): { key: string; offset: number } | undefined {
  // One entry per open object (its keys so far) or array (null).
  const stack: (Set<string> | null)[] = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      const start = i;
      // The closing quote: the next one preceded by an even number of backslashes.
      for (;;) {
        i = text.indexOf('"', i + 1);
        if (i === -1) return undefined; // unterminated: JSON.parse has refused it already
        let backslashes = 0;
        while (text.charCodeAt(i - 1 - backslashes) === 92 /* \ */) backslashes++;
        if (backslashes % 2 === 0) break;
      }
      const keys = stack[stack.length - 1];
      if (expectKey && keys) {
        const raw = text.slice(start + 1, i);
        const key = raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
        if (keys.has(key)) return { key, offset: start };
        keys.add(key);
      }
      expectKey = false;
    } else if (c === 123 /* { */) {
      stack.push(new Set());
      expectKey = true;
    } else if (c === 91 /* [ */) {
      stack.push(null);
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      stack.pop();
    } else if (c === 44 /* , */) {
      expectKey = stack[stack.length - 1] !== null;
    }
  }
  return undefined;
}

/** Nodes a document may expand to through YAML aliases (Datadog's 1.6 MB v1 spec has ~0.4 M). */
export const MAX_NODES = 5_000_000;

/**
 * YAML aliases share nodes: one that contains itself (`&a { self: *a }`) has
 * no JSON form, and nested aliases can expand exponentially ("billion
 * laughs"). Both are refused before anything walks the document.
 */
function checkAliases(file: string, text: string, value: unknown): void {
  const sizes = new Map<object, number>();
  const open = new Set<object>();
  const size = (node: unknown, tokens: string[]): number => {
    if (typeof node !== 'object' || node === null) return 1;
    const known = sizes.get(node);
    if (known !== undefined) return known;
    if (open.has(node)) {
      const pointer = tokens.map((t) => `/${t.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
      throw new SpecError([
        { file, pointer, ...locatePointer(text, pointer), message: 'a YAML alias here refers to a node that contains it', hint: 'replace the alias (*name) with a copy of the value, without the cycle' },
      ]);
    }
    open.add(node);
    let total = 1;
    for (const [k, v] of Array.isArray(node) ? node.entries() : Object.entries(node)) {
      total += size(v, tokens.length < 64 ? [...tokens, String(k)] : tokens);
      if (total > MAX_NODES) {
        throw new SpecError([
          { file, pointer: '', line: 1, column: 1, message: `the document expands to more than ${MAX_NODES.toLocaleString('en')} nodes through YAML aliases`, hint: 'use fewer nested aliases (anchors that repeat anchors)' },
        ]);
      }
    }
    open.delete(node);
    sizes.set(node, total);
    return total;
  };
  size(value, []);
}

export function readDocument(file: string): LoadedText {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw SpecError.at(
      { file, pointer: '' },
      `cannot read file: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (error as Error).message}`,
      'check the path',
    );
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // UTF-8 byte order mark
  return { file, text, value: parseDocumentText(file, text) };
}

function lineColumnOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf('\n', offset);
    if (next === -1) return text.length;
    offset = next + 1;
  }
  return offset + column - 1;
}
