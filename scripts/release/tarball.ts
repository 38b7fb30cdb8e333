/**
 * Reading an npm tarball (gzipped ustar, as `pnpm pack` / `npm pack` write
 * it) without a tar dependency, and the checks a tarball must pass before it
 * is published.
 */
import { readFileSync } from 'node:fs';
import { posix } from 'node:path';
import { gunzipSync } from 'node:zlib';

export interface TarballEntry {
  /** Path inside the package, without the leading `package/`. */
  path: string;
  content: Buffer;
}

function field(block: Buffer, start: number, length: number): string {
  const raw = block.subarray(start, start + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end === -1 ? raw.length : end).toString('utf8');
}

/** The regular files of a `.tgz`, in archive order. */
export function readTarball(file: string): TarballEntry[] {
  const tar = gunzipSync(readFileSync(file));
  const entries: TarballEntry[] = [];
  let offset = 0;
  let longName: string | undefined;
  while (offset + 512 <= tar.length) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) break;
    const size = parseInt(field(header, 124, 12).trim() || '0', 8);
    const type = String.fromCharCode(header[156] || 48);
    const prefix = field(header, 345, 155);
    const name = longName ?? (prefix ? `${prefix}/${field(header, 0, 100)}` : field(header, 0, 100));
    const content = tar.subarray(offset + 512, offset + 512 + size);
    offset += 512 + Math.ceil(size / 512) * 512;
    longName = undefined;
    if (type === 'x') {
      // pax extended header: "<len> path=<name>\n" records apply to the next entry
      const match = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(content.toString('utf8'));
      if (match) longName = match[1];
      continue;
    }
    if (type === 'L') {
      longName = content.toString('utf8').replace(/\0+$/, '');
      continue;
    }
    if (type !== '0' && type !== '\0' && type !== '7') continue;
    entries.push({ path: name.replace(/^[^/]+\//, ''), content: Buffer.from(content) });
  }
  return entries;
}

/** What a published package may contain, besides `dist/**`. */
export const ALLOWED_TOP_LEVEL_FILES = ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', 'NOTICE'];

const DEPENDENCY_FIELDS = ['dependencies', 'peerDependencies', 'optionalDependencies', 'devDependencies'] as const;

export interface PackedManifest {
  name?: string;
  version?: string;
  main?: string;
  types?: string;
  exports?: unknown;
  repository?: unknown;
  homepage?: string;
  license?: string;
  [key: string]: unknown;
}

/** Every file path an `exports` map (or string) points at. */
export function exportTargets(exports: unknown): string[] {
  if (typeof exports === 'string') return [exports];
  if (Array.isArray(exports)) return exports.flatMap(exportTargets);
  if (exports && typeof exports === 'object') return Object.values(exports).flatMap(exportTargets);
  return [];
}

/**
 * Problems that must stop a tarball from being published: files outside the
 * allow-list, a `workspace:` range left in package.json, `exports` / `main` /
 * `types` pointing at files the tarball lacks, no `dist/` at all.
 */
export function checkTarball(entries: TarballEntry[], expected: { name: string; version: string }): { problems: string[]; warnings: string[]; manifest: PackedManifest } {
  const problems: string[] = [];
  const warnings: string[] = [];
  const paths = new Set(entries.map((e) => e.path));
  for (const path of paths) {
    if (!path.startsWith('dist/') && !ALLOWED_TOP_LEVEL_FILES.includes(path)) problems.push(`unexpected file in the tarball: ${path}`);
  }
  if (![...paths].some((p) => p.startsWith('dist/'))) problems.push('no dist/ files: was the package built?');
  if (!paths.has('README.md')) warnings.push('no README.md in the tarball');

  const pkgEntry = entries.find((e) => e.path === 'package.json');
  if (!pkgEntry) return { problems: [...problems, 'no package.json in the tarball'], warnings, manifest: {} };
  const manifest = JSON.parse(pkgEntry.content.toString('utf8')) as PackedManifest;
  if (manifest.name !== expected.name || manifest.version !== expected.version) {
    problems.push(`package.json says ${manifest.name}@${manifest.version}, expected ${expected.name}@${expected.version}`);
  }
  for (const fieldName of DEPENDENCY_FIELDS) {
    const deps = manifest[fieldName];
    if (!deps || typeof deps !== 'object') continue;
    for (const [dep, range] of Object.entries(deps as Record<string, string>)) {
      if (String(range).startsWith('workspace:')) problems.push(`${fieldName}.${dep} is still "${range}"`);
    }
  }
  const targets = [...exportTargets(manifest.exports), ...(manifest.main ? [manifest.main] : []), ...(manifest.types ? [manifest.types] : [])];
  for (const target of new Set(targets)) {
    const path = posix.normalize(target).replace(/^\.\//, '');
    if (path.includes('*')) continue;
    if (!paths.has(path)) problems.push(`"${target}" (exports/main/types) is not in the tarball`);
  }
  return { problems, warnings, manifest };
}
