/**
 * Errors about input documents (OpenAPI specs, provider.yaml, overlays).
 * Every one names the file, the JSON pointer, the line and column, and what
 * to do about it.
 */
export interface SpecLocation {
  file: string;
  /** RFC 6901 JSON pointer into the document, `''` for the root. */
  pointer: string;
  line?: number;
  column?: number;
}

export interface SpecProblem extends SpecLocation {
  message: string;
  /** What the user can do about it (for a tolerated finding: what was assumed). */
  hint?: string;
  /** Kind of problem, for grouping many of one kind (`nullable-without-type`). */
  code?: string;
}

export function formatProblem(p: SpecProblem): string {
  const where = p.line === undefined ? p.file : `${p.file}:${p.line}:${p.column ?? 1}`;
  const pointer = `#${p.pointer}`;
  return `${where} ${pointer}: ${p.message}${p.hint ? `\n  → ${p.hint}` : ''}`;
}

export class SpecError extends Error {
  override name = 'SpecError';
  readonly problems: readonly SpecProblem[];

  constructor(problems: SpecProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.problems = problems;
  }

  static at(location: SpecLocation, message: string, hint?: string): SpecError {
    return new SpecError([{ ...location, message, ...(hint ? { hint } : {}) }]);
  }
}

/** Escape one reference token of a JSON pointer (RFC 6901). */
export function escapePointerToken(token: string | number): string {
  return String(token).replace(/~/g, '~0').replace(/\//g, '~1');
}

export function pointerOf(...tokens: (string | number)[]): string {
  return tokens.map((t) => `/${escapePointerToken(t)}`).join('');
}

/**
 * Tokens of a `$ref` fragment (`#/components/schemas/Foo%20Bar`): URI-decoded
 * (a `%` that is not an escape stays as it is), then RFC 6901-unescaped.
 */
export function pointerTokens(pointer: string): string[] {
  if (pointer === '' || pointer === '/' || pointer === '#') return [];
  return pointer
    .replace(/^#/, '')
    .split('/')
    .slice(1)
    .map((t) => safeDecode(t).replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Tokens of a plain JSON pointer (as in problems and warnings): RFC 6901 only, no URI decoding. */
export function plainPointerTokens(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .split('/')
    .slice(1)
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function safeDecode(token: string): string {
  try {
    return decodeURIComponent(token);
  } catch {
    return token;
  }
}
