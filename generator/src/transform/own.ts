/** Lookups in spec- or config-provided maps that never reach `Object.prototype` (`constructor`, `__proto__`, `toString`). */
export function ownEntry<T>(map: Record<string, T> | undefined, key: string): T | undefined {
  return map && Object.prototype.hasOwnProperty.call(map, key) ? map[key] : undefined;
}
