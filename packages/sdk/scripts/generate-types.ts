/**
 * Generates `packages/sdk/src/types.ts` from the committed `openapi/openapi.json`
 * (`npm run sdk:types`; `npm run openapi` runs it too). `test/api/openapi.test.ts` fails when the
 * committed types differ from what this renders.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { format, resolveConfig } from 'prettier';

/** The committed OpenAPI document the types come from. */
export const openapiPath = fileURLToPath(new URL('../../../openapi/openapi.json', import.meta.url));

/** The generated file. */
export const typesPath = fileURLToPath(new URL('../src/types.ts', import.meta.url));

const banner = [
  '// Generated from openapi/openapi.json by `npm run sdk:types` (openapi-typescript): do not edit.',
  '// Named types for SDK users are in models.ts.',
  '',
].join('\n');

/**
 * The text of `src/types.ts` for an OpenAPI document, formatted with the repository's Prettier
 * settings so `prettier --check` and the generator agree.
 */
export async function renderSdkTypes(documentText: string): Promise<string> {
  // openapi-typescript may annotate the object it walks; give it its own copy.
  const document = JSON.parse(documentText) as Parameters<typeof openapiTS>[0];
  const nodes = await openapiTS(document, { silent: true });
  const options = (await resolveConfig(typesPath)) ?? {};
  return format(`${banner}${astToString(nodes)}`, { ...options, filepath: typesPath });
}

/** Reads `openapi/openapi.json` and writes `src/types.ts`; returns the path written. */
export async function writeSdkTypes(documentText?: string): Promise<string> {
  const text = documentText ?? readFileSync(openapiPath, 'utf8');
  writeFileSync(typesPath, await renderSdkTypes(text));
  return typesPath;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const written = await writeSdkTypes();
  console.log(`wrote ${written}`);
}
