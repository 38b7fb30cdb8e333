/** Which corpus specs a run checks: all, a deterministic sample, or the big four. */
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Corpus } from './fetch.js';

export interface CorpusSpec {
  /** APIs.guru id (`stripe.com`, `amazonaws.com/s3`) or a name for the big ones. */
  id: string;
  file: string;
}

/** Every spec of the APIs.guru directory, sorted by id. */
export function directorySpecs(corpus: Corpus): CorpusSpec[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : /\.(json|ya?ml)$/.test(e.name) ? [join(dir, e.name)] : []));
  return walk(corpus.directoryApi)
    .map((file) => ({ id: relative(corpus.directoryApi, file).replace(/\.(json|ya?ml)$/, ''), file }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** `n` specs drawn without replacement by a seeded shuffle: the same seed, the same specs, on any machine. */
export function sample<T>(items: readonly T[], n: number, seed: number): T[] {
  const random = mulberry32(seed);
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy.slice(0, n);
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Stripe, Kubernetes, GitHub and Microsoft Graph: the largest real specs we know of. */
export function bigSpecs(corpus: Corpus): CorpusSpec[] {
  return [
    { id: 'stripe.com', file: join(corpus.directoryApi, 'stripe.com.json') },
    { id: 'kubernetes.io', file: join(corpus.directoryApi, 'kubernetes.io.json') },
    { id: 'api.github.com', file: corpus.github },
    { id: 'microsoft.com/graph', file: join(corpus.directoryApi, 'microsoft.com/graph.json') },
  ];
}

/** A folder name for a spec id. */
export function slugOf(id: string): string {
  return id.replace(/[^A-Za-z0-9.-]+/g, '_');
}
