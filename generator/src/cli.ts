/**
 * `clientgen <command>`: the generator's command line. Each command lives in
 * `commands/<name>.ts` and is loaded only when used.
 */
const COMMANDS: Record<string, { summary: string; load: () => Promise<{ run(argv: string[]): Promise<number> }> }> = {
  generate: { summary: 'one package from any OpenAPI 3.x file', load: () => import('./commands/generate.js') },
  'generate-all': { summary: 'every packages/<provider> from specs/ (--check: verify only)', load: () => import('./commands/generate-all.js') },
  sync: { summary: 'fetch upstream specs, overlay, lint, diff, regenerate, version, changelog', load: () => import('./commands/sync.js') },
  diff: { summary: 'breaking-change report between two specs; last line `bump: <level>`', load: () => import('./commands/diff.js') },
  convert: { summary: 'print the OpenAPI document one upstream source normalises to', load: () => import('./commands/convert.js') },
  verify: { summary: 'check a spec against recorded real traffic (HAR, Datadog recordings)', load: () => import('./commands/verify.js') },
};

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const entry = command ? COMMANDS[command] : undefined;
  if (!entry) {
    const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
    process.stderr.write(
      `${command && command !== '--help' ? `unknown command "${command}"\n\n` : ''}usage: clientgen <command> [options]\n\n${Object.entries(COMMANDS)
        .map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`)
        .join('\n')}\n`,
    );
    return command && command !== '--help' ? 2 : 0;
  }
  return (await entry.load()).run(rest);
}
