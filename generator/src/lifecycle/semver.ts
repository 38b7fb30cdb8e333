/**
 * Package versions: how a diff's bump level moves a semver version, and how
 * `version` is rewritten in provider.yaml without losing its comments.
 *
 * The 0.x rule. Below 1.0.0 a package signals breaking changes with the
 * minor number, exactly as npm's caret ranges read it (`^0.1.0` means
 * `>=0.1.0 <0.2.0`): every level moves one place to the right.
 *
 * | level | 1.x and later    | 0.x             |
 * |-------|------------------|-----------------|
 * | major | 1.4.2 → 2.0.0    | 0.1.3 → 0.2.0   |
 * | minor | 1.4.2 → 1.5.0    | 0.1.3 → 0.1.4   |
 * | patch | 1.4.2 → 1.4.3    | 0.1.3 → 0.1.4   |
 * | none  | unchanged        | unchanged       |
 *
 * So users on `^0.1.0` get new features and fixes and never a breaking
 * change; leaving 0.x (to 1.0.0) is a deliberate, manual decision.
 *
 * A prerelease (`1.0.0-beta.2`) is released as is by the bump that would
 * reach it (`major` on `x.0.0-…`, `minor` on `x.y.0-…`, any on `x.y.z-…`),
 * otherwise bumped from its release version, as `npm version` does.
 */
import { isMap, isScalar, parseDocument, Scalar } from 'yaml';
import type { BumpLevel } from './diff-rules.js';

export interface SemVer {
  major: number;
  minor: number;
  patch: number;
  prerelease?: string;
}

const SEMVER = /^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

export function parseSemver(version: string): SemVer {
  const m = SEMVER.exec(version.trim());
  if (!m) throw new Error(`"${version}" is not a semver version (expected MAJOR.MINOR.PATCH)`);
  return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]), ...(m[4] ? { prerelease: m[4] } : {}) };
}

export function formatSemver(v: SemVer): string {
  return `${v.major}.${v.minor}.${v.patch}${v.prerelease ? `-${v.prerelease}` : ''}`;
}

/** The level actually applied to the numbers: below 1.0.0 each level shifts one place (see above). */
export function effectiveLevel(version: string, level: BumpLevel): BumpLevel {
  if (level === 'none') return 'none';
  if (parseSemver(version).major > 0) return level;
  return level === 'major' ? 'minor' : 'patch';
}

export function bumpVersion(version: string, level: BumpLevel): string {
  const v = parseSemver(version);
  const eff = effectiveLevel(version, level);
  if (eff === 'none') return formatSemver(v);
  if (v.prerelease) {
    const reaches = (eff === 'major' && v.minor === 0 && v.patch === 0) || (eff === 'minor' && v.patch === 0) || eff === 'patch';
    if (reaches) return formatSemver({ major: v.major, minor: v.minor, patch: v.patch });
  }
  if (eff === 'major') return formatSemver({ major: v.major + 1, minor: 0, patch: 0 });
  if (eff === 'minor') return formatSemver({ major: v.major, minor: v.minor + 1, patch: 0 });
  return formatSemver({ major: v.major, minor: v.minor, patch: v.patch + 1 });
}

/** -1, 0 or 1; a prerelease sorts before its release (prerelease tags compared as strings). */
export function compareSemver(a: string, b: string): number {
  const x = parseSemver(a);
  const y = parseSemver(b);
  for (const k of ['major', 'minor', 'patch'] as const) if (x[k] !== y[k]) return x[k] < y[k] ? -1 : 1;
  if (x.prerelease === y.prerelease) return 0;
  if (!x.prerelease) return 1;
  if (!y.prerelease) return -1;
  return x.prerelease.localeCompare(y.prerelease, 'en', { numeric: true }) < 0 ? -1 : 1;
}

/** The default version of a package whose provider.yaml has none (as generate.ts assumes). */
export const DEFAULT_VERSION = '0.1.0';

/** Reads `version` from provider.yaml text (the default when absent). */
export function readProviderVersion(text: string): string {
  const doc = parseDocument(text);
  const v = doc.get('version');
  return v === undefined || v === null ? DEFAULT_VERSION : String(v);
}

/**
 * Returns provider.yaml `text` with `version` set. `yaml`'s Document API
 * locates the node (with its source range), and only that scalar is
 * replaced in the text, keeping its quoting: comments, key order and the
 * formatting of everything else stay byte for byte (re-serialising the whole
 * document would, e.g., re-pad flow collections). A missing `version` is
 * inserted on the line after `name`.
 */
export function setProviderVersion(text: string, version: string): string {
  const doc = parseDocument(text);
  if (doc.errors.length) throw new Error(`provider.yaml: ${doc.errors[0]!.message}`);
  const root = doc.contents;
  if (!isMap(root)) throw new Error('provider.yaml: expected a mapping at the top level');
  const pairOf = (key: string) => root.items.find((p) => isScalar(p.key) && p.key.value === key);
  const existing = pairOf('version');
  if (existing && isScalar(existing.value) && existing.value.range) {
    const [start, end] = existing.value.range;
    const quote = existing.value.type === Scalar.QUOTE_DOUBLE ? '"' : existing.value.type === Scalar.QUOTE_SINGLE ? "'" : '';
    return `${text.slice(0, start)}${quote}${version}${quote}${text.slice(end)}`;
  }
  if (existing) throw new Error('provider.yaml: `version` must be a plain string');
  const name = pairOf('name');
  const nameEnd = isScalar(name?.value) && name.value.range ? name.value.range[1] : 0;
  const lineEnd = text.indexOf('\n', nameEnd);
  if (!name || lineEnd < 0) return `version: ${version}\n${text}`;
  return `${text.slice(0, lineEnd + 1)}version: ${version}\n${text.slice(lineEnd + 1)}`;
}
