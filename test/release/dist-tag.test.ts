// Which versions `pnpm release` refuses to publish as `latest` (without --tag).
import { describe, expect, it } from 'vitest';
import { latestProblem } from '../../scripts/release/release.js';

describe('latest dist-tag', () => {
  it('a first version, or one above every stable version on the registry, may become latest', () => {
    expect(latestProblem('0.1.0', [])).toBeUndefined();
    expect(latestProblem('0.2.0', ['0.1.0', '0.1.9'])).toBeUndefined();
    expect(latestProblem('1.0.0', ['0.9.0', '2.0.0-beta.1'])).toBeUndefined(); // prereleases do not count
    expect(latestProblem('0.10.0', ['0.9.0'])).toBeUndefined(); // numeric, not string, order
  });

  it('an older version, or a prerelease, may not', () => {
    expect(latestProblem('0.1.5', ['0.1.0', '0.2.0'])).toBe('the registry already has 0.2.0, so latest would move back');
    expect(latestProblem('0.9.0', ['0.10.0'])).toBe('the registry already has 0.10.0, so latest would move back');
    expect(latestProblem('1.0.0-rc.1', ['0.9.0'])).toBe('it is a prerelease');
  });
});
