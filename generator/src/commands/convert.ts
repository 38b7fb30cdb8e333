/**
 * `clientgen convert --from <format> <file-or-url>`: print the normalised
 * OpenAPI document (YAML) that one upstream source converts to.
 *
 *   --from openapi|docs-page|rendered-openapi   the source's format (required)
 *   --path-prefix <p>, --tag <t>                keep only part of the document
 *   --filter <path>[,<path>…]                   keep exactly these paths (e.g. /v1/customers,/v1/customers/{customer})
 *   --overlays <dir>                            apply <dir>/*.yaml overlays in name order
 *   --slim                                      drop descriptions and examples (for test fixtures cut from big specs)
 *   --json                                      print JSON instead of YAML (on one line with --slim)
 *
 * `-` reads standard input. Exit 0 on success, 1 when the input cannot be
 * converted, 2 on bad usage.
 */
import { readFileSync } from 'node:fs';
import { SpecError } from '../load/spec-error.js';
import { FORMATS, convert, isFormat, normalizeKeyOrder, toYaml } from '../lifecycle/convert/index.js';
import { slimDocument } from '../lifecycle/convert/slim.js';
import { readOverlays } from '../lifecycle/convert/vendor.js';
import { applyOverlays, OverlayError } from '../lifecycle/overlay.js';
import { userPath } from '../workspace.js';
import { parseArgs, stringFlag } from './args.js';
import { printError } from './report.js';

export const usage = `clientgen convert --from <${FORMATS.join('|')}> <file-or-url|-> [--path-prefix <prefix>] [--tag <tag>] [--filter <path>[,<path>…]] [--overlays <dir>] [--slim] [--json]`;

/** The text of a file, a URL, or standard input (`-`). */
export async function readInput(input: string): Promise<string> {
  if (input === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }
  if (/^https?:\/\//i.test(input)) {
    let response: Response;
    try {
      response = await fetch(input, { headers: { accept: 'application/yaml, application/json, text/markdown, text/plain, */*' } });
    } catch (error) {
      throw new Error(`cannot fetch ${input}: ${(error as Error).message}`);
    }
    if (!response.ok) throw new Error(`cannot fetch ${input}: HTTP ${response.status} ${response.statusText}`);
    return await response.text();
  }
  try {
    return readFileSync(userPath(input), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(`cannot read ${input}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
}

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ['json', 'slim', 'help']);
  if (args.flags.help) {
    process.stdout.write(`usage: ${usage}\n`);
    return 0;
  }
  const from = stringFlag(args, 'from');
  const [input, ...extra] = args.positionals;
  if (!from || !input || extra.length > 0) {
    process.stderr.write(`clientgen convert: ${!from ? 'missing --from <format>' : !input ? 'missing <file-or-url>' : `unexpected argument ${extra[0]}`}\nusage: ${usage}\n`);
    return 2;
  }
  if (!isFormat(from)) {
    process.stderr.write(`clientgen convert: unknown format "${from}" (use one of ${FORMATS.join(', ')})\nusage: ${usage}\n`);
    return 2;
  }
  for (const flag of Object.keys(args.flags)) {
    if (!['from', 'path-prefix', 'tag', 'filter', 'overlays', 'slim', 'json', 'help'].includes(flag)) {
      process.stderr.write(`clientgen convert: unknown option --${flag}\nusage: ${usage}\n`);
      return 2;
    }
  }
  try {
    const text = await readInput(input);
    if (text.trim() === '') throw new Error(`${input} is empty`);
    const pathPrefix = stringFlag(args, 'path-prefix');
    const tag = stringFlag(args, 'tag');
    const paths = stringFlag(args, 'filter')?.split(',').map((p) => p.trim()).filter(Boolean);
    const filter = { ...(pathPrefix ? { pathPrefix } : {}), ...(tag ? { tag } : {}), ...(paths?.length ? { paths } : {}) };
    let doc = convert(from, text, input === '-' ? '<stdin>' : input, filter);
    const overlays = stringFlag(args, 'overlays');
    if (overlays) doc = normalizeKeyOrder(applyOverlays(doc, readOverlays(userPath(overlays))));
    if (args.flags.slim) doc = slimDocument(doc);
    process.stdout.write(args.flags.json ? `${JSON.stringify(doc, null, args.flags.slim ? undefined : 2)}\n` : toYaml(doc));
    return 0;
  } catch (error) {
    if (error instanceof SpecError) return printError(error);
    const message = error instanceof OverlayError || error instanceof Error ? error.message : String(error);
    process.stderr.write(`clientgen convert: ${message}\n`);
    return 1;
  }
}
