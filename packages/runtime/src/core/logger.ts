import type { Env } from './env.js';

/** Structured logger; `console` fits, as do pino/winston adapters. */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/**
 * The `logger` option, else a console logger when `CLIENTGEN_DEBUG` or
 * `<DISPLAY_NAME>_DEBUG` (e.g. `DATADOG_MODEL_LAB_DEBUG`) is set to a truthy value, else none.
 */
export function resolveLogger(displayName: string, logger: Logger | undefined, env: Env): Logger | undefined {
  if (logger) return logger;
  const prefix = displayName.toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_|_$/g, '');
  const flag = env.CLIENTGEN_DEBUG || env[`${prefix}_DEBUG`];
  return flag && !/^(0|false|no|off)$/i.test(flag) ? consoleLogger(displayName) : undefined;
}

/** Logs to `console` with a `[displayName]` prefix. */
export function consoleLogger(displayName: string): Logger {
  const at =
    (level: keyof Logger) =>
    (message: string, fields?: Record<string, unknown>): void => {
      const line = `[${displayName}] ${message}`;
      if (fields) console[level](line, fields);
      else console[level](line);
    };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
