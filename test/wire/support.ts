/**
 * Wire conformance: the same calls through a provider's official SDK and
 * through the package clientgen generates from the provider's spec, both
 * sent to one loopback server that records them, compared as the server
 * sees them.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import { generateInto, makeWorkdir, removeWorkdir, repoRoot } from '../generator/support/packages.js';
import type { RecordedRequest } from '../support/fault-server.js';

/**
 * Generates a package from `test/fixtures/specs/real/<slice>` into a scratch
 * directory and imports its `src/index.ts` (vitest compiles it), once for the
 * file. The getter throws until `beforeAll` has run.
 */
export function useGeneratedPackage<T>(slice: string, name: string): () => T {
  let workdir: string | undefined;
  let mod: T | undefined;
  beforeAll(async () => {
    workdir = makeWorkdir(`wire-${name}`);
    const { dir } = await generateInto(workdir, join(repoRoot, 'test/fixtures/specs/real', slice), name);
    mod = (await import(pathToFileURL(join(dir, 'src/index.ts')).href)) as T;
  }, 120_000);
  afterAll(() => removeWorkdir(workdir));
  return () => {
    if (!mod) throw new Error(`${slice} was not generated`);
    return mod;
  };
}

/** What the spec describes of a request, as the server saw it, with query and form pairs decoded and sorted. */
export interface Wire {
  method: string;
  /** Path as received (percent-encoding kept). */
  path: string;
  /** Decoded `name=value` query pairs, sorted, one per line. */
  query: string;
  /** Media type of the body (`Content-Type` without parameters), when there is a body. */
  mediaType?: string;
  /**
   * The body: URL-encoded forms as decoded, sorted `name=value` lines;
   * multipart as sorted parts (`name=value`, files as `name=<filename;type>content`);
   * anything else as received.
   */
  body: string;
}

const sortedLines = (pairs: Iterable<[string, string]>) =>
  [...pairs]
    .map(([k, v]) => `${k}=${v}`)
    .sort()
    .join('\n');

export async function wire(request: RecordedRequest): Promise<Wire> {
  const contentType = request.headers['content-type'];
  const mediaType = request.body.length && contentType ? contentType.split(';')[0]!.trim().toLowerCase() : undefined;
  let body = request.text;
  if (mediaType === 'application/x-www-form-urlencoded') body = sortedLines(new URLSearchParams(request.text));
  else if (mediaType === 'multipart/form-data') {
    const form = await new Response(new Uint8Array(request.body), { headers: { 'content-type': contentType! } }).formData();
    const parts: [string, string][] = [];
    for (const [k, v] of form) parts.push([k, typeof v === 'string' ? v : `<${v.name};${v.type}>${await v.text()}`]);
    body = sortedLines(parts);
  }
  return { method: request.method, path: request.path, query: sortedLines(request.query), ...(mediaType ? { mediaType } : {}), body };
}
