/**
 * `pnpm release [--registry <url>] [--tag <dist-tag>] [--dry-run] [--skip-build]`
 *
 * Publishes every `packages/*` of the scope (root package.json
 * `clientgen.scope`) whose version the target registry does not have yet,
 * the runtime before the clients. Idempotent: a re-run publishes nothing.
 *
 * Target registry: `--registry <url>` for one run, else `<scope>:registry`
 * from npm's configuration (project `.npmrc`, `~/.npmrc`, `npm_config_*`).
 * Credentials: `NPM_TOKEN` (never written to disk or printed), else whatever
 * the npm configuration already has for that registry.
 *
 * Dist-tag: `latest` by default. A version below the newest one on the
 * registry, or a prerelease, is refused unless `--tag` names another tag, so
 * that a maintenance or beta release never becomes what `npm install` picks.
 */
import { parseArgs } from 'node:util';
import { release } from './release/release.js';

const usage = 'usage: pnpm release [--registry <url>] [--tag <dist-tag>] [--dry-run] [--skip-build]';

async function main(argv: string[]): Promise<number> {
  let values: { registry?: string; tag?: string; 'dry-run'?: boolean; 'skip-build'?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv.filter((a) => a !== '--'),
      options: {
        registry: { type: 'string' },
        tag: { type: 'string' },
        'dry-run': { type: 'boolean' },
        'skip-build': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${usage}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  try {
    await release({
      cwd: process.cwd(),
      ...(values.registry ? { registry: values.registry } : {}),
      ...(values.tag !== undefined ? { tag: values.tag } : {}),
      dryRun: values['dry-run'] ?? false,
      skipBuild: values['skip-build'] ?? false,
    });
    return 0;
  } catch (error) {
    const token = process.env.NPM_TOKEN;
    const message = (error as Error).message;
    process.stderr.write(`release failed: ${token ? message.split(token).join('***') : message}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
