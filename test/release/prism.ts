/** A Prism mock of one provider's spec on a free loopback port. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort, stopProcess, waitForHttp } from '../support/verdaccio.js';

export interface PrismMock {
  url: string;
  stop(): Promise<void>;
  output(): string;
}

export async function startPrism(repoRoot: string, specFile: string): Promise<PrismMock> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let out = '';
  // `prism mock -p <port> -h 127.0.0.1 <spec>`, through node directly so that stopping it stops the server.
  const child = spawn(process.execPath, [join(repoRoot, 'node_modules/@stoplight/prism-cli/dist/index.js'), 'mock', '-p', String(port), '-h', '127.0.0.1', specFile], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
  child.stderr!.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
  const output = () => out.slice(-4_000);
  const stop = () => stopProcess(child);
  try {
    // Any answer below 500 (Prism says 404 for `/`) means it is listening.
    await waitForHttp(`${url}/`, child, output, 60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop, output };
}
