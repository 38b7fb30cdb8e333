/** README.md of a generated package: install, auth, regions, every operation, pagination, errors, retries, timeouts. */
import type { PaginationDescriptor } from '../../../packages/runtime/src/core/descriptor.js';
import type { ApiModel, OperationModel } from '../model/api-model.js';
import { docText, inlineCode } from './text.js';
import { exampleArguments, exampleParams } from './examples.js';
import { credentialEntries } from './credentials.js';
import { typeBaseName } from '../transform/names.js';
import type { PackageIdentity } from './api-file.js';
import { hasParams } from './client-file.js';
import { opFileNames, paginateName } from './op-file.js';

export interface ReadmeContext {
  id: PackageIdentity;
  clientName: string;
  docsUrl?: string;
  specPath: string;
  scope: string;
}

const md = (text: string | undefined) => docText(text).replace(/\*\\\//g, '*/');
const cell = (text: string) => md(text).replace(/\n+/g, ' ').replace(/\|/g, '\\|');

function ts(lines: string[]): string {
  return ['```ts', ...lines, '```'].join('\n');
}

function importLine(ctx: ReadmeContext, names: string[]): string {
  return `import { ${names.join(', ')} } from '${ctx.id.packageName}';`;
}

/** How an operation gets its next page, in words (one README bullet). */
function pagingInWords(p: PaginationDescriptor): string {
  const c = inlineCode;
  switch (p.style) {
    case 'page-number': {
      const pointer = p.nextPage ?? p.nextLink;
      if (pointer) return `${c(p.pageParam)} of the next page is the one in ${c(pointer)}; the last page has none`;
      const limit = p.totalPages ? `, up to ${c(p.totalPages)}` : p.totalItems ? `, up to ${c(p.totalItems)} items` : ', until a page comes back short or empty';
      return `${c(p.pageParam)} counts up from the server's first page (${p.firstPage ?? 1})${limit}, or follows a paging \`Link\` response header when there is one`;
    }
    case 'offset':
      return `${c(p.offsetParam)} advances by the items received${p.totalItems ? `, up to ${c(p.totalItems)}` : ''}`;
    case 'cursor': {
      const until = p.hasMore ? ` while ${c(p.hasMore)} is true` : '';
      if (p.nextCursor) return `${c(p.nextCursor)} is passed back as ${c(p.cursorParam)} until it is empty${p.hasMore ? ` or ${c(p.hasMore)} is false` : ''}`;
      const back = p.reverseParam ? ` (with ${c(p.reverseParam)}, backwards from the first item's)` : '';
      return `the last item's ${c(p.itemCursor ?? 'id')} is passed as ${c(p.cursorParam)}${until}${back}`;
    }
    case 'link':
      return p.nextLink === 'header:link' ? 'follows the `rel="next"` URL of the `Link` response header' : `follows the URL in ${c(p.nextLink)}`;
  }
}

function operationSection(op: OperationModel, ctx: ReadmeContext): string {
  const out: string[] = [`### \`${op.name}\``, ''];
  if (op.summary) out.push(`**${cell(op.summary)}**`, '');
  if (op.description) out.push(md(op.description), '');
  out.push(`${inlineCode(`${op.method.toUpperCase()} ${op.path}`)} · operationId ${inlineCode(op.operationId)}${op.deprecated ? ' · **deprecated**' : ''}`, '');
  if (op.unstable) out.push(`> **Preview.** ${md(op.unstable).replace(/\n/g, '\n> ')}`, '');
  if (op.parameters.length) {
    out.push('| Parameter | In | Type | Required | Description |', '| --- | --- | --- | --- | --- |');
    for (const p of op.parameters) {
      const notes = [p.description ? cell(p.description) : '', p.default !== undefined ? `Default ${inlineCode(JSON.stringify(p.default))}.` : '', p.deprecated ? '**Deprecated.**' : '']
        .filter(Boolean)
        .join(' ');
      out.push(`| ${inlineCode(p.name)} | ${p.in} | ${cell(p.typeText).replace(/\|/g, '\\|')} | ${p.required ? 'yes' : 'no'} | ${notes} |`);
    }
    out.push('');
  }
  if (op.requestBody) out.push(`Request body: ${inlineCode(op.requestBody.mediaType)}${op.requestBody.required ? ' (required)' : ''}, passed as \`body\`.`, '');
  const args = exampleParams(op);
  const resultNote =
    op.success?.kind === 'blob' ? 'a Blob' : op.success?.kind === 'text' ? 'a string' : op.success?.mediaType ? `typed as \`${typeBaseName(op.name)}Response\`` : '`undefined`';
  out.push(ts([importLine(ctx, ['createClient']), '', 'const client = createClient();', `const result = await client.${op.name}(${args ?? ''}); // ${resultNote}`, 'console.log(result);']), '');
  if (op.errors.length) out.push(`Errors: ${op.errors.map((e) => `${e.status}${e.description ? ` (${cell(e.description)})` : ''}`).join(', ')}.`, '');
  return out.join('\n');
}

export function emitReadme(model: ApiModel, ctx: ReadmeContext): string {
  const { id } = ctx;
  const creds = credentialEntries(model);
  const variables = Object.entries(model.servers[0]?.variables ?? {}).filter(([, v]) => v.option);
  const paginated = model.operations.filter((o) => o.pagination);
  const unstable = model.operations.filter((o) => o.unstable);
  const sampleOp = paginated[0] ?? model.operations.find((o) => o.method === 'get') ?? model.operations[0];
  const sampleArgs = sampleOp ? (exampleParams(sampleOp) ?? '') : '';
  const s: string[] = [];

  s.push(`# ${id.packageName}`, '');
  s.push(`Typed TypeScript client for the ${md(id.displayName)} API${model.specVersion ? ` (spec version ${inlineCode(model.specVersion)})` : ''}, generated by clientgen from ${inlineCode(ctx.specPath)}. Do not edit by hand: change the spec or \`provider.yaml\` and run \`pnpm generate\`.`, '');
  if (ctx.docsUrl) s.push(`Provider documentation: ${ctx.docsUrl}`, '');

  s.push('## Install', '', 'Inside this monorepo it is a workspace package:', '', '```sh', `pnpm add ${id.packageName}@workspace:^`, '```', '');
  s.push(
    `From the private registry: map the \`${ctx.scope}\` scope to it once, in the project's or your user \`.npmrc\` (third-party dependencies keep coming from the public registry):`,
    '',
    '```ini',
    `${ctx.scope}:registry=https://npm.internal.example/`,
    '//npm.internal.example/:_authToken=${NPM_TOKEN}',
    '```',
    '',
    '```sh',
    `npm install ${id.packageName}`,
    '```',
    '',
    `ESM only, Node 20+ (or any runtime with \`fetch\`). Depends on ${inlineCode(id.runtimePackage)}, which brings \`openapi-fetch\`.`,
    '',
  );

  s.push('## Quick start', '');
  if (sampleOp) {
    s.push(
      ts([
        `import { createCore } from '${id.packageName}/core';`,
        `import { ${sampleOp.name} } from '${id.packageName}/ops/${sampleOp.name}';`,
        '',
        'const core = createCore();',
        `const result = await ${sampleOp.name}(${exampleArguments(sampleOp, ['core'])});`,
        'console.log(result);',
      ]),
      '',
      `Each operation is a module of its own, \`${id.packageName}/ops/<name>\` (named like the client's methods), with its \`…Params\` and \`…Response\` types; it imports only the types it uses, so a program type-checks and bundles only the operations it imports, whatever the size of the API. This is the recommended way in. \`createCore\` (\`${id.packageName}/core\`) takes the options of \`createClient\`; errors, retries and timeouts are the same.`,
      '',
      'The client class has every operation as a method, plus pagination and `raw`; it loads the types of the whole API:',
      '',
      ts([importLine(ctx, ['createClient']), '', 'const client = createClient();', `const result = await client.${sampleOp.name}(${sampleArgs});`, 'console.log(result);']),
      '',
    );
  }

  s.push('## Authentication', '');
  if (creds.length) {
    s.push('| Option | Environment variable | Sent as |', '| --- | --- | --- |');
    for (const [option, c] of creds) s.push(`| ${inlineCode(option)} | ${c.env ? inlineCode(c.env) : '—'} | ${cell(c.sentAs)} |`);
    s.push('');
    const alternatives = model.security.map((alt) => alt.map((scheme) => creds.filter(([, c]) => c.scheme === scheme).map(([o]) => inlineCode(o)).join(' + ')).join(' + ')).filter(Boolean);
    if (alternatives.length > 1) s.push(`The API accepts any one of: ${alternatives.join('; or ')}. The first one whose credentials are all set is used.`, '');
    s.push(
      '`createClient()` reads the environment variables when an option is not given, and throws `MissingCredentialsError` naming the options and variables when none of the accepted combinations is complete. A credential may also be a function, called before every request (rotating tokens):',
      '',
    );
    const [first] = creds;
    const others = creds.filter(([, c]) => c.scheme !== first![1].scheme && model.security.some((alt) => alt.includes(first![1].scheme) && alt.includes(c.scheme)));
    s.push(
      ts([
        importLine(ctx, ['createClient']),
        '',
        'const client = createClient({',
        `  ${first![0]}: process.env.MY_SECRET ?? 'secret',`,
        ...others.map(([o]) => `  ${o}: async () => 'fetched-from-a-vault',`),
        '});',
        'console.log(client.raw);',
      ]),
      '',
      'Credentials never appear in error messages, logs or thrown objects.',
      '',
    );
  } else {
    s.push('This API needs no credentials.', '');
  }

  s.push('## Servers and regions', '');
  const server = model.servers[0];
  if (server) {
    s.push(`Default server: ${inlineCode(server.url)}.`, '');
    if (variables.length) {
      s.push('| Option | Variable | Environment variable | Default | Allowed values |', '| --- | --- | --- | --- | --- |');
      for (const [name, v] of variables) {
        s.push(`| ${inlineCode(v.option!)} | ${inlineCode(`{${name}}`)} | ${v.env ? inlineCode(v.env) : '—'} | ${inlineCode(v.default)} | ${v.enum ? v.enum.map(inlineCode).join(', ') : 'any'} |`);
      }
      s.push('', 'A value outside the allowed list is rejected by `createClient`.', '');
      const [name, v] = variables.find(([, vv]) => vv.enum && vv.enum.length > 1) ?? variables[0]!;
      const value = v.enum?.find((e) => e !== v.default) ?? v.default;
      s.push(ts([importLine(ctx, ['createClient']), '', `const client = createClient({ ${v.option}: '${value}' }); // {${name}} = ${value}`, 'console.log(client.raw);']), '');
    }
  } else {
    s.push('The spec declares no server: pass `baseUrl`.', '');
  }
  s.push('`baseUrl` overrides the server entirely (proxies, mocks):', '', ts([importLine(ctx, ['createClient']), '', "const client = createClient({ baseUrl: 'http://127.0.0.1:4010' });", 'console.log(client.raw);']), '');

  s.push('## Operations', '');
  s.push(
    'Each method takes one object with the spec\'s parameter names (path, query and header parameters side by side, plus `body` when the operation has one), resolves to the typed body of the 2xx response, and throws an `ApiError` otherwise. A second argument takes per-call `RequestOptions` (`signal`, `timeoutMs`, `maxRetries`, `headers`).',
    '',
  );
  s.push('| Method | HTTP | Summary |', '| --- | --- | --- |');
  for (const op of model.operations) s.push(`| [\`${op.name}\`](#${op.name.toLowerCase()}) | ${inlineCode(`${op.method.toUpperCase()} ${op.path}`)} | ${cell(op.summary ?? '')}${op.unstable ? ' (preview)' : ''}${op.deprecated ? ' (deprecated)' : ''} |`);
  s.push('');
  if (unstable.length) {
    s.push(
      `${unstable.length === model.operations.length ? 'All operations are' : `${unstable.length} operations are`} marked \`x-unstable\` (preview) by the provider: they may change without notice. They work without any opt-in; the JSDoc of each says so.`,
      '',
    );
  }
  for (const op of model.operations) s.push(operationSection(op, ctx));

  s.push('## Pagination', '');
  if (paginated.length) {
    const op = paginated[0]!;
    s.push(
      `List operations with pages (${paginated.map((o) => inlineCode(o.name)).join(', ')}) have an auto-paginating twin under \`client.paginate\`: iterate items with \`for await\`, or whole typed pages with \`.pages()\`. \`maxItems\` and \`maxPages\` bound the walk.`,
      '',
      ts([
        importLine(ctx, ['createClient']),
        '',
        'const client = createClient();',
        `for await (const item of client.paginate.${op.name}(${exampleParams(op) ?? ''})) {`,
        '  console.log(item);',
        '}',
        `for await (const page of client.paginate.${op.name}(${exampleParams(op) ?? '{}'}, { maxPages: 3 }).pages()) {`,
        '  console.log(page);',
        '}',
      ]),
      '',
      `Through the per-operation modules, a list operation's module has the same walk as \`paginate<Name>\`, taking a core:`,
      '',
      ts([
        `import { createCore } from '${ctx.id.packageName}/core';`,
        `import { ${paginateName(op)} } from '${ctx.id.packageName}/ops/${opFileNames(model).get(op)!}';`,
        '',
        'const core = createCore();',
        `for await (const item of ${paginateName(op)}(core${hasParams(op) ? `, ${exampleParams(op) ?? '{}'}` : ''}, { maxItems: 100 })) {`,
        '  console.log(item);',
        '}',
      ]),
      '',
      'The first request carries only the parameters you pass; the next pages come from what the server answers:',
      '',
      ...paginated.map((o) => `- ${inlineCode(o.name)}: ${pagingInWords(o.pagination!)}.`),
      '',
    );
  } else {
    s.push('No operation of this API is paginated.', '');
  }

  s.push('## Errors', '');
  s.push(
    'A non-2xx response throws an `ApiError` subclass chosen by status: `BadRequestError` (400), `AuthenticationError` (401), `PermissionDeniedError` (403), `NotFoundError` (404), `ConflictError` (409), `UnprocessableEntityError` (422), `RateLimitError` (429), `InternalServerError` (5xx). Each carries `status`, `operationId`, `method`, `url` (credentials stripped), `headers`, `requestId` and `body` (the parsed error body, typed per operation as `<Method>ErrorBody`). Network failures throw `ConnectionError`, timeouts `TimeoutError`, invalid arguments `ClientValidationError`.',
    '',
  );
  if (sampleOp) {
    const base = typeBaseName(sampleOp.name);
    const hasErrorBody = sampleOp.errors.length > 0;
    s.push(
      ts([
        importLine(ctx, ['ApiError', 'RateLimitError', 'createClient', ...(hasErrorBody ? [`type ${base}ErrorBody`] : [])]),
        '',
        'const client = createClient();',
        'try {',
        `  await client.${sampleOp.name}(${sampleArgs});`,
        '} catch (err) {',
        '  if (err instanceof RateLimitError) {',
        "    console.log('slow down', err.headers['retry-after']);",
        '  } else if (err instanceof ApiError) {',
        hasErrorBody ? `    const body = err.body as ${base}ErrorBody;` : '    const body = err.body;',
        '    console.log(err.status, err.operationId, err.requestId, body);',
        '  } else {',
        '    throw err;',
        '  }',
        '}',
      ]),
      '',
    );
  }

  s.push('## Retries and timeouts', '');
  s.push(
    'Idempotent requests (GET, HEAD, PUT, DELETE, OPTIONS) are retried on 408, 409, 429, 5xx and connection errors, with exponential backoff and full jitter, honouring `Retry-After` and `X-RateLimit-Reset`. `maxRetries` defaults to 2 (0 disables); `timeoutMs` defaults to 60 000 per attempt. Both can be set per client and per call, and a call can be cancelled with an `AbortSignal`. Other methods (POST, PATCH) are retried only when the call says it is safe: an `Idempotency-Key` header or `idempotent: true` in its options.',
    '',
  );
  if (sampleOp) {
    s.push(
      ts([
        importLine(ctx, ['createClient']),
        '',
        'const client = createClient({ maxRetries: 4, timeoutMs: 10_000 });',
        'const controller = new AbortController();',
        `await client.${sampleOp.name}(${sampleArgs || (sampleOp.parameters.length || sampleOp.requestBody ? '{}' : '')}${sampleArgs || sampleOp.parameters.length || sampleOp.requestBody ? ', ' : ''}{ maxRetries: 0, timeoutMs: 2_000, signal: controller.signal });`,
      ]),
      '',
    );
  }

  s.push('## Logging', '');
  s.push(
    'Pass a `logger` (`debug`, `info`, `warn`, `error`) or set `CLIENTGEN_DEBUG=1` to log each attempt: method, URL, status, duration and attempt number. Credentials and auth headers are always redacted.',
    '',
    ts([importLine(ctx, ['createClient']), '', 'const client = createClient({ logger: console });', 'console.log(client.raw);']),
    '',
  );

  s.push('## Full control', '');
  if (sampleOp && sampleOp.method === 'get') {
    const pathParams = sampleOp.parameters.filter((p) => p.in === 'path');
    const init = pathParams.length ? `, { params: { path: { ${pathParams.map((p) => `${JSON.stringify(p.name)}: ${p.typeText.startsWith('integer') ? '1' : "'id_123'"}`).join(', ')} } } }` : '';
    s.push(
      '`client.raw` is the underlying [openapi-fetch](https://openapi-ts.dev/openapi-fetch/) client, typed by the spec\'s `paths`, sharing the base URL, auth, retries and timeouts:',
      '',
      ts([importLine(ctx, ['createClient']), '', 'const client = createClient();', `const { data, error } = await client.raw.GET('${sampleOp.path}'${init});`, 'console.log(data, error);']),
      '',
    );
  }
  if (sampleOp) {
    s.push(
      '## Standalone functions (smaller bundles)',
      '',
      `\`${id.packageName}/funcs\` has one function per operation, named like the client's methods, taking a core as first argument. A bundler then keeps only the operations you import and leaves out the client class, pagination and \`raw\` (openapi-fetch). \`createCore\` takes the options of \`createClient\`; a client's \`core\` works too. Errors, retries and timeouts are the same. The same functions are in \`${id.packageName}/ops/<name>\` (see Quick start), one module each: \`/funcs\` loads the types of the whole API, \`/ops\` only those of the operations you import.`,
      '',
      ts([
        `import { createCore, ${sampleOp.name} } from '${id.packageName}/funcs';`,
        '',
        'const core = createCore();',
        `const result = await ${sampleOp.name}(${exampleArguments(sampleOp, ['core'])});`,
        'console.log(result);',
      ]),
      '',
    );
  }
  return `${s.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}
