import { expect, it } from 'vitest';
import { collectGarbage } from '../../generator/src/memory.js';

it('collectGarbage frees unreachable memory at once, without --expose-gc', () => {
  expect(process.execArgv).not.toContain('--expose-gc');
  collectGarbage();
  const before = process.memoryUsage().heapUsed;
  let garbage: number[][] | undefined = Array.from({ length: 200 }, (_, i) => Array.from({ length: 10_000 }, (_, j) => i + j + 0.5));
  const grown = process.memoryUsage().heapUsed;
  expect(grown - before).toBeGreaterThan(10_000_000);
  garbage.length = 0;
  garbage = undefined;
  collectGarbage();
  expect(process.memoryUsage().heapUsed - before).toBeLessThan((grown - before) / 4);
});
