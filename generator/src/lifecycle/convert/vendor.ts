/**
 * The whole path from what a provider publishes to `specs/<provider>/openapi.yaml`:
 * convert every upstream source, merge them, apply the provider's overlays
 * (`specs/<provider>/overlays/NN-name.yaml`, in file-name order) and put the
 * keys in canonical order.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { UpstreamFormat } from '../../provider/provider-config.js';
import { applyOverlays } from '../overlay.js';
import { normalizeKeyOrder, type OpenAPIDocument } from './common.js';
import { convert } from './index.js';
import { mergeDocuments } from './merge.js';
import type { OpenApiFilter } from './openapi.js';

export interface UpstreamText {
  format: UpstreamFormat;
  /** Path or URL, for messages. */
  source: string;
  text: string;
  filter?: OpenApiFilter;
}

export interface NamedOverlay {
  /** File name, for messages (`02-fix-examples.yaml`). */
  name: string;
  overlay: unknown;
}

/** Reads `dir/*.yaml` overlays in file-name order; a missing folder means none. */
export function readOverlays(dir: string): NamedOverlay[] {
  let files: string[];
  try {
    files = readdirSync(dir);
  } catch {
    return [];
  }
  return files
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((name) => ({ name, overlay: parse(readFileSync(join(dir, name), 'utf8')) as unknown }));
}

export function vendorSpec(upstreams: readonly UpstreamText[], overlays: readonly NamedOverlay[] = []): OpenAPIDocument {
  const docs = upstreams.map((u) => ({ source: u.source, document: convert(u.format, u.text, u.source, u.filter) }));
  const merged = mergeDocuments(docs);
  return normalizeKeyOrder(applyOverlays(merged, overlays));
}
