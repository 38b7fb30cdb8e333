/**
 * Between the stages of a large generation, the garbage of the stage before is freed at once.
 *
 * Each stage (load and lint, the types' AST and printing, client.ts and funcs.ts) leaves hundreds of megabytes of
 * garbage on a large spec while keeping little (Microsoft Graph: 440 MB of heap after loading, 112 MB of it live;
 * 520 MB after types.ts, 178 MB live). V8 collects it when its own heuristics say so, often only after the next
 * stage has grown the heap on top of it, so peak RSS depended on timing: 0.8–1.2 GB over runs of the same
 * Graph generation. A full collection at each boundary costs ≈0.1 s on such a heap and makes the peak the largest
 * stage alone (≈0.68 GB on Graph). Below `LARGE` bytes of spec a stage's garbage is small and nothing is done.
 *
 * `global.gc` exists only under `--expose-gc`; the flag is set at run time and the function taken from a fresh
 * context, as jest's leak detector does, so `clientgen` needs no Node flag.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Spec size (bytes of text) from which stages collect their garbage. */
export const LARGE = 4_000_000;

let gc: (() => void) | undefined;

/** A full garbage collection now. */
export function collectGarbage(): void {
  if (!gc) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  gc();
}
