/**
 * Making spec text safe to place in generated source: comments that cannot
 * be closed early, string literals that cannot be broken out of.
 */
import { byCodePoint } from '../order.js';

/**
 * Text for a JSDoc body: `*\/` can no longer end the comment; CR/LS/PS
 * normalised; a line starting with `@` is escaped (`\@`, as in TSDoc) so spec
 * text cannot add tags such as `@deprecated`.
 */
export function docText(text: string | undefined): string {
  return commentSafe(text).replace(/^(\s*)@/gm, '$1\\@');
}

function commentSafe(text: string | undefined): string {
  if (!text) return '';
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u2028\u2029]/g, '\n')
    .replace(/\*\//g, '*\\/')
    .replace(/\/\*/g, '/\\*')
    .trim();
}

/**
 * A string literal (double-quoted, every special character escaped) that is
 * also inert where generated code quotes it inside a comment (`@example`
 * blocks) or an HTML page: `*\/`, `/\*` and `<\/` get a redundant backslash
 * (still the same string), U+2028/U+2029 are escaped.
 */
export function str(value: string): string {
  const json = JSON.stringify(value);
  // Most names and paths have none of these (one scan instead of six).
  if (!/[\u2028\u2029]|\*\/|\/\*|<\/|<!--/.test(json)) return json;
  return json
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
    .replace(/\*\//g, '*\\/')
    .replace(/\/\*/g, '/\\*')
    .replace(/<\//g, '<\\/')
    .replace(/<!--/g, '<\\!--');
}

/** Inline code in docs/Markdown: strip backticks that would close it. */
export function inlineCode(text: string): string {
  // Inside backticks nothing is at the start of a line: no `@` escape (it would show in Markdown).
  const safe = commentSafe(text).replace(/\n/g, ' ');
  return safe.includes('`') ? `\`\` ${safe} \`\`` : `\`${safe}\``;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * A key in an object literal. `"__proto__": v` (quoted or not) would set the
 * object's prototype instead of adding a key; the computed form `["__proto__"]`
 * defines an own property.
 */
export function objectKey(key: string): string {
  if (key === '__proto__') return '["__proto__"]';
  return IDENTIFIER.test(key) ? key : str(key);
}

/** Source text that `literal` prints as is, and the runtime export it uses (which the file must import). */
export class Code {
  constructor(
    readonly text: string,
    readonly uses: string = text,
  ) {}
}

/** The runtime exports the `Code` inside `value` uses, sorted: what its file imports. */
export function codeUses(value: unknown): string[] {
  const uses = new Set<string>();
  const walk = (v: unknown): void => {
    if (v instanceof Code) uses.add(v.uses);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(value);
  return [...uses].sort(byCodePoint);
}

/**
 * A value as a TypeScript literal: objects with bare keys where possible,
 * two-space indentation, keys in the given order (callers sort when needed);
 * `Code` as its text.
 */
export function literal(value: unknown, indent = ''): string {
  if (value === undefined) return 'undefined';
  if (value instanceof Code) return value.text;
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'string') return str(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const flat = value.every((v) => v === null || ['string', 'number', 'boolean'].includes(typeof v));
    const items = value.map((v) => literal(v, inner));
    const oneLine = `[${items.join(', ')}]`;
    if (flat && oneLine.length + indent.length < 100) return oneLine;
    return `[\n${items.map((i) => `${inner}${i},`).join('\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '{}';
  const parts = entries.map(([k, v]) => `${objectKey(k)}: ${literal(v, inner)}`);
  const oneLine = `{ ${parts.join(', ')} }`;
  if (oneLine.length + indent.length < 100 && !oneLine.includes('\n')) return oneLine;
  return `{\n${parts.map((p) => `${inner}${p},`).join('\n')}\n${indent}}`;
}
