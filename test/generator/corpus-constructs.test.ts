/**
 * Constructs of real specs whose generated packages did not type-check or
 * were refused (found by `pnpm corpus`), reduced to one fixture: the package
 * compiles (strict) and the types and requests mean what the spec says.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { compilePackages, generateInto, makeWorkdir, removeWorkdir, repoRoot } from './support/packages.js';

const workdir = makeWorkdir('corpus-constructs');
afterAll(() => removeWorkdir(workdir));

const ASSERTIONS = `
import type { components, paths, CountReactionsParams, GetCauseResponse, GetChannelFromResponse, GetReactionsItem, ListKitsItem, ListKitsResponse } from './corpus/src/index.js';
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
function assert<T extends true>(): void {}
// a parameter that is a $ref to another operation's parameter: a parameter of its own
export const counted: CountReactionsParams = { limit: 10 };
// an array whose items are a $ref to a parameter: any values
assert<Equal<CountReactionsParams['field[]'], unknown[] | undefined>>();
export const fields: CountReactionsParams = { 'field[]': ['location', 2] };
// a property named with a bare %
export const odds: components['schemas']['Reaction'] = { type: 'like', 'win_%': 12.5 };
// components extending a discriminated parent, declaring its property, not in its mapping: the property once, with
// the component's own value (else its name)
assert<Equal<components['schemas']['DestinationResult']['class'], 'DestinationResult'>>();
assert<Equal<components['schemas']['QueueResult']['class'], 'queue'>>();
assert<Equal<components['schemas']['BooleanResult']['class'], 'BooleanResult'>>();
export const destination: components['schemas']['DestinationResult'] = { class: 'DestinationResult', success: 'yes' };
// a $ref inside an example's value is literal data: nothing of the schema it names becomes a component
assert<Equal<'Redirect_example' extends keyof components['schemas'] ? true : false, false>>();
assert<Equal<components['schemas']['Redirect'], string>>();
// properties named default and example are names: their $refs are followed like any other
assert<Equal<NonNullable<components['schemas']['Branding']['default']>, { src?: string }>>();
assert<Equal<components['schemas']['Branding']['example'], components['schemas']['Branding']['hover']>>();
// a nullable paginated body: the items of the non-null body
assert<Equal<GetReactionsItem, components['schemas']['Reaction']>>();
// items from the 200 body, the call resolves to either 2xx body
assert<Equal<ListKitsItem, string>>();
export const accepted: ListKitsResponse = { jobId: 'j' };
// allOf of a nullable schema with required properties: an object with them required, never null
export const cause: GetCauseResponse = { item_id: 'i', error_code: 'E' };
// @ts-expect-error error_code is required
export const partial: GetCauseResponse = { item_id: 'i' };
// @ts-expect-error allOf with an object schema is not null
export const none: GetCauseResponse = null;
// a $ref into another schema's oneOf member: that member, as a component of its own
assert<Equal<GetChannelFromResponse, components['schemas']['Channel_from_oneOf_1']>>();
assert<Equal<GetChannelFromResponse, { number: string }>>();
// a $ref to the schema of an operation's response: that schema, as a component of its own
type StatusContent = paths['/status']['get']['responses'][200]['content'];
assert<Equal<StatusContent['text/xml'], components['schemas']['status_get_200']>>();
assert<Equal<StatusContent['text/xml'], { status: 'OK' }>>();
`;

it('the corpus constructs generate a package that type-checks (strict) with the types the spec means', async () => {
  const { result } = await generateInto(workdir, join(repoRoot, 'test/fixtures/specs/corpus/constructs.yaml'), 'corpus');
  expect(result.model.operations.filter((o) => o.pagination).map((o) => `${o.name}: ${o.pagination!.items}`)).toEqual(['getReactions: reactions', 'listKits: records']);
  // the query string of a path key is dropped from the template; its parameter stays a query parameter
  const search = result.model.operations.find((o) => o.name === 'searchArticles')!;
  expect(search.path).toBe('/search');
  expect(search.parameters.map((p) => `${p.in} ${p.name}`)).toEqual(['query query']);
  expect(result.warnings.map((w) => w.message)).toContain('the query string is dropped from the path template `/search?query={query}`: its parameters are sent as the query parameters they are declared as');
  expect(result.warnings.filter((w) => w.code === 'parameter-as-schema').map((w) => `${w.pointer}: ${w.message}`)).toEqual([
    '/paths/~1reactions~1counts/get/parameters/1/schema/items: a $ref to a Parameter Object (#/paths/~1reactions/get/parameters/0) stands where a schema must be; assumed: any value',
  ]);
  expect(result.warnings.map((w) => w.pointer)).toContain('/components/schemas/Flags/properties/default/not');
  const assertions = join(workdir, 'assertions.ts');
  writeFileSync(assertions, ASSERTIONS);
  expect(compilePackages(workdir, ['corpus'], { extraFiles: [assertions] }).text).toBe('');
});
