/**
 * Swagger 2.0 input: converted to OpenAPI 3.0 on load (generator/src/load/swagger2.ts),
 * it generates a package that type-checks (strict) with the shapes the Swagger
 * document means, and every operation reaches a loopback server.
 * (A problem in a Swagger document names the original's line and column:
 * test/generator/errors.test.ts.)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { compilePackages, generateInto, importAndCall, makeWorkdir, removeWorkdir, repoRoot, type Generated } from './support/packages.js';

const spec = join(repoRoot, 'test/fixtures/specs/swagger2/petstore.yaml');
let workdir: string | undefined;
let pets: Generated;
beforeAll(async () => {
  workdir = makeWorkdir('swagger2');
  pets = await generateInto(workdir, spec, 'pets');
});
afterAll(() => removeWorkdir(workdir));

const ASSERTIONS = `
import type { components, CreatePetParams, GetPetResponse, ListPetsParams, ListPetsResponse, UploadPhotoParams } from './pets/src/index.js';
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
function assert<T extends true>(): void {}
type S = components['schemas'];
// definitions → components.schemas; x-nullable → nullable
assert<Equal<S['NewPet'], { name: string; tag?: string | null }>>();
// a body parameter → the request body; a response schema → its JSON content
assert<Equal<CreatePetParams['body'], S['NewPet']>>();
assert<Equal<ListPetsResponse, S['Pet'][]>>();
assert<Equal<GetPetResponse['id'], number>>();
// collectionFormat: csv array → array query parameter; a shared #/parameters/ entry → a path parameter
assert<Equal<ListPetsParams['tags'], string[] | undefined>>();
export const photo: UploadPhotoParams = { petId: 1, body: { file: 'bytes', caption: 'hi' } };
`;

it('a Swagger 2.0 document generates a package that type-checks (strict) with the shapes it means', () => {
  expect(pets.result.model.operations.map((o) => o.name)).toEqual(['listPets', 'createPet', 'getPet', 'deletePet', 'uploadPhoto']);
  expect(pets.result.warnings).toEqual([]);
  const assertions = join(workdir!, 'assertions.ts');
  writeFileSync(assertions, ASSERTIONS);
  const compiled = compilePackages(workdir!, ['pets'], { extraFiles: [assertions], emit: true });
  expect(compiled.text).toBe('');
});

it('host + basePath + schemes become the server, securityDefinitions the credentials, formData a multipart body', () => {
  // The API descriptor is declared in core.ts (api.ts re-exports it).
  const api = readFileSync(join(pets.dir, 'src/core.ts'), 'utf8');
  expect(api).toContain('{ url: "https://petstore.example.com/v1" }');
  expect(api).toContain('securitySchemes: { apiKey: { type: "apiKey", in: "header", name: "X-Api-Key", option: "apiKey" } }');
  const operations = readFileSync(join(pets.dir, 'src/operations.ts'), 'utf8');
  expect(operations).toContain('body: { mediaType: "multipart/form-data", required: false, encode: multipartBody }');
  expect(operations).toContain('body: { mediaType: "application/json", required: true, encode: jsonBody }');
});

it('every operation sends its request to a loopback server', async () => {
  const [report] = await importAndCall(workdir!, ['pets']);
  expect(report!.unexpected).toEqual([]);
  expect([...report!.requests].sort()).toEqual(['DELETE /pets/v', 'GET /pets', 'GET /pets/v', 'POST /pets', 'POST /pets/v/photo']);
});
