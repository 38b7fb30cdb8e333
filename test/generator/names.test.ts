/**
 * Names and escaping, unit by unit (fast; the compile-level checks are in
 * constructs.test.ts and hostile.test.ts): identifiers from any spec name,
 * deterministic collision suffixes, string literals and comments that spec
 * text cannot break out of.
 */
import { expectTypeOf } from 'vitest';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClientOptions } from '../../packages/runtime/src/core/options.js';
import { docText, inlineCode, literal, objectKey, str } from '../../generator/src/emit/text.js';
import { RUNTIME_CLIENT_OPTIONS } from '../../generator/src/transform/client-options.js';
import {
  camelCase,
  cleanOperationId,
  dedupe,
  deriveOperationId,
  methodName,
  pascalCase,
  propertyKey,
  typeBaseName,
} from '../../generator/src/transform/names.js';
import { PAYLOADS, hostileName } from './support/arbitrary.js';

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const evaluate = (source: string): unknown => new Function(`"use strict"; return (${source});`)();

describe('names', () => {
  it('operationIds: FastAPI suffixes removed, missing ones derived from method and path', () => {
    expect(cleanOperationId('list_monitor_runs_api_v1_monitors__id__runs_get', 'get', '/api/v1/monitors/{id}/runs')).toBe('list_monitor_runs');
    expect(cleanOperationId('get', 'get', '/')).toBe('get');
    expect(deriveOperationId('get', '/users/{id}/posts')).toBe('get_users_by_id_posts');
    expect(deriveOperationId('post', '/')).toBe('post');
    expect(methodName(deriveOperationId('get', '/users/{user id}/posts'))).toBe('getUsersByUserIdPosts');
  });

  it('method names: camelCase, leading digits prefixed, reserved words, client members and the other names of funcs.ts suffixed', () => {
    expect(methodName('list-model runs')).toBe('listModelRuns');
    expect(methodName('ListModelLabRuns')).toBe('listModelLabRuns');
    expect(methodName('2fa setup')).toBe('_2faSetup');
    for (const reserved of ['delete', 'class', 'constructor', 'then', 'raw', 'core', 'paginate', 'toString', 'valueOf', 'api', 'operations', 'createCore']) {
      expect(methodName(reserved)).toBe(`${reserved}Operation`);
    }
    expect(methodName('__proto__')).toBe('proto');
    expect(methodName('日本語')).toBe('operation');
    expect(methodName('*/ ${x} `y`')).toBe('xY');
  });

  it('every spec name becomes a valid, non-reserved method name and type base', () => {
    fc.assert(
      fc.property(fc.oneof(hostileName, fc.string(), fc.constantFrom(...PAYLOADS)), (name) => {
        const m = methodName(name);
        expect(m).toMatch(IDENTIFIER);
        expect(typeBaseName(m)).toMatch(IDENTIFIER);
        expect(pascalCase(name)).toMatch(IDENTIFIER);
        // Interface members: bare when an identifier, else a string literal of the name.
        const key = propertyKey(name);
        expect(key === name ? IDENTIFIER.test(name) : JSON.parse(key) === name).toBe(true);
        // Object literals (descriptors): an own property, never the prototype.
        const obj = evaluate(`{ ${objectKey(name)}: 1 }`) as object;
        expect(Object.getOwnPropertyDescriptor(obj, name)?.value).toBe(1);
        expect(Object.getPrototypeOf(obj)).toBe(Object.prototype);
      }),
      { numRuns: 500 },
    );
  });

  it('type names: the method name upper-first (as index.ts and the README spell them); never empty', () => {
    expect(typeBaseName('getAB')).toBe('GetAB');
    expect(typeBaseName('_2faSetup')).toBe('_2faSetup');
    expect(pascalCase('3D Secure')).toBe('_3DSecure');
    expect(pascalCase('日本')).toBe('Api');
    expect(camelCase('日本')).toBe('');
  });

  it('collisions: later names in document order get 2, 3, …, deterministically, also when only the first letter differs', () => {
    expect(dedupe(['getUser', 'getUser', 'getUser2', 'getUser']).names).toEqual(['getUser', 'getUser2', 'getUser22', 'getUser3']);
    const { names, renamed } = dedupe(['foo', 'Foo', 'bar'], typeBaseName);
    expect(names).toEqual(['foo', 'Foo2', 'bar']);
    expect(renamed).toEqual([{ from: 'Foo', to: 'Foo2', index: 1, takenBy: 0 }]);
  });

  it("the reserved client option names are exactly the runtime's ClientOptions keys", () => {
    expectTypeOf<(typeof RUNTIME_CLIENT_OPTIONS)[number]>().toEqualTypeOf<Exclude<keyof ClientOptions, symbol>>();
  });
});

describe('escaping', () => {
  it('str(): evaluates to the same string and is inert in comments and HTML', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), hostileName, fc.constantFrom(...PAYLOADS)), (s) => {
        const literalText = str(s);
        expect(evaluate(literalText)).toBe(s);
        expect(literalText).not.toMatch(/\*\/|\/\*|<\/|<!--|[\u2028\u2029\n\r]/);
      }),
      { numRuns: 1000 },
    );
  });

  it('literal(): objects keep __proto__ and other odd keys as own properties', () => {
    fc.assert(
      fc.property(fc.dictionary(hostileName, fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null))), (obj) => {
        const value = evaluate(literal(obj)) as Record<string, unknown>;
        expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
        expect(Object.keys(value).sort()).toEqual(Object.keys(obj).sort());
        for (const k of Object.keys(obj)) expect(value[k]).toEqual(obj[k]);
      }),
      { numRuns: 300 },
    );
    expect(objectKey('__proto__')).toBe('["__proto__"]');
    expect(literal({ a: ['*/', '</script>'] })).toBe('{ a: ["*\\/", "<\\/script>"] }');
  });

  it('docText() and inlineCode(): nothing closes a comment, no line terminators but \\n, no tags from spec text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.constantFrom(...PAYLOADS)), (s) => {
        for (const t of [docText(s), inlineCode(s)]) expect(t).not.toMatch(/\*\/|[\u2028\u2029\r]/);
        expect(docText(s)).not.toMatch(/^\s*@/m);
        expect(inlineCode(s)).not.toContain('\n');
      }),
      { numRuns: 1000 },
    );
    expect(docText('a\n@deprecated b')).toBe('a\n\\@deprecated b');
    expect(inlineCode('@clientgen/runtime')).toBe('`@clientgen/runtime`');
  });
});
