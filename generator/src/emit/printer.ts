/**
 * Prints the per-operation declarations of client.ts and funcs.ts (the bulk
 * of both: 95% of the text on Microsoft Graph's 11,422 operations) as
 * ts-morph's structure printer does, by plain string concatenation.
 *
 * ts-morph's `CodeBlockWriter` inspects every character it writes (string
 * and comment state, indentation); on Graph that was 8 s of a 50 s run and
 * much of its garbage. The file frames (imports, options, the class shell,
 * `createClient`) stay ts-morph structures; test/generator/printer.test.ts
 * checks that both print the same text.
 */
import { printStructure, StructureKind, type JSDocStructure, type OptionalKind, type ParameterDeclarationStructure, type StatementStructures } from 'ts-morph';

export { StructureKind };

/** The formatting of a ts-morph project with two-space indentation and double quotes. */
export const PRINT_OPTIONS = { indentNumberOfSpaces: 2, newLine: '\n', useSingleQuote: false } as const;

/** Statements printed by ts-morph's structure printer, without surrounding blank lines. */
export function printFrame(statements: StatementStructures[]): string {
  return printStructure({ kind: StructureKind.SourceFile, statements }, PRINT_OPTIONS).trim();
}

export interface PrintedParameter {
  name: string;
  type?: string;
  hasQuestionToken?: boolean;
  initializer?: string;
}

/** A JSDoc block at `indent`, ending with a newline (ts-morph's JSDocStructurePrinter, tags without stars on new lines). */
export function printDoc(d: OptionalKind<JSDocStructure>, indent: string): string {
  const description = typeof d.description === 'string' ? d.description : '';
  const tags = (d.tags ?? []).map((t) => {
    const text = typeof t.text === 'string' ? t.text : '';
    return `@${t.tagName}${text.length > 0 && !text.startsWith('\n') && !text.startsWith('\r\n') ? ' ' : ''}${text}`;
  });
  const text = description + (tags.length ? `${description.length ? '\n' : ''}${tags.join('\n')}` : '');
  const lines = text.split(/\r?\n/);
  if (lines.length <= 1) {
    const open = `${indent}/** ${lines[0]}`;
    return `${open}${open.endsWith(' ') ? '' : ' '}*/\n`;
  }
  const out = [`${indent}/**\n`];
  for (let i = lines[0]!.length === 0 ? 1 : 0; i < lines.length; i++) out.push(lines[i]!.length ? `${indent} * ${lines[i]}\n` : `${indent} *\n`);
  out.push(`${indent} */\n`);
  return out.join('');
}

export function printDocs(docs: OptionalKind<JSDocStructure>[] | undefined, indent: string): string {
  return (docs ?? []).map((d) => printDoc(d, indent)).join('');
}

export function printParameters(params: OptionalKind<ParameterDeclarationStructure>[]): string {
  return params.map((p) => `${p.name}${p.hasQuestionToken ? '?' : ''}${p.type ? `: ${p.type}` : ''}${p.initializer ? ` = ${p.initializer}` : ''}`).join(', ');
}
