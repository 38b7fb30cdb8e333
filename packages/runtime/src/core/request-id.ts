/** Headers that commonly carry a request id, tried after the API's own. */
export const DEFAULT_REQUEST_ID_HEADERS = ['x-request-id', 'request-id', 'x-datadog-request-id', 'x-amzn-requestid', 'cf-ray'];

/** The first request id found in `headers`, looking at `preferred` (the API's `requestIdHeaders`) first. */
export function requestIdOf(headers: Headers, preferred: readonly string[] = []): string | undefined {
  for (const name of [...preferred, ...DEFAULT_REQUEST_ID_HEADERS]) {
    const value = headers.get(name);
    if (value) return value;
  }
  return undefined;
}
