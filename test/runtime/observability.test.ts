import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Core, VERSION, type Logger, inQuery } from '../../packages/runtime/src/index.js';
import { json, useFaultServer } from '../support/fault-server.js';
import { SECRET, makeCore, op, testApi } from './fixtures.js';

const server = await useFaultServer();
afterEach(() => vi.restoreAllMocks());

type Line = { level: string; message: string; fields: Record<string, unknown> | undefined };
function recordingLogger(): Logger & { lines: Line[] } {
  const lines: Line[] = [];
  const at = (level: string) => (message: string, fields?: Record<string, unknown>) => void lines.push({ level, message, fields });
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

describe('logging', () => {
  it('logs method, redacted URL, status, duration and attempt for every attempt', async () => {
    const api = testApi({
      securitySchemes: { q: { type: 'apiKey', in: 'query', name: 'api_key', option: 'apiKey', place: inQuery } },
      credentials: { apiKey: {} },
      security: [['q']],
    });
    const logger = recordingLogger();
    server.script(json(503, {}), json(200, {}, { 'x-request-id': 'req-9' }));
    await makeCore(server.url, { logger }, api).request(op({ id: 'getThing' }));
    const responses = logger.lines.filter((l) => l.fields?.status !== undefined && l.level === 'debug');
    expect(responses.map((l) => [l.fields?.status, l.fields?.attempt])).toEqual([
      [503, 1],
      [200, 2],
    ]);
    for (const line of responses) {
      expect(line.fields).toMatchObject({ operationId: 'getThing', method: 'GET', url: `${server.url}/things?api_key=***` });
      expect(typeof line.fields?.durationMs).toBe('number');
      expect(line.message).toContain(`GET ${server.url}/things?api_key=***`);
    }
    expect(responses[1]?.fields?.requestId).toBe('req-9');
    expect(logger.lines.some((l) => l.level === 'info' && /retry 1\/2 in \d+ ms after 503/.test(l.message))).toBe(true);
    expect(JSON.stringify(logger.lines)).not.toContain(SECRET);
    expect(server.requests[0]!.query.get('api_key')).toBe(SECRET);
  });

  it('logs to the console at debug level when CLIENTGEN_DEBUG=1 (or <NAME>_DEBUG)', async () => {
    const debug = vi.spyOn(console, 'debug').mockImplementation(() => {});
    await makeCore(server.url, { env: { CLIENTGEN_DEBUG: '1' } }).request(op({ id: 'getThing' }));
    expect(debug).toHaveBeenCalled();
    expect(String(debug.mock.calls[0]?.[0])).toMatch(/^\[Test API\] request GET http/);
    expect(JSON.stringify(debug.mock.calls)).not.toContain(SECRET);
    debug.mockClear();
    await makeCore(server.url, { env: { TEST_API_DEBUG: 'true' } }).request(op({ id: 'getThing' }));
    expect(debug).toHaveBeenCalled();
    debug.mockClear();
    await makeCore(server.url, { env: { CLIENTGEN_DEBUG: '0' } }).request(op({ id: 'getThing' }));
    await makeCore(server.url).request(op({ id: 'getThing' }));
    expect(debug).not.toHaveBeenCalled();
  });
});

describe('User-Agent', () => {
  it('is <package>/<version> clientgen-runtime/<version> node/<version>, plus the userAgent option', async () => {
    await makeCore(server.url).request(op({ id: 'getThing' }));
    await makeCore(server.url, { userAgent: 'my-app/2.0' }).request(op({ id: 'getThing' }));
    const [plain, custom] = server.requests.map((r) => r.headers['user-agent']);
    expect(plain).toBe(`@clientgen/testapi/1.2.3 clientgen-runtime/${VERSION} node/${process.versions.node}`);
    expect(custom).toBe(`${plain} my-app/2.0`);
  });

  it('keeps VERSION in step with package.json', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../packages/runtime/package.json', import.meta.url), 'utf8')) as { version: string };
    expect(VERSION).toBe(pkg.version);
  });

  it('sends client headers with every request', async () => {
    await new Core(testApi(), { baseUrl: server.url, env: { TEST_API_KEY: 'k' }, headers: { 'X-Team': 'ml' } }).request(op({ id: 'getThing' }));
    expect(server.requests[0]!.headers['x-team']).toBe('ml');
  });
});
