// provider.yaml validation: every problem names the file, JSON pointer, line and column.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SpecError } from '../../generator/src/load/spec-error.js';
import { checkProviderAgainstSpec, loadProviderConfig } from '../../generator/src/provider/load-provider.js';
import type { OpenAPIDocument } from '../../generator/src/model/openapi.js';

const dir = mkdtempSync(join(tmpdir(), 'clientgen-provider-'));
let n = 0;
function providerFile(text: string): string {
  const file = join(dir, `provider-${n++}.yaml`);
  writeFileSync(file, text);
  return file;
}

function problems(fn: () => unknown): { pointer: string; line?: number; column?: number; message: string }[] {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(SpecError);
    return [...(error as SpecError).problems];
  }
  throw new Error('expected a SpecError');
}

const spec: OpenAPIDocument = {
  openapi: '3.1.0',
  info: { title: 't', version: '1' },
  servers: [{ url: 'https://{region}.example.com', variables: { region: { default: 'eu' } } }],
  paths: {
    '/widgets': {
      get: { operationId: 'list_widgets', parameters: [{ name: 'page', in: 'query', schema: { type: 'integer' } }], responses: { '200': { description: 'ok' } } },
    },
  },
  components: { securitySchemes: { key: { type: 'apiKey', in: 'header', name: 'X-Key' }, bearer: { type: 'http', scheme: 'bearer' } } },
};

describe('provider.yaml validation', () => {
  it('unknown and mistyped fields, with line and column', () => {
    const file = providerFile('name: acme\nversoin: 1.0.0\ndocsUrl: http://insecure\ncredentials:\n  apiKey:\n    scheme: key\n    env: acme_key\n');
    const found = problems(() => loadProviderConfig(file, 'acme'));
    expect(found).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ pointer: '/versoin', line: 2, column: 10, message: expect.stringContaining('unknown field "versoin"') }),
        expect.objectContaining({ pointer: '/docsUrl', line: 3, message: expect.stringContaining('https') }),
        expect.objectContaining({ pointer: '/credentials/apiKey/env', line: 7, message: expect.stringContaining('UPPER_SNAKE_CASE') }),
      ]),
    );
    try {
      loadProviderConfig(file, 'acme');
    } catch (error) {
      expect((error as Error).message).toContain(`${file}:2:10 #/versoin: unknown field "versoin"`);
    }
  });

  it('pagination needs the fields of its style', () => {
    const file = providerFile('name: acme\noperations:\n  list_widgets:\n    pagination:\n      style: cursor\n      items: data\n');
    expect(problems(() => loadProviderConfig(file, 'acme'))).toEqual([
      expect.objectContaining({ pointer: '/operations/list_widgets/pagination', line: 5, message: expect.stringContaining('"cursorParam" is required') }),
      expect.objectContaining({ pointer: '/operations/list_widgets/pagination', message: expect.stringContaining('exactly one of "nextCursor" and "itemCursor"') }),
    ]);
  });

  it('cursor pagination: a next token or an item field, reverseParam only with the latter; items may be the body', () => {
    const yaml = (fields: string) => providerFile(`name: acme\noperations:\n  list_widgets:\n    pagination: { style: cursor, cursorParam: starting_after, items: data, ${fields} }\n`);
    expect(problems(() => loadProviderConfig(yaml('nextCursor: next_page, itemCursor: id'), 'acme'))).toEqual([
      expect.objectContaining({ pointer: '/operations/list_widgets/pagination', line: 4, message: expect.stringContaining('exactly one of') }),
    ]);
    expect(problems(() => loadProviderConfig(yaml('nextCursor: next_page, reverseParam: ending_before'), 'acme'))).toEqual([
      expect.objectContaining({ pointer: '/operations/list_widgets/pagination/reverseParam', message: '"reverseParam" needs "itemCursor"' }),
    ]);
    expect(problems(() => loadProviderConfig(yaml('itemCursor: id, hasMore: has_more, reverseParam: 7'), 'acme'))).toEqual([
      expect.objectContaining({ pointer: '/operations/list_widgets/pagination/reverseParam', message: 'expected a non-empty string, got 7' }),
    ]);
    const stripe = loadProviderConfig(yaml('itemCursor: id, hasMore: has_more, reverseParam: ending_before'), 'acme');
    expect(stripe.operations!.list_widgets!.pagination).toEqual({ style: 'cursor', cursorParam: 'starting_after', items: 'data', itemCursor: 'id', hasMore: 'has_more', reverseParam: 'ending_before' });
    const github = providerFile(`name: acme\noperations:\n  list_widgets:\n    pagination: { style: link, items: '', nextLink: 'header:link' }\n`);
    expect(loadProviderConfig(github, 'acme').operations!.list_widgets!.pagination).toEqual({ style: 'link', items: '', nextLink: 'header:link' });
  });

  it('names must exist in the spec: operations, schemes, server variables, pagination params, folder', () => {
    const file = providerFile(
      [
        'name: acme',
        'credentials:',
        '  token:',
        '    scheme: bearer',
        '    format: "Bearer {value}"',
        '  apiKey:',
        '    scheme: missing',
        'serverVariables:',
        '  zone: { option: zone }',
        'operations:',
        '  listWidgetz: { name: listWidgets }',
        '  list_widgets:',
        '    pagination: { style: page-number, pageParam: pg, items: data }',
        '',
      ].join('\n'),
    );
    const config = loadProviderConfig(file, 'acme');
    const found = problems(() => checkProviderAgainstSpec(file, config, spec, { folder: 'acme-co' }));
    expect(found.map((p) => [p.pointer, p.line])).toEqual([
      ['/name', 1],
      ['/operations/listWidgetz', 11],
      ['/operations/list_widgets/pagination/pageParam', 13],
      ['/credentials/token/format', 5],
      ['/credentials/apiKey/scheme', 7],
      ['/serverVariables/zone', 9],
    ]);
    expect(found[1]!.message).toContain('"listWidgetz" is not in the spec');
  });

  it('a valid file passes', () => {
    const file = providerFile('name: acme\ncredentials:\n  apiKey: { scheme: key, env: ACME_KEY }\nserverVariables:\n  region: { option: region, env: ACME_REGION }\noperations:\n  list_widgets:\n    name: listWidgets\n    pagination: { style: page-number, pageParam: page, items: data }\n');
    const config = loadProviderConfig(file, 'acme');
    expect(() => checkProviderAgainstSpec(file, config, spec, { folder: 'acme' })).not.toThrow();
    expect(config.operations?.list_widgets?.name).toBe('listWidgets');
  });
});
