/** Free loopback ports, waiting for servers to answer, stopping child processes. */
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/** A TCP port that was free on 127.0.0.1 a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * Poll `url` until it answers and `ok` accepts the response; fail early when
 * `isDead` reports that the server process is gone.
 */
export async function waitForHttp(url: string, timeoutMs: number, ok: (res: Response) => boolean = () => true, isDead: () => string | undefined = () => undefined): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    const dead = isDead();
    if (dead) throw new Error(`${url}: server exited before answering: ${dead}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (ok(res)) return;
      last = `status ${res.status}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms (${last})`);
}

/** `isDead` for waitForHttp: the child's exit and its last output. */
export function exitOf(child: ChildProcess, output: () => string): () => string | undefined {
  return () => (child.exitCode !== null || child.signalCode !== null ? `exit ${child.exitCode ?? child.signalCode}\n${output()}` : undefined);
}

/** SIGTERM, then SIGKILL if the process is still there after `graceMs`. */
export async function stopProcess(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}
