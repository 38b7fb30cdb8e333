/**
 * Lints an OpenAPI document with @redocly/openapi-core's `recommended` ruleset.
 * Lives here so that tests and the `convert` command resolve the dependency
 * through the generator package.
 */
import { createConfig, lintFromString } from '@redocly/openapi-core';

export interface LintProblem {
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
  /** JSON pointer of the first location, e.g. `#/paths/~1x/get`. */
  pointer?: string;
}

export interface LintOptions {
  /** Extra rule settings merged over `recommended`, e.g. `{ 'info-license': 'off' }`. */
  rules?: Record<string, 'error' | 'warn' | 'off'>;
}

export async function lintOpenApi(text: string, source = 'openapi.yaml', options: LintOptions = {}): Promise<LintProblem[]> {
  const config = await createConfig({ extends: ['recommended'], rules: options.rules ?? {} } as never);
  const problems = await lintFromString({ source: text, absoluteRef: source, config });
  return problems
    .filter((p) => p.severity === 'error' || p.severity === 'warn')
    .map((p) => {
      const pointer = p.location[0]?.pointer;
      return {
        ruleId: p.ruleId,
        severity: p.severity as 'error' | 'warn',
        message: p.message,
        ...(pointer !== undefined ? { pointer } : {}),
      };
    });
}
