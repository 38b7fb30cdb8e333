/**
 * Spec converters: turn what a provider publishes into one normalised
 * OpenAPI document (a plain object).
 *
 * | format             | input                                                              |
 * |--------------------|--------------------------------------------------------------------|
 * | `openapi`          | a raw OpenAPI 3.0/3.1 JSON or YAML document (optionally filtered)  |
 * | `docs-page`        | a Markdown page with the OpenAPI document in a fenced yaml block   |
 * | `rendered-openapi` | a Markdown page with a docs renderer's processed form of OpenAPI   |
 */
import type { UpstreamFormat } from '../../provider/provider-config.js';
import { convertError, normalizeKeyOrder, type OpenAPIDocument } from './common.js';
import { convertDocsPage } from './docs-page.js';
import { convertOpenApi, filterDocument, hasFilter, type OpenApiFilter } from './openapi.js';
import { convertRenderedOpenApi } from './rendered-openapi.js';

export { mergeDocuments, type SourcedDocument } from './merge.js';
export { filterDocument, hasFilter, pruneComponents, type OpenApiFilter } from './openapi.js';
export { normalizeKeyOrder, normalize31, type OpenAPIDocument } from './common.js';
export { fastApiOperationId } from './rendered-openapi.js';
export { toYaml } from './serialize.js';

export const FORMATS: readonly UpstreamFormat[] = ['openapi', 'docs-page', 'rendered-openapi'];

export function isFormat(f: string): f is UpstreamFormat {
  return (FORMATS as readonly string[]).includes(f);
}

/**
 * Converts `text` (read from `source`, a path or URL used in messages) to a
 * normalised OpenAPI document: keys in canonical order, 3.0-isms removed
 * from 3.1 documents, and cut down to `filter` when given.
 */
export function convert(format: UpstreamFormat, text: string, source: string, filter?: OpenApiFilter): OpenAPIDocument {
  let doc: OpenAPIDocument;
  switch (format) {
    case 'openapi':
      doc = convertOpenApi(text, source, filter);
      break;
    case 'docs-page':
      doc = convertDocsPage(text, source);
      break;
    case 'rendered-openapi':
      doc = convertRenderedOpenApi(text, source);
      break;
    default:
      throw convertError(source, `unknown format ${JSON.stringify(format)}`, `use one of ${FORMATS.join(', ')}`);
  }
  if (format !== 'openapi' && hasFilter(filter)) doc = filterDocument(doc, filter, source);
  return normalizeKeyOrder(doc);
}
