/**
 * OpenAPI constructs → generated packages that compile (strict) and have the
 * right shape. Each fixture in test/fixtures/specs/constructs/ is generated
 * into a scratch directory; one TypeScript program checks all packages plus
 * a type-level assertion file per fixture (a wrong shape is a compile error);
 * then the emitted descriptors, docs and warnings are checked.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compilePackages, generateInto, importAndCall, makeWorkdir, removeWorkdir, repoRoot, type CompileResult, type Generated, type ImportReport } from './support/packages.js';

const fixtures = join(repoRoot, 'test/fixtures/specs/constructs');

const SPECS: Record<string, string> = {
  'schemas-30': 'schemas-30.yaml',
  'schemas-31': 'schemas-31.yaml',
  bodies: 'bodies.yaml',
  external: 'external/openapi.yaml',
  names: 'names.yaml',
  auth: 'auth.yaml',
};

const PRELUDE = `
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
function assert<T extends true>(): void {}
`;

/** Type-level assertions per fixture: compiled with the packages, so a wrong shape fails the build. */
const ASSERTIONS: Record<string, string> = {
  'schemas-30': `
import type { components, CreatePetParams, GetTreeResponse, GetValuesResponse, ListPetsParams, ListPetsResponse } from './schemas-30/src/index.js';
type S = components['schemas'];
// circular $ref through properties and arrays of objects
assert<Equal<GetTreeResponse, S['Tree']>>();
export const tree: GetTreeResponse = { name: 'root', children: [{ name: 'leaf', parent: { name: 'root' } }] };
// oneOf + discriminator with the parent listing its children (inheritance cycle): narrowed by petType
assert<Equal<ListPetsResponse[number]['petType'], 'cat' | 'dog'>>();
export function sound(pet: ListPetsResponse[number]): boolean | undefined {
  return pet.petType === 'cat' ? pet.meows : pet.barks;
}
// 3.0 nullable
assert<Equal<S['Cat']['name'], string | null | undefined>>();
// anyOf without discriminator; oneOf with an enum tag
assert<Equal<CreatePetParams['body'], { name: string } | { id: number }>>();
export const circle: S['Shape'] = { kind: 'circle', radius: 1 };
// @ts-expect-error a square has no radius
export const bad: S['Shape'] = { kind: 'square', radius: 1 };
// enum values that are not identifiers, through a $ref'd parameter schema
assert<Equal<NonNullable<ListPetsParams['kind']>, 'a-b' | '1st' | 'with space' | 'quote"d' | 'new\\nline' | '' | '__proto__' | 'constructor'>>();
// recursion through an array inside a union is typed unknown[] there (a warning says so)
export const values: GetValuesResponse = ['a', 1, null, { nested: ['b'] }];
// additionalProperties: schema, true, false
assert<Equal<S['Labels'], { [key: string]: string }>>();
export const open: S['Open'] = { id: 'x', anything: 1 };
// @ts-expect-error additionalProperties: false
export const closed: S['Closed'] = { id: 'x', extra: 1 };
`,
  'schemas-31': `
import type { GetThingParams, GetThingResponse } from './schemas-31/src/index.js';
// const, type arrays, mixed enums
assert<Equal<GetThingResponse['kind'], 'thing'>>();
assert<Equal<GetThingResponse['version'], 2>>();
assert<Equal<GetThingResponse['note'], string | null>>();
assert<Equal<GetThingResponse['count'], number | null | undefined>>();
assert<Equal<GetThingResponse['level'], 1 | 2.5 | 'high' | true | null>>();
// a parameter key that is not an identifier
assert<Equal<GetThingParams['thing-id'], string>>();
`,
  bodies: `
import type {
  DeleteFileParams, DeleteFileResponse, GetFileErrorBody, GetFileParams, GetFileResponse, GetSharedResponse, PostNoteParams,
  PostNoteResponse, PutFileBytesParams, PutFileBytesResponse, StartJobResponse, SubmitFormParams, SubmitFormResponse, UploadErrorBody, UploadParams,
  UploadResponse,
} from './bodies/src/index.js';
// operation-level parameter overrides the path-level one of the same name and location
assert<Equal<GetFileParams['version'], number>>();
assert<Equal<NonNullable<DeleteFileParams['version']>, string>>();
// $ref'd path parameter, $ref'd responses, default response as the error body
assert<Equal<GetFileParams['fileId'], string>>();
assert<Equal<GetFileResponse, { id: string; size: number }>>();
assert<Equal<GetFileErrorBody, { title?: string; status?: number }>>();
assert<Equal<UploadErrorBody, { title?: string; status?: number }>>();
// bodies: octet-stream, form, multipart, text
assert<Equal<PutFileBytesParams['body'], string>>();
assert<Equal<SubmitFormParams['body'], { name: string; age?: number }>>();
assert<Equal<UploadParams['body'], { file?: string; caption?: string } | undefined>>();
assert<Equal<PostNoteParams['body'], string>>();
// responses without content resolve to undefined; text responses to string
assert<Equal<PutFileBytesResponse, undefined>>();
assert<Equal<DeleteFileResponse, undefined>>();
assert<Equal<PostNoteResponse, undefined>>();
assert<Equal<SubmitFormResponse, string>>();
assert<Equal<UploadResponse, { id?: string }>>();
// several 2xx: any of the JSON bodies, or undefined for the 204
assert<Equal<StartJobResponse, { result: string } | { jobId: string } | undefined>>();
// an operation of a $ref'd path item
assert<Equal<GetSharedResponse, { ok?: boolean }>>();
`,
  external: `
import type { GetOwnerParams, GetOwnerResponse, ListOwnersResponse } from './external/src/index.js';
// schemas, a path item and a parameter from files next to the spec (one schema refers to itself)
assert<Equal<GetOwnerParams['ownerId'], string>>();
assert<Equal<ListOwnersResponse[number], GetOwnerResponse>>();
export const owner: GetOwnerResponse = { id: '1', name: 'a', address: { city: 'b' }, manager: { id: '2', name: 'c' } };
`,
  names: `
import type { GetUsersByUserIdPostsParams, ListMonitorRunsParams, _9LivesNamesClient } from './names/src/index.js';
// parameter keys with spaces, brackets, backticks, quotes, leading digits, Object.prototype names
export const params: GetUsersByUserIdPostsParams = {
  'user id': 'u', 'page[size]': 1, '\`tick\`': 't', 'say "hi"': 's', '2nd': 'n', constructor: 'c', toString: 't',
};
assert<Equal<GetUsersByUserIdPostsParams['__proto__'], string | undefined>>();
// optional params default to {} even with keys that shadow Object.prototype members
export const call = (c: _9LivesNamesClient) => c.getUsersByUserIdPosts({ 'user id': 'u' });
// a name used by a path and a query parameter: the path one is kept
assert<Equal<ListMonitorRunsParams, { id: number }>>();
`,
};

