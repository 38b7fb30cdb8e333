/**
 * src/components/<kind>/<Name>.ts: one component of the spec (a schema,
 * parameter, response, request body, header or path item) as one exported
 * type, importing the components it references; and
 * src/components/helpers.ts, openapi-typescript's helper types. The types
 * are openapi-typescript's (see split-types.ts); a program that imports an
 * operation from src/ops/ loads only the components that operation reaches.
 */
import type { SplitComponent, SplitTypes } from './split-types.js';
import { inlineCode } from './text.js';

const KIND_LABEL: Record<string, string> = { schemas: 'Schema', responses: 'Response', parameters: 'Parameter', requestBodies: 'Request body', headers: 'Header', pathItems: 'Path item' };

/** Path of a component's module in the package. */
export function componentPath(c: Pick<SplitComponent, 'kind' | 'name'>): string {
  return `src/components/${c.kind}/${c.name}.ts`;
}

export const HELPERS_PATH = 'src/components/helpers.ts';

/**
 * `import type { … } from "…";` lines for the components (by id) and helpers a module in `fromDir` (`src/ops`, …) uses, sorted by module; `alias` renames an import that would clash with a name of the module.
 */
export function componentImports(split: SplitTypes, fromDir: string, refs: Iterable<string>, helpers: string[], foreign: string[], alias: (name: string) => string = (n) => n): string[] {
  const lines: [string, string][] = [];
  const rel = (target: string) => {
    const from = fromDir.split('/');
    const to = target.replace(/\.ts$/, '.js').split('/');
    let i = 0;
    while (i < from.length && i < to.length - 1 && from[i] === to[i]) i++;
    const up = from.length - i;
    return `${up ? '../'.repeat(up) : './'}${to.slice(i).join('/')}`;
  };
  for (const id of refs) {
    const c = split.byId.get(id)!;
    const local = alias(c.name);
    lines.push([rel(componentPath(c)), `import type { ${local === c.name ? c.name : `${c.name} as ${local}`} } from ${JSON.stringify(rel(componentPath(c)))};`]);
  }
  if (helpers.length) lines.push([rel(HELPERS_PATH), `import type { ${helpers.join(', ')} } from ${JSON.stringify(rel(HELPERS_PATH))};`]);
  if (foreign.length) lines.push([rel('src/types.ts'), `import type { ${foreign.join(', ')} } from ${JSON.stringify(rel('src/types.ts'))};`]);
  return lines.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([, line]) => line);
}

export function emitComponentFile(split: SplitTypes, c: SplitComponent, header: string): string {
  const imports = componentImports(split, `src/components/${c.kind}`, c.refs, c.helpers, c.foreign);
  const docs = c.docs ? `${c.docs}\n` : `/** ${KIND_LABEL[c.kind] ?? 'Component'} ${inlineCode(c.key)} of the spec. */\n`;
  return `${header}\n${imports.length ? `${imports.join('\n')}\n\n` : ''}${docs}export type ${c.name} = ${c.type};\n`;
}

export function emitHelpersFile(split: SplitTypes, header: string): string {
  return `${header}\n/** openapi-typescript's helper types, shared by the components and operations that use them. */\n${split.helpers.text}\n`;
}

/** Every component module and, when any helper exists, the helpers module. */
export function emitComponentFiles(split: SplitTypes, header: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const c of split.components) files.set(componentPath(c), emitComponentFile(split, c, header));
  if (split.helpers.names.length) files.set(HELPERS_PATH, emitHelpersFile(split, header));
  return files;
}

