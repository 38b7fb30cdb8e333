/**
 * `docs-page`: a Markdown documentation page that embeds the OpenAPI document
 * in a fenced block (```` ```yaml ```` or ````` ````yaml GET /path ````` as
 * Mintlify writes it; ```json too). The first fenced block whose content is
 * an OpenAPI 3.x document is used; 3.0-isms in a 3.1 document (`nullable`)
 * are rewritten.
 */
import { assertOpenApi, convertError, isObject, normalize31, parseStructured, type OpenAPIDocument } from './common.js';

export interface FencedBlock {
  /** Info string after the fence, e.g. `yaml GET /models/{model_id}/model_runs`. */
  info: string;
  /** First word of the info string, lower-cased (`yaml`, `json`, …). */
  lang: string;
  body: string;
  /** 1-based line number of the first body line. */
  line: number;
}

/** Fenced code blocks (backticks or tildes, three or more) of a Markdown text. */
export function fencedBlocks(markdown: string): FencedBlock[] {
  const lines = markdown.split(/\r?\n/);
  const blocks: FencedBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^ {0,3}(`{3,}|~{3,})\s*([^`]*)$/.exec(lines[i]!);
    if (!open) continue;
    const fence = open[1]!;
    const info = open[2]!.trim();
    const closeRe = new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`);
    let j = i + 1;
    while (j < lines.length && !closeRe.test(lines[j]!)) j++;
    blocks.push({ info, lang: (info.split(/\s+/)[0] ?? '').toLowerCase(), body: lines.slice(i + 1, j).join('\n'), line: i + 2 });
    i = j;
  }
  return blocks;
}

const OPENAPI_KEY = /^\s*(?:["']?openapi["']?\s*:|\{[^}]*"openapi"\s*:)/m;

export function convertDocsPage(text: string, source: string): OpenAPIDocument {
  const blocks = fencedBlocks(text).filter((b) => ['yaml', 'yml', 'json', ''].includes(b.lang));
  const candidates = blocks.filter((b) => OPENAPI_KEY.test(b.body));
  if (candidates.length === 0) {
    if (blocks.some((b) => /^paths:\s*\n\s+path:/m.test(b.body))) {
      throw convertError(source, 'the fenced block is a docs renderer’s processed form (paths.path / paths.method), not OpenAPI', 'use --from rendered-openapi');
    }
    throw convertError(
      source,
      `no fenced OpenAPI block found (${blocks.length} yaml/json block(s), none with a top-level \`openapi:\` key)`,
      'use --from docs-page only for pages that embed the OpenAPI document in a ```yaml block; the rendered form is --from rendered-openapi',
    );
  }
  const block = candidates[0]!;
  const value = parseStructured(block.body, source, block.line - 1);
  if (isObject(value) && isObject(value.paths) && typeof value.paths.path === 'string' && typeof value.paths.method === 'string') {
    throw convertError(source, 'this block is a docs renderer’s processed form (paths.path / paths.method), not OpenAPI', 'use --from rendered-openapi');
  }
  assertOpenApi(value, source);
  normalize31(value as unknown as Record<string, unknown>);
  return value;
}
