/**
 * `clientgen convert --filter <paths> --slim`: how the real-spec fixtures in
 * test/fixtures/specs/real/ are cut (see the README there).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { run } from '../../generator/src/commands/convert.js';
import { convert, filterDocument, type OpenAPIDocument } from '../../generator/src/lifecycle/convert/index.js';
import { slimDocument } from '../../generator/src/lifecycle/convert/slim.js';

type Any = Record<string, any>;

const ok = (description: string, ref?: string) => ({
  description,
  content: { 'application/json': { schema: ref ? { $ref: ref } : { type: 'object' }, examples: { one: { $ref: '#/components/examples/one' } } } },
});

const DOC = {
  openapi: '3.0.0',
  info: { title: 'Shop', version: '1', description: 'A long prose introduction.' },
  paths: {
    '/v1/customers': { get: { operationId: 'list', responses: { '200': ok('The list', '#/components/schemas/customer') } } },
    '/v1/customers/{customer}': {
      post: {
        operationId: 'update',
        description: 'Updates a customer.',
        parameters: [{ name: 'customer', in: 'path', required: true, description: 'Its id', example: 'cus_1', schema: { type: 'string' } }],
        responses: { '200': ok('The customer', '#/components/schemas/customer'), '404': { $ref: '#/components/responses/notFound' } },
      },
    },
    '/v1/charges': { get: { operationId: 'charges', responses: { '200': ok('Charges', '#/components/schemas/charge') } } },
  },
  components: {
    schemas: {
      customer: {
        type: 'object',
        description: 'A customer.',
        example: { id: 'cus_1' },
        properties: {
          description: { type: 'string', description: 'Free text.', nullable: true },
          example: { type: 'boolean' },
          address: { $ref: '#/components/schemas/address' },
        },
      },
      address: { type: 'object', properties: { city: { type: 'string', description: 'City.' } } },
      charge: { type: 'object', properties: { amount: { type: 'integer' } } },
    },
    examples: { one: { value: { id: 'cus_1' } } },
    responses: { notFound: { description: 'Not found' } },
  },
  'x-webhooks': { 'charge.succeeded': { post: { requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/charge' } } } } } } },
};

describe('convert --filter (exact paths)', () => {
  it('keeps exactly the listed paths, prunes what only the others used, drops x-webhooks', () => {
    const d = filterDocument(structuredClone(DOC) as unknown as OpenAPIDocument, { paths: ['/v1/customers', '/v1/customers/{customer}'] }) as Any;
    expect(Object.keys(d.paths)).toEqual(['/v1/customers', '/v1/customers/{customer}']);
    expect(Object.keys(d.components.schemas).sort()).toEqual(['address', 'customer']);
    expect(d['x-webhooks']).toBeUndefined();
  });

  it('names every listed path the document lacks', () => {
    expect(() => convert('openapi', JSON.stringify(DOC), 'shop.json', { paths: ['/v1/customers', '/v1/nope', '/v1/customers/{id}'] })).toThrow(
      /no path "\/v1\/nope", "\/v1\/customers\/\{id\}" in the document/,
    );
  });
});

describe('convert --slim', () => {
  it('drops descriptions and examples but keeps properties with those names and Response Object descriptions', () => {
    const d = slimDocument(structuredClone(DOC) as unknown as OpenAPIDocument) as Any;
    expect(d.info).toEqual({ title: 'Shop', version: '1' });
    const customer = d.components.schemas.customer;
    expect(customer).toEqual({
      type: 'object',
      properties: { description: { type: 'string', nullable: true }, example: { type: 'boolean' }, address: { $ref: '#/components/schemas/address' } },
    });
    const op = d.paths['/v1/customers/{customer}'].post;
    expect(op.description).toBeUndefined();
    expect(op.parameters[0]).toEqual({ name: 'customer', in: 'path', required: true, schema: { type: 'string' } });
    expect(op.responses['200'].description).toBe('The customer');
    expect(op.responses['200'].content['application/json']).toEqual({ schema: { $ref: '#/components/schemas/customer' } });
    expect(d.components.responses.notFound).toEqual({ description: 'Not found' });
    expect(d.components.examples).toBeUndefined(); // nothing refers to it any more
  });
});

describe('clientgen convert --filter --slim --json', () => {
  it('prints the slice on one line', async () => {
    const file = new URL('../fixtures/specs/real/stripe.slice.json', import.meta.url).pathname;
    const out: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((s: string) => (out.push(String(s)), true)) as typeof process.stdout.write;
    let code: number;
    try {
      code = await run(['--from', 'openapi', file, '--filter', '/v1/customers/{customer}, /v1/files', '--slim', '--json']);
    } finally {
      process.stdout.write = write;
    }
    expect(code).toBe(0);
    const text = out.join('');
    expect(text.trimEnd().split('\n')).toHaveLength(1);
    const d = JSON.parse(text) as Any;
    expect(Object.keys(d.paths)).toEqual(['/v1/customers/{customer}', '/v1/files']);
    expect(d.paths['/v1/files'].post.requestBody.content['multipart/form-data'].encoding.file_link_data).toEqual({ explode: true, style: 'deepObject' });
    expect(readFileSync(file, 'utf8').length).toBeLessThan(600_000);
  });
});
