/**
 * Prism mock servers started from a spec: on a free loopback port, waited
 * on, stopped by the caller. Run through node directly, so stopping the
 * child stops the server.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { exitOf, freePort, stopProcess, waitForHttp } from './ports.js';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const prismCli = fileURLToPath(new URL('../../node_modules/@stoplight/prism-cli/dist/index.js', import.meta.url));

export interface PrismServer {
  url: string;
  stop(): Promise<void>;
  /** The end of what Prism printed (for failure messages). */
  output(): string;
}

export async function startPrism(specFile: string, extraArgs: string[] = []): Promise<PrismServer> {
  const port = await freePort();
  const child = spawn(process.execPath, [prismCli, 'mock', '-h', '127.0.0.1', '-p', String(port), ...extraArgs, specFile], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  let out = '';
  const collect = (chunk: Buffer) => (out = (out + chunk.toString()).slice(-20_000));
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const output = () => out.slice(-4_000);
  const url = `http://127.0.0.1:${port}`;
  const stop = () => stopProcess(child);
  try {
    // Prism prints "listening" before the port is ready on some machines: poll HTTP instead (any status will do).
    await waitForHttp(`${url}/__clientgen_ready__`, 60_000, () => true, exitOf(child, output));
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop, output };
}
