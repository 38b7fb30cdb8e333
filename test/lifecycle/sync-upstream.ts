/**
 * Shared by the `clientgen sync` tests: a throwaway copy of the workspace,
 * a loopback HTTP server that serves each provider's real upstream page from
 * shared/ (reached through `--source-base`; nothing leaves the machine), and
 * the edits that make those pages change.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { parse } from 'yaml';

export const repo = fileURLToPath(new URL('../../', import.meta.url));
export const cli = join(repo, 'generator/bin/clientgen.js');
export const PROVIDERS = ['datadog-model-lab', 'datafold', 'mangrove'];
export const DATE = '2026-11-25';

/**
 * shared/ (reference material, read-only) sits next to the clone. In a git
 * worktree it sits next to the main checkout, which the `.git` file names.
 */
function sharedDir(): string {
  const candidates = [join(repo, '..', 'shared')];
  const dotGit = join(repo, '.git');
  try {
    const gitdir = /^gitdir: (.+)$/m.exec(readFileSync(dotGit, 'utf8'))?.[1]?.trim();
    // <main>/.git/worktrees/<name> → <main>/../shared
    if (gitdir) candidates.push(join(resolve(repo, gitdir), '..', '..', '..', '..', 'shared'));
  } catch {
    // .git is a directory (a normal clone) or absent: the first candidate is the one.
  }
  return candidates.find((c) => existsSync(join(c, 'seeds'))) ?? candidates[0]!;
}

export const SHARED = sharedDir();

/** What each provider's upstream URL serves: the pages the vendored specs were made from. */
export const UPSTREAM: Record<string, string> = {
  mangrove: join(SHARED, 'seeds/mangrove-list-model-runs.md'),
  datafold: join(SHARED, 'seeds/datafold-list-monitor-runs.md'),
  'datadog-model-lab': join(SHARED, 'upstream/datadog-model-lab.openapi.yaml'),
};

// ---------------------------------------------------------------------------
// A workspace copy: root package.json, specs/, packages/runtime/package.json
// and the generated packages (without node_modules/dist).

export function makeWorkspace(): string {
  const ws = mkdtempSync(join(tmpdir(), 'clientgen-sync-ws-'));
  cpSync(join(repo, 'package.json'), join(ws, 'package.json'));
  cpSync(join(repo, 'specs'), join(ws, 'specs'), { recursive: true });
  mkdirSync(join(ws, 'packages/runtime'), { recursive: true });
  cpSync(join(repo, 'packages/runtime/package.json'), join(ws, 'packages/runtime/package.json'));
  for (const p of PROVIDERS) {
    cpSync(join(repo, 'packages', p), join(ws, 'packages', p), {
      recursive: true,
      filter: (src) => !/[\\/](node_modules|dist)$/.test(src),
    });
  }
  return ws;
}

/** Every file under `dir` → sha256 (to prove a run changed nothing). */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, e.name);
      if (e.isDirectory()) walk(full);
      else out[relative(dir, full)] = createHash('sha256').update(readFileSync(full)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

export function changedFiles(a: Record<string, string>, b: Record<string, string>): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => a[k] !== b[k]).sort();
}

// ---------------------------------------------------------------------------
// The loopback upstream: `/<host><path>` of each provider.yaml upstream URL.

export interface Upstream {
  base: string;
  pages: Map<string, string>;
  requests: string[];
  server: Server;
}

export async function startUpstream(ws: string): Promise<Upstream> {
  const pages = new Map<string, string>();
  for (const p of PROVIDERS) {
    const config = parse(readFileSync(join(ws, 'specs', p, 'provider.yaml'), 'utf8')) as { upstream: { url: string }[] };
    expect(config.upstream).toHaveLength(1);
    const u = new URL(config.upstream[0]!.url);
    pages.set(`/${u.host}${u.pathname}`, readFileSync(UPSTREAM[p]!, 'utf8'));
  }
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const page = pages.get(req.url ?? '');
    if (page === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/markdown; charset=utf-8' }).end(page);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, pages, requests, server };
}

export function mangrovePath(pages: Map<string, string>): string {
  return [...pages.keys()].find((k) => k.startsWith('/docs.mangrovesystems.com/'))!;
}

/** `clientgen sync <args> --root <ws> --source-base <upstream> --date DATE` as a child process. */
export function sync(ws: string, upstream: Upstream, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [cli, 'sync', ...args, '--root', ws, '--source-base', upstream.base, '--date', DATE],
      { cwd: ws, env: { ...process.env, CLIENTGEN_SYNC_BASE: '' } },
      (error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

// ---------------------------------------------------------------------------
// Upstream changes to the Mangrove page.

/** A new optional `state` query parameter (non-breaking). */
export function addStateParameter(page: string): string {
  const param = '        - name: page_size\n          in: query\n';
  expect(page).toContain(param);
  return page.replace(param, `        - name: state\n          in: query\n          description: Only model runs in this state.\n          schema:\n            type: string\n${param}`);
}

/** The `state` response property removed (breaking; an overlay replaces that schema, see dropStateFromOverlay). */
export function removeStateProperty(page: string): string {
  const property = '                        state:\n                          type: string\n';
  expect(page).toContain(property);
  return page.replace(property, '');
}

/** The Mangrove page with a new optional query parameter and without the `state` response property. */
export function changedMangrovePage(page: string): string {
  return removeStateProperty(addStateParameter(page));
}

/** What a maintainer does after the drift error: carry the upstream change into the overlay. */
export function dropStateFromOverlay(ws: string): void {
  const file = join(ws, 'specs/mangrove/overlays/01-named-schemas.yaml');
  const text = readFileSync(file, 'utf8');
  const property = '            state:\n              type: string\n';
  expect(text.split(property)).toHaveLength(2);
  writeFileSync(file, text.replace(property, ''));
}

