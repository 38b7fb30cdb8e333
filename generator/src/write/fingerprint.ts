/**
 * No-op detection for `generate-all`: a fingerprint of everything that shapes
 * a package (spec, provider.yaml, the generator's own sources, bin and versions),
 * stored with the hashes of the files it produced. When neither the inputs
 * nor the files on disk changed, the package is current and the heavy
 * pipeline (openapi-typescript, ts-morph) is not even loaded.
 *
 * The cache lives in node_modules/.cache/clientgen (never committed); a fresh
 * clone has none and always runs the full pipeline.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { listOwnedFiles, type FileSet } from './output.js';
import { byCodePoint } from '../order.js';

const sha = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

function treeHash(dir: string): string {
  const hash = createHash('sha256');
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) => byCodePoint(a.name, b.name))) {
      const full = join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else hash.update(`${full}\0`).update(readFileSync(full)).update('\0');
    }
  };
  walk(dir);
  return hash.digest('hex');
}

let generatorHash: string | undefined;

/** Fingerprint of the inputs of one provider's package. */
export function inputFingerprint(root: string, provider: string): string {
  generatorHash ??= sha(
    [
      treeHash(join(root, 'generator', 'src')),
      // The bin builds the bundle that runs the sources: its build options shape the output too.
      treeHash(join(root, 'generator', 'bin')),
      readFileSync(join(root, 'generator', 'package.json'), 'utf8'),
      readFileSync(join(root, 'packages', 'runtime', 'package.json'), 'utf8'),
      readFileSync(join(root, 'package.json'), 'utf8'),
      existsSync(join(root, 'pnpm-lock.yaml')) ? readFileSync(join(root, 'pnpm-lock.yaml'), 'utf8') : '',
    ].join('\0'),
  );
  const specDir = join(root, 'specs', provider);
  const read = (f: string) => (existsSync(join(specDir, f)) ? readFileSync(join(specDir, f)) : Buffer.alloc(0));
  return sha([generatorHash, sha(read('openapi.yaml')), sha(read('provider.yaml'))].join('\0'));
}

interface Stamp {
  fingerprint: string;
  files: Record<string, string>;
}

function stampFile(root: string, provider: string): string {
  return join(root, 'node_modules', '.cache', 'clientgen', `${provider}.json`);
}

/** True when the inputs match the last run and the package on disk is exactly what it produced. */
export function isCurrent(root: string, provider: string, fingerprint: string): boolean {
  const file = stampFile(root, provider);
  if (!existsSync(file)) return false;
  let stamp: Stamp;
  try {
    stamp = JSON.parse(readFileSync(file, 'utf8')) as Stamp;
  } catch {
    return false;
  }
  if (stamp.fingerprint !== fingerprint) return false;
  const dir = join(root, 'packages', provider);
  // Every generated file is as generated, and no stray file sits among them.
  if (listOwnedFiles(dir).some((f) => !(f in stamp.files))) return false;
  return Object.entries(stamp.files).every(([f, hash]) => existsSync(join(dir, f)) && sha(readFileSync(join(dir, f))) === hash);
}

export function recordStamp(root: string, provider: string, fingerprint: string, files: FileSet): void {
  const file = stampFile(root, provider);
  mkdirSync(join(file, '..'), { recursive: true });
  const stamp: Stamp = { fingerprint, files: Object.fromEntries([...files].map(([f, c]) => [f, sha(c)]).sort(([a], [b]) => byCodePoint(a!, b!))) };
  writeFileSync(file, `${JSON.stringify(stamp)}\n`);
}
