/**
 * YAML output of normalised OpenAPI documents (stable, no line folding).
 *
 * Scalars are quoted by YAML 1.1 rules, which is a superset of what YAML 1.2
 * needs here: `2024-01-20T10:00:00Z`, `yes`, `on` stay strings for YAML 1.1
 * readers too (js-yaml's default schema, Prism's parser).
 */
import { stringify } from 'yaml';

/**
 * Serialises `doc` as YAML. `header` lines are written as `#` comments first
 * (source, license, how the file was produced).
 */
export function toYaml(doc: unknown, header: readonly string[] = []): string {
  const body = stringify(doc, { lineWidth: 0, aliasDuplicateObjects: false, version: '1.1' });
  const comment = header.map((l) => (l === '' ? '#' : `# ${l}`)).join('\n');
  return comment ? `${comment}\n${body}` : body;
}