let workdir: string;
const pkgs = new Map<string, Generated>();
let compiled: CompileResult;
let reports: ImportReport[] = [];

beforeAll(async () => {
  workdir = makeWorkdir('constructs');
  for (const [name, file] of Object.entries(SPECS)) pkgs.set(name, await generateInto(workdir, join(fixtures, file), name));
  const extraFiles = Object.entries(ASSERTIONS).map(([name, body]) => {
    const file = join(workdir, `assert-${name}.ts`);
    writeFileSync(file, `${PRELUDE}${body}`);
    return file;
  });
  compiled = compilePackages(workdir, [...pkgs.keys()], { extraFiles, emit: true });
  if (!compiled.text) reports = await importAndCall(workdir, [...pkgs.keys()]);
}, 120_000);

afterAll(() => removeWorkdir(workdir));

const source = (name: string, file: string) => pkgs.get(name)!.result.files.get(file)!;
const warnings = (name: string) => pkgs.get(name)!.result.warnings.map((w) => `${w.pointer}: ${w.message}`);
const operations = async (name: string) =>
  ((await import(pathToFileURL(join(workdir, '.out', name, 'src', 'api.js')).href)) as { operations: Record<string, Record<string, unknown>> }).operations;

describe('generated packages for the construct fixtures', () => {
  it('all type-check (strict) together with the shape assertions', () => {
    expect(compiled.text).toBe('');
  });

  it('import cleanly and every method sends its request', () => {
    expect(reports.map((r) => r.name)).toEqual([...pkgs.keys()]);
    for (const r of reports) {
      expect(r.unexpected, r.name).toEqual([]);
      expect(r.requests.length, r.name).toBe(r.calls.length);
    }
  });
});

