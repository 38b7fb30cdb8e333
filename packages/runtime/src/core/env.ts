/** Environment variables as a plain record. */
export type Env = Readonly<Record<string, string | undefined>>;

/** `process.env` where there is one (Node, Bun, Deno), else an empty record (browsers). */
export function defaultEnv(): Env {
  const proc = (globalThis as { process?: { env?: Env } }).process;
  return proc?.env ?? {};
}

/** A non-empty value of `name`, or `undefined`. */
export function readEnv(env: Env, name: string | undefined): string | undefined {
  return (name && env[name]) || undefined;
}
