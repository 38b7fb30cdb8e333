/**
 * `clientgen add <name> --from <url-or-file> [--format <f>] [--include <path-prefix|tag>]… [--no-install]`
 * (`pnpm clientgen add`): a new provider in one command.
 *
 * Vendors the spec the way `pnpm sync` does (convert, filter, merge, lint),
 * writes `specs/<name>/provider.yaml` with every inferred setting explained
 * in a comment (display name, credential options and environment variables
 * from `securitySchemes`, server variables, `version: 0.1.0`, `upstream`),
 * generates `packages/<name>` with its contract tests, adds the package to
 * the test project and installs, and prints what to review. It never
 * overwrites a provider: a failure leaves `specs/` and `packages/` untouched.
 *
 * Exit 0 on success, 1 when the source cannot be read or generated, 2 on
 * bad usage or an existing provider.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join, relative } from 'node:path';
import { tmpdir } from 'node:os';
import { generatePackage } from '../generate.js';
import { loadSpec } from '../load/load-spec.js';
import type { ApiModel } from '../model/api-model.js';
import type { OpenApiFilter } from '../lifecycle/convert/openapi.js';
import { toYaml } from '../lifecycle/convert/serialize.js';
import { vendorSpec } from '../lifecycle/convert/vendor.js';
import { FORMATS, isFormat } from '../lifecycle/convert/index.js';
import { transformOpenAPIDocument } from '../transform/openapi-document.js';
import { generatorWorkspace, userPath } from '../workspace.js';
import { writePackageAtomically } from '../write/output.js';
import { readInput } from './convert.js';
import { printError, printWarnings } from './report.js';

export const usage = `clientgen add <name> --from <url-or-file> [--format <${FORMATS.join('|')}>] [--include <path-prefix-or-tag>]… [--no-install]`;

const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

interface Args {
  name?: string;
  from?: string;
  format: string;
  includes: string[];
  install: boolean;
  unknown?: string;
}

function parse(argv: string[]): Args {
  const out: Args = { format: 'openapi', includes: [], install: true };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith('--') ? (arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined]) : [undefined, undefined];
    const value = () => inline ?? argv[++i];
    if (flag === undefined) out.name ??= arg;
    else if (flag === 'from') out.from = value();
    else if (flag === 'format') out.format = value() ?? '';
    else if (flag === 'include') out.includes.push(value() ?? '');
    else if (flag === 'no-install') out.install = false;
    else out.unknown ??= arg;
  }
  return out;
}

export async function run(argv: string[]): Promise<number> {
  const args = parse(argv);
  const fail = (message: string, code = 2) => {
    process.stderr.write(`clientgen add: ${message}\n${code === 2 ? `usage: ${usage}\n` : ''}`);
    return code;
  };
  if (args.unknown) return fail(`unknown option ${args.unknown}`);
  if (!args.name || !args.from) return fail(!args.name ? 'missing <name>' : 'missing --from <url-or-file>');
  if (!NAME.test(args.name)) return fail(`"${args.name}" is not a provider name: lowercase letters, digits and single dashes (it names specs/<name>, packages/<name> and the npm package)`);
  if (!isFormat(args.format)) return fail(`unknown format "${args.format}" (use one of ${FORMATS.join(', ')})`);

  const ws = generatorWorkspace();
  const specDir = join(ws.root, 'specs', args.name);
  const outDir = join(ws.root, 'packages', args.name);
  if (existsSync(specDir) || existsSync(outDir)) {
    return fail(`provider "${args.name}" exists (${existsSync(specDir) ? `specs/${args.name}` : `packages/${args.name}`}); to update it from upstream run \`pnpm sync ${args.name}\``);
  }

  const staging = mkdtempSync(join(tmpdir(), 'clientgen-add-'));
  try {
    // The source as `pnpm sync` will fetch it again: a URL, or a path relative to specs/<name>/.
    const local = !/^https?:\/\//i.test(args.from);
    const upstreamUrl = local ? relative(specDir, userPath(args.from)).split('\\').join('/') : args.from;
    const text = await readInput(args.from);
    const filters: (OpenApiFilter | undefined)[] = args.includes.length ? args.includes.map((i) => (i.startsWith('/') ? { pathPrefix: i } : { tag: i })) : [undefined];
    const document = vendorSpec(filters.map((filter) => ({ format: args.format as never, source: args.from!, text, ...(filter ? { filter } : {}) })));
    const header = [`# Added by \`clientgen add\` from ${args.from} (${args.format}); \`pnpm sync ${args.name}\` refreshes it.`, '# Do not edit by hand; change an overlay (specs/<name>/overlays/) instead.', ''].join('\n');

    // Lint and infer on the staged copy, then write provider.yaml from what the generator inferred.
    const stagedDir = join(staging, args.name);
    mkdirSync(stagedDir);
    const stagedSpec = join(stagedDir, 'openapi.yaml');
    writeFileSync(stagedSpec, `${header}${toYaml(document)}`);
    const loaded = await loadSpec(stagedSpec);
    const envPrefix = args.name.replace(/[^A-Za-z0-9]+/g, '_').toUpperCase();
    const model = transformOpenAPIDocument(loaded.document, { name: args.name }, { envPrefix });
    writeFileSync(join(stagedDir, 'provider.yaml'), providerYaml(args.name, model, loaded.document.info?.description, upstreamUrl, args.format, filters, envPrefix));

    // In place, then generated from there (file names in the generated headers are workspace-relative); undone on failure.
    mkdirSync(join(ws.root, 'specs'), { recursive: true });
    renameOrCopy(stagedDir, specDir);
    let result;
    try {
      result = await generatePackage({ specFile: join(specDir, 'openapi.yaml'), outDir, providerFolder: args.name, contractTests: true });
      writePackageAtomically(outDir, result.files);
    } catch (error) {
      rmSync(specDir, { recursive: true, force: true });
      throw error;
    }
    addToTestProject(ws.root, result.packageName);
    process.stdout.write(`${result.packageName}: ${model.operations.length} operations → packages/${args.name}\n`);
    printWarnings(result.warnings, result.packageName);

    let installed = false;
    if (args.install) {
      const install = spawnSync('pnpm', ['install', '--prefer-offline'], { cwd: ws.root, stdio: 'inherit' });
      installed = install.status === 0;
      if (!installed) process.stderr.write('clientgen add: `pnpm install` failed; run `npm run setup` to link the new package and update pnpm-lock.yaml\n');
    }
    process.stdout.write(review(args.name, model, installed));
    return 0;
  } catch (error) {
    return printError(error);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

function renameOrCopy(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch {
    // Another file system (tmp on its own mount): copy the two files.
    mkdirSync(to, { recursive: true });
    for (const f of ['openapi.yaml', 'provider.yaml']) writeFileSync(join(to, f), readFileSync(join(from, f)));
  }
}

/** `"@clientgen/<name>": "workspace:*"` in test/package.json's devDependencies, in name order. */
function addToTestProject(root: string, packageName: string): void {
  const file = join(root, 'test', 'package.json');
  if (!existsSync(file)) return;
  const pkg = JSON.parse(readFileSync(file, 'utf8')) as { devDependencies?: Record<string, string> };
  const deps = { ...(pkg.devDependencies ?? {}), [packageName]: 'workspace:*' };
  pkg.devDependencies = Object.fromEntries(Object.entries(deps).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  writeFileSync(file, `${JSON.stringify(pkg, null, 2)}\n`);
}

const yamlString = (s: string) => (/^[\w./@:-][\w ./@:-]*$/.test(s) && !/^(true|false|null|yes|no|on|off|~)$/i.test(s) && !/:\s|\s$/.test(s) ? s : JSON.stringify(s));

/** provider.yaml with a comment on every inferred setting. */
function providerYaml(name: string, model: ApiModel, description: string | undefined, url: string, format: string, filters: (OpenApiFilter | undefined)[], envPrefix: string): string {
  const lines = [
    `# Written by \`clientgen add ${name}\`. Every setting below was inferred from the spec: review it,`,
    '# then `pnpm generate` (schema and all fields: generator/src/provider/provider-config.ts).',
    `name: ${name}`,
    '# From info.title.',
    `displayName: ${yamlString(model.title)}`,
    '# First release of the generated package; `pnpm sync` bumps it when the upstream spec changes.',
    'version: 0.1.0',
  ];
  const summary = description?.split(/\n\s*\n/)[0]?.replace(/\s+/g, ' ').trim();
  if (summary) lines.push('# From the first paragraph of info.description.', `description: ${yamlString(summary.length > 200 ? `${summary.slice(0, 197)}...` : summary)}`);
  lines.push('# Where `pnpm sync` fetches the spec again.', 'upstream:');
  for (const filter of filters) {
    lines.push(`  - url: ${yamlString(url)}`, `    format: ${format}`);
    if (filter?.pathPrefix) lines.push(`    filter: { pathPrefix: ${yamlString(filter.pathPrefix)} }`);
    if (filter?.tag) lines.push(`    filter: { tag: ${yamlString(filter.tag)} }`);
  }
  const credentials = Object.entries(model.credentials);
  if (credentials.length) {
    lines.push('# Client options that carry credentials, one per security scheme the operations use; each falls back to its', `# environment variable (${envPrefix}_…). Rename an option to what the provider's docs call it.`, 'credentials:');
    const passwords = new Set(Object.values(model.securitySchemes).flatMap((s) => ('passwordOption' in s ? [s.passwordOption] : [])));
    for (const [option, c] of credentials) {
      if (passwords.has(option)) continue;
      const scheme = model.securitySchemes[c.scheme]!;
      lines.push(`  # components.securitySchemes.${c.scheme}: sent as the ${c.sentAs.replace(/`/g, '')}.`, `  ${option}:`, `    scheme: ${yamlString(c.scheme)}`);
      if (c.env) lines.push(`    env: ${c.env}`);
      if ('passwordOption' in scheme) {
        const password = model.credentials[scheme.passwordOption];
        lines.push(`    passwordOption: ${scheme.passwordOption}`);
        if (password?.env) lines.push(`    passwordEnv: ${password.env}`);
      }
    }
  }
  const variables = Object.entries(model.servers[0]?.variables ?? {}).filter(([, v]) => v.option);
  if (variables.length) {
    lines.push(`# Variables of the first server (${model.servers[0]!.url}), each a client option with its default from the spec.`, 'serverVariables:');
    for (const [variable, v] of variables) lines.push(`  ${variable}: { option: ${v.option}${v.env ? `, env: ${v.env}` : ''} }`);
  }
  return `${lines.join('\n')}\n`;
}

function review(name: string, model: ApiModel, installed: boolean): string {
  const paginated = model.operations.filter((o) => o.pagination).map((o) => `${o.name} (${o.pagination!.style})`);
  return [
    '',
    'Review before you commit:',
    `  specs/${name}/provider.yaml   every inferred setting has a comment: names of credential options and env vars, display name`,
    `  specs/${name}/openapi.yaml    the vendored spec; fix what the upstream gets wrong with an overlay in specs/${name}/overlays/`,
    `  packages/${name}/README.md    method names (rename with \`operations: { <operationId>: { name } }\` in provider.yaml)`,
    `  pagination                    ${paginated.length ? paginated.join(', ') : 'none detected; configure it per operation in provider.yaml if the API pages'}`,
    `  packages/${name}/test/        contract tests of all ${model.operations.length} operations against Prism, run by \`npm test\``,
    installed ? '' : '  then run `npm run setup` to link the package and update pnpm-lock.yaml',
    '',
  ]
    .filter((l, i, all) => l !== '' || i === 0 || i === all.length - 1)
    .join('\n');
}