describe('schemas', () => {
  it('circular $refs: exact where TypeScript can express them, lossy with a warning where not', () => {
    expect(warnings('schemas-30')).toEqual(
      expect.arrayContaining([
        '/components/schemas/Cat/allOf/0: Cat extends Pet, which lists it in oneOf (Pet → Cat → Pet); Cat is typed with Pet\'s own properties',
        '/components/schemas/Values/oneOf/2/items: recursive schema Values → Values cannot be typed through this array; its items are typed as unknown',
      ]),
    );
    expect(source('schemas-30', 'src/types.ts')).toContain('parent?: components["schemas"]["Tree"];');
  });

  it('deprecated operations and parameters get @deprecated', () => {
    const client = source('schemas-30', 'src/client.ts');
    expect(client).toContain('   * @deprecated The provider marks this operation as deprecated.\n   */\n  createPet(params: CreatePetParams');
    expect(client).toContain('   * Old filter.\n   *\n   * Sent in the query string as `legacy`.\n   * @deprecated\n   */\n  legacy?:');
    expect(source('schemas-30', 'README.md')).toContain('| `legacy` | query | string | no | Old filter. **Deprecated.** |');
  });
});

describe('security schemes', () => {
  it('core.ts (the API descriptor) imports only the credential placements the API uses, and each reaches the wire', async () => {
    expect(source('auth', 'src/core.ts')).toContain('import { type ApiDescriptor, BaseCore, type ClientOptions, type Credential, basicToken, inCookie, inQuery } from "@clientgen/runtime";');
    expect(source('bodies', 'src/core.ts')).toContain('import { type ApiDescriptor, BaseCore, type ClientOptions } from "@clientgen/runtime";');
    const { createClient } = (await import(pathToFileURL(join(workdir, '.out', 'auth', 'src', 'index.js')).href)) as {
      createClient(options: object): Record<'byQuery' | 'byCookie' | 'byBasic' | 'byBearer', () => Promise<unknown>>;
    };
    const sent: Request[] = [];
    const client = createClient({
      baseUrl: 'https://api.example.test',
      env: {},
      bearerToken: 'b-token',
      queryKey: 'q key',
      sessionCookie: 's-cookie',
      username: 'ü',
      password: 'pw',
      fetch: async (input: string, init: RequestInit) => {
        sent.push(new Request(input, init));
        return new Response(null, { status: 204 });
      },
    });
    for (const call of ['byQuery', 'byCookie', 'byBasic', 'byBearer'] as const) await client[call]();
    expect(sent.map((r) => [r.url, r.headers.get('authorization'), r.headers.get('cookie')])).toEqual([
      ['https://api.example.test/by-query?api_key=q%20key', null, null],
      ['https://api.example.test/by-cookie', null, 'session=s-cookie'],
      ['https://api.example.test/by-basic', `Basic ${Buffer.from('ü:pw').toString('base64')}`, null],
      ['https://api.example.test/by-bearer', 'Bearer b-token', null],
    ]);
  });
});

