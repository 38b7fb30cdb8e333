/**
 * Prism mock servers started from the vendored specs: one per provider, on a
 * free loopback port, waited on, stopped at teardown.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort, waitForHttp } from './ports.js';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const prismBin = fileURLToPath(new URL('../../node_modules/.bin/prism', import.meta.url));

export interface PrismServer {
  url: string;
  stop(): Promise<void>;
}

export async function startPrism(specFile: string, extraArgs: string[] = []): Promise<PrismServer> {
  const port = await freePort();
  const child: ChildProcess = spawn(prismBin, ['mock', '-h', '127.0.0.1', '-p', String(port), ...extraArgs, specFile], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  let exited: string | undefined;
  child.on('exit', (code, signal) => (exited = `code ${code} signal ${signal}\n${output}`));
  const url = `http://127.0.0.1:${port}`;
  // Prism prints "listening" before the port is really ready on some machines; poll HTTP instead.
  await waitForHttp(`${url}/__clientgen_ready__`, 60_000, () => true, () => exited);
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited !== undefined) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 3000).unref();
      }),
  };
}
