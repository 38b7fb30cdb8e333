import { describe, expect, it } from 'vitest';
import { ClientValidationError, Core } from '../../packages/runtime/src/index.js';
import { datadogApi } from './fixtures.js';

const creds = { DD_API_KEY: 'a', DD_APP_KEY: 'b' };

describe('servers', () => {
  it('fills server variables from their defaults', () => {
    expect(new Core(datadogApi(), { env: creds }).baseUrl).toBe('https://api.datadoghq.com');
  });

  it('takes a variable from its env var, and the option over the env var', () => {
    expect(new Core(datadogApi(), { env: { ...creds, DD_SITE: 'datadoghq.eu' } }).baseUrl).toBe('https://api.datadoghq.eu');
    const core = new Core(datadogApi(), { env: { ...creds, DD_SITE: 'datadoghq.eu' }, site: 'us3.datadoghq.com' } as never);
    expect(core.baseUrl).toBe('https://api.us3.datadoghq.com');
  });

  it('rejects a value outside the enum at construction, naming option, value and allowed values', () => {
    const make = () => new Core(datadogApi(), { env: creds, site: 'datadoghq.evil' } as never);
    expect(make).toThrow(ClientValidationError);
    expect(make).toThrow(/site "datadoghq\.evil".*"datadoghq\.com", "us3\.datadoghq\.com", "datadoghq\.eu"/);
    expect(() => new Core(datadogApi(), { env: { ...creds, DD_SITE: 'nope' } })).toThrow(/"nope" \(from DD_SITE\)/);
  });

  it('lets baseUrl override everything (and drops a trailing slash)', () => {
    const core = new Core(datadogApi(), { env: creds, site: 'bogus', baseUrl: 'http://127.0.0.1:9/' } as never);
    expect(core.baseUrl).toBe('http://127.0.0.1:9');
  });

  it('requires baseUrl when the API has no server', () => {
    const api = { ...datadogApi(), servers: [] };
    expect(() => new Core(api, { env: creds })).toThrow(/pass \{ baseUrl \}/);
  });
});