describe('request and response bodies', () => {
  it('descriptors say how each body is sent and read', async () => {
    const ops = await operations('bodies');
    // The body's encoder is the runtime's `<kind>Body` function, or the function `styledForm` returns (no name).
    const encoder = (o: Record<string, unknown>) => (o.body as { encode?: { name: string } } | undefined)?.encode?.name.replace(/Body$/, '').replace(/^$/, 'styled') ?? '-';
    expect(Object.fromEntries(Object.entries(ops).map(([k, o]) => [k, [encoder(o), o.response]]))).toEqual({
      getFile: ['-', 'json'],
      putFileBytes: ['binary', 'none'],
      deleteFile: ['-', 'none'],
      submitForm: ['form', 'text'],
      upload: ['multipart', 'json'],
      updateProfile: ['styled', 'none'],
      uploadDocument: ['styled', 'none'],
      postNote: ['text', 'none'],
      getShared: ['-', 'json'],
      startJob: ['-', 'json'],
    });
    expect(ops.getFile!.params).toEqual({ path: ['fileId'], query: ['version'] });
  });

  it('bodies with an Encoding Object get styledForm with what the runtime acts on; the others keep the plain encoders', () => {
    const file = source('bodies', 'src/operations.ts');
    expect(file).toContain('import { binaryBody, formBody, multipartBody, styledForm, textBody, type OperationDescriptor } from "@clientgen/runtime";');
    // contentType of a URL-encoded field is dropped (it only means something in multipart), keys sorted.
    expect(file).toContain('encode: /* @__PURE__ */ styledForm({ ids: { style: "form", explode: false }, metadata: { style: "deepObject", explode: true } } as const),');
    expect(file).toContain('encode: /* @__PURE__ */ styledForm({ link: { style: "deepObject", explode: true }, meta: { contentType: "application/json" } } as const),');
    expect(file.match(/styledForm\(/g)).toHaveLength(2);
  });

  it('external $ref files are bundled (no absolute paths in the output)', () => {
    const types = source('external', 'src/types.ts');
    expect(types).toMatch(/manager\?: components\["schemas"\]\["owner"\]/);
    for (const content of pkgs.get('external')!.result.files.values()) expect(content).not.toContain(fixtures);
  });
});

describe('names', () => {
  it('method names: derived, FastAPI-cleaned, deduplicated with numbered suffixes, reserved words suffixed', async () => {
    expect(Object.keys(await operations('names'))).toEqual([
      'getUsersByUserIdPosts',
      'listMonitorRuns',
      'getUser',
      'getUser2',
      'getUser3',
      'deleteOperation',
      'constructorOperation',
      'proto',
      'thenOperation',
      'rawOperation',
      '_2faSetup',
      'listAllItemsNow',
      'getAB',
      'getAb',
    ]);
  });

  it('warns about every renamed or dropped name, naming both sides', () => {
    expect(warnings('names')).toEqual(
      expect.arrayContaining([
        '/paths/~1users~1{user id}~1posts/get: no operationId; method named from method and path: getUsersByUserIdPosts',
        '/paths/~1a/put: method name getUser is taken by GET /a (operation get-user); this one is named getUser2',
        '/paths/~1a/post: method name getUser is taken by GET /a (operation get-user); this one is named getUser3',
        '/paths/~1api~1v1~1monitors~1{id}~1runs/get: query parameter "id" has the name of a path parameter; only the path one can be passed (use client.raw for the other)',
        '/paths/~1c/post: query parameter "body" has the name of the request body argument; it is left out (use client.raw to send it)',
      ]),
    );
  });

  it('client, type and export names are valid identifiers and agree between client.ts and index.ts', () => {
    const index = source('names', 'src/index.ts');
    expect(index).toContain('export { _9LivesNamesClient, createClient }');
    for (const t of ['_2faSetupResponse', 'GetABResponse', 'GetAbResponse', 'ProtoResponse', 'ThenOperationResponse', 'GetUser3Response']) expect(index).toContain(`  ${t},`);
  });

  it('the client is not a thenable and has no method named like its own members', async () => {
    const mod = (await import(pathToFileURL(join(workdir, '.out', 'names', 'src', 'index.js')).href)) as { createClient: (o: object) => Record<string, unknown> };
    const client = mod.createClient({ baseUrl: 'http://127.0.0.1:9' });
    expect(client.then).toBeUndefined();
    expect(typeof client.raw).toBe('object');
    expect(typeof client.thenOperation).toBe('function');
  });

  it('parameter keys that are not identifiers are quoted, never executed', () => {
    const client = source('names', 'src/client.ts');
    for (const key of ['"user id"', '"page[size]"', '"`tick`"', '"say \\"hi\\""', '"2nd"', '"__proto__"']) expect(client).toContain(`  ${key}`);
    expect(readFileSync(join(workdir, 'names/src/operations.ts'), 'utf8')).toContain('query: ["page[size]", "`tick`", "say \\"hi\\"", "2nd", "__proto__", "constructor", "toString"]');
  });
});
