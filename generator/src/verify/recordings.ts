/**
 * Recorded HTTP exchanges, read from HAR 1.2 files (browsers, Polly.JS,
 * mitmproxy, Charles, `harRecorder` of `@clientgen/runtime`) and from the
 * recordings format of Datadog's API clients (`recordings.json` of their
 * generated tests), into one shape that `verify` checks.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** One request and its response, as recorded. */
export interface Exchange {
  /** Where it comes from: `file#entry` (HAR) or `file#scenario` (Datadog). */
  source: string;
  method: string;
  /** Path without query, percent-encoded as sent. */
  path: string;
  query: [string, string][];
  requestHeaders: Record<string, string>;
  requestBody?: { mediaType: string; text: string };
  status: number;
  responseHeaders: Record<string, string>;
  responseBody?: { mediaType: string; text: string };
}

/** Every exchange in a file, or in the `.har` and `.json` files of a folder (sorted, recursively). */
export function readRecordings(path: string, cwd = process.cwd()): Exchange[] {
  if (statSync(path).isDirectory()) {
    return readdirSync(path, { withFileTypes: true })
      .filter((e) => e.isDirectory() || /\.(har|json)$/i.test(e.name))
      .map((e) => e.name)
      .sort()
      .flatMap((name) => readRecordings(join(path, name), cwd));
  }
  const label = relative(cwd, path) || path;
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`${label}: not JSON (${(error as Error).message})`);
  }
  if (isObject(value) && isObject(value.log) && Array.isArray(value.log.entries)) return fromHar(value.log.entries, label);
  if (isObject(value) && Array.isArray(value.recordings)) return fromDatadog(value.recordings, label);
  throw new Error(`${label}: neither a HAR file (log.entries) nor Datadog recordings (recordings[].interactions)`);
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const lower = (headers: Record<string, string>) => Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
const mediaTypeOf = (headers: Record<string, string>, fallback = '') => (headers['content-type'] ?? fallback).split(';')[0]!.trim().toLowerCase();

function fromHar(entries: unknown[], label: string): Exchange[] {
  return entries.filter(isObject).map((entry, i) => {
    const request = (entry.request ?? {}) as Json;
    const response = (entry.response ?? {}) as Json;
    const url = new URL(String(request.url ?? ''), 'http://recorded.invalid');
    const headerMap = (list: unknown) =>
      lower(Object.fromEntries((Array.isArray(list) ? list : []).filter(isObject).map((h) => [String(h.name), String(h.value)])));
    const requestHeaders = headerMap(request.headers);
    const responseHeaders = headerMap(response.headers);
    const postData = request.postData as Json | undefined;
    const content = response.content as Json | undefined;
    const responseText = typeof content?.text === 'string' ? (content.encoding === 'base64' ? Buffer.from(content.text, 'base64').toString('utf8') : content.text) : undefined;
    return {
      source: `${label}#/log/entries/${i}`,
      method: String(request.method ?? 'GET').toUpperCase(),
      path: url.pathname,
      query: [...url.searchParams],
      requestHeaders,
      ...(typeof postData?.text === 'string' ? { requestBody: { mediaType: mediaTypeOf(requestHeaders, String(postData.mimeType ?? '')), text: postData.text } } : {}),
      status: Number(response.status),
      responseHeaders,
      ...(responseText !== undefined && responseText !== '' ? { responseBody: { mediaType: mediaTypeOf(responseHeaders, String(content?.mimeType ?? '')), text: responseText } } : {}),
    };
  });
}

function fromDatadog(recordings: unknown[], label: string): Exchange[] {
  return recordings.filter(isObject).flatMap((recording) =>
    (Array.isArray(recording.interactions) ? recording.interactions : []).filter(isObject).map((interaction, i, all) => {
      const request = (interaction.request ?? {}) as Json;
      const response = (interaction.response ?? {}) as Json;
      const body = request.body as Json | undefined;
      const responseBody = response.body as Json | undefined;
      const responseHeaders = lower((isObject(response.headers) ? response.headers : {}) as Record<string, string>);
      const requestText = body && body.type !== 'empty' && body.value != null ? (typeof body.value === 'string' ? body.value : JSON.stringify(body.value)) : undefined;
      const responseText = typeof responseBody?.value === 'string' ? responseBody.value : undefined;
      const scenario = String(recording.scenario ?? '');
      return {
        source: `${label}#${scenario}${all.length > 1 ? ` [${i}]` : ''}`,
        method: String(request.method ?? 'GET').toUpperCase(),
        path: String(request.path ?? '/'),
        query: (Array.isArray(request.query) ? request.query : []).map((pair) => [String((pair as unknown[])[0]), String((pair as unknown[])[1])] as [string, string]),
        requestHeaders: (request.content_type ? { 'content-type': String(request.content_type) } : {}) as Record<string, string>,
        ...(requestText !== undefined ? { requestBody: { mediaType: String(request.content_type || 'application/json').split(';')[0]!, text: requestText } } : {}),
        status: Number(response.status),
        responseHeaders,
        ...(responseText ? { responseBody: { mediaType: mediaTypeOf(responseHeaders, 'text/plain'), text: responseText } } : {}),
      };
    }),
  );
}
