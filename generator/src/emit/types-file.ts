/** src/types.ts: the API's TypeScript types, from openapi-typescript's Node API. */
import openapiTS, { astToString } from 'openapi-typescript';
import { createConfig } from '@redocly/openapi-core';
import type { OpenAPIDocument } from '../model/openapi.js';

let quietConfig: ReturnType<typeof createConfig> | undefined;

export async function emitTypesFile(doc: OpenAPIDocument, header: string): Promise<string> {
  // The document was validated and bundled by load/; no rules to run twice.
  quietConfig ??= createConfig({ rules: {} } as never);
  const ast = await openapiTS(doc as never, { redocly: await quietConfig, silent: true });
  return `${header}\n${astToString(ast)}`;
}
