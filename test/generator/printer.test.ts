/**
 * emit/printer.ts prints the per-operation declarations of client.ts and
 * funcs.ts without ts-morph's CodeBlockWriter (8 s of a 50 s run on Microsoft
 * Graph). The generated text must stay the one ts-morph prints: checked here
 * on arbitrary doc text (through docText, as the emitters pass it) and on the
 * shapes the emitters build.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { doc, printDeclarations } from '../../generator/src/emit/client-file.js';
import { printDoc, printFrame, printParameters, StructureKind } from '../../generator/src/emit/printer.js';
import { docText } from '../../generator/src/emit/text.js';

const line = fc.string({ unit: fc.constantFrom('a', 'Z', ' ', '`', '"', "'", '{', '}', '*', '/', '@', '\\', '$', '<', '>', '-', '\t', 'é', '1'), maxLength: 24 });
const text = fc.array(line, { maxLength: 4 }).map((lines) => docText(lines.join('\n')));
const tag = fc.record({ tagName: fc.constantFrom('example', 'defaultValue', 'deprecated'), text: fc.option(fc.oneof(text, text.map((t) => `\n${t}`)), { nil: undefined }) });
const jsdoc = fc.record({ description: fc.oneof(fc.constant(''), text.map((t) => (t ? `\n${t}` : t))), tags: fc.array(tag, { maxLength: 2 }) });

const declaration = fc.oneof(
  fc.record({ name: fc.constantFrom('AResponse', 'BErrorBody'), type: fc.constantFrom('string', 'paths["/a"]["get"]'), isExported: fc.boolean(), docs: fc.array(jsdoc, { maxLength: 1 }) }).map(
    (s): TypeAliasDeclarationStructure => ({ kind: StructureKind.TypeAlias, ...s }),
  ),
  fc
    .record({
      name: fc.constantFrom('AParams', 'BParams'),
      docs: fc.array(jsdoc, { maxLength: 1 }),
      properties: fc.array(fc.record({ name: fc.constantFrom('id', '"user-id"', '$select'), hasQuestionToken: fc.boolean(), type: fc.constantFrom('string', 'NonNullable<X["parameters"]["query"]>["$select"]'), docs: fc.array(jsdoc, { maxLength: 1 }) }), { minLength: 1, maxLength: 3 }),
    })
    .map((s): InterfaceDeclarationStructure => ({ kind: StructureKind.Interface, isExported: true, ...s })),
);

type Declaration = Parameters<typeof printDeclarations>[0] extends Iterable<infer T> ? T : never;
type TypeAliasDeclarationStructure = Extract<Declaration, { kind: StructureKind.TypeAlias }>;
type InterfaceDeclarationStructure = Extract<Declaration, { kind: StructureKind.Interface }>;

describe('printer.ts prints what ts-morph prints', () => {
  it('JSDoc blocks, at any indentation', () => {
    fc.assert(
      fc.property(jsdoc, (d) => {
        expect(`${printDoc(d, '')}interface I {\n}`).toBe(printFrame([{ kind: StructureKind.Interface, name: 'I', docs: [d] }]));
        const nested = printFrame([{ kind: StructureKind.Interface, name: 'I', properties: [{ name: 'p', type: 'T', docs: [d] }] }]);
        expect(`interface I {\n${printDoc(d, '  ')}  p: T;\n}`).toBe(nested);
      }),
      { numRuns: 300 },
    );
  });

  it('sequences of type aliases and interfaces, blank lines included', () => {
    fc.assert(
      fc.property(fc.array(declaration, { minLength: 1, maxLength: 5 }), (statements) => {
        expect(printDeclarations(statements).trim()).toBe(printFrame(statements));
      }),
      { numRuns: 200 },
    );
  });

  it('an operation doc with its example, and a parameter list with defaults', () => {
    const d = doc('List runs\n\n`GET /runs` (operation `list_runs`)', [{ tagName: 'example', text: '\n```ts\nconst result = await client.listRuns({ id: 1 });\n```' }, { tagName: 'deprecated', text: 'The provider marks this operation as deprecated.' }]);
    const params = [{ name: 'params', type: 'ListRunsParams', initializer: '{}' }, { name: 'options', type: 'RequestOptions', hasQuestionToken: true }];
    const expected = printFrame([{ kind: StructureKind.Function, name: 'listRuns', isExported: true, docs: [d], parameters: params, returnType: 'Promise<R>', statements: 'return 1;' }]);
    expect(`${printDoc(d, '')}export function listRuns(${printParameters(params)}): Promise<R> {\n  return 1;\n}`).toBe(expected);
  });
});
