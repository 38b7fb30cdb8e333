/**
 * Locating JSON pointers in JSON documents without `yaml`'s CST: the same
 * line and column as the `yaml` path, for every node of a document with
 * escapes, nested arrays, odd keys and several lines.
 */
import { describe, expect, it } from 'vitest';
import { locateJsonPointer, locatePointer } from '../../generator/src/load/source-position.js';

const doc = {
  openapi: '3.0.3',
  'a/b': { '~t': [1, [2, { 'x"y': 'q\\"uote' }], null], 'é ü': true, '': 'empty key' },
  list: [{ k: 'v' }, [], {}, 'str with , and } and ]'],
  deep: { a: { b: { c: [{ d: -1.5e3 }] } } },
};

function pointers(node: unknown, prefix = ''): string[] {
  if (!node || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([k, v]) => {
    const p = `${prefix}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    return [p, ...pointers(v, p)];
  });
}

describe('locateJsonPointer', () => {
  for (const [layout, text] of [
    ['one line', JSON.stringify(doc)],
    ['indented', JSON.stringify(doc, null, 2)],
    ['tabs and CRLF', JSON.stringify(doc, null, '\t').replace(/\n/g, '\r\n')],
  ] as const) {
    it(`gives the yaml path's line and column for every node (${layout})`, () => {
      const all = ['', ...pointers(doc), '/missing', '/a~1b/~0t/1/1/missing'];
      for (const p of all) {
        const viaYaml = locatePointer(`#\n${text}`, p)!; // a comment line first: not JSON, so the yaml path, one line lower
        expect(locateJsonPointer(text, p), p).toEqual({ line: viaYaml.line - 1, column: viaYaml.column });
      }
    });
  }

  it('answers null for a text that only starts like JSON (YAML flow style), so the caller falls back to yaml', () => {
    expect(locateJsonPointer('{ a: 1 }\n', '/a')).toBeNull();
    expect(locatePointer('{ a: 1 }\n', '/a')).toEqual({ line: 1, column: 6 });
  });
});
