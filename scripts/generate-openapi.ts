/**
 * Regenerates `openapi/openapi.json` from the route schemas, then the SDK's types from it
 * (`npm run openapi`). It starts the real server through the composition root on an in-memory
 * embedded database and saves what `/openapi.json` serves, with `servers[0].url` fixed so the
 * file does not depend on where it was generated (operations.md §9). `test/api/openapi.test.ts`
 * fails when either file is out of date.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { typesPath, writeSdkTypes } from '../packages/sdk/scripts/generate-types.ts';
import { loadConfig } from '../src/config/load.ts';
import { startRuntime } from '../src/main.ts';
import { openEmbeddedDatabase } from '../src/storage/drivers/embedded.ts';
import { freePort } from '../test/support/net.ts';

/** Where the document is committed. */
export const openapiPath = fileURLToPath(new URL('../openapi/openapi.json', import.meta.url));

/** `servers[0].url` of the committed document; the served one says `{base}` instead. */
export const committedServerUrl = 'http://localhost:8080';

/** An OpenAPI document, as far as this script needs to know it. */
export interface OpenApiDocument {
  servers?: { url: string }[];
  [key: string]: unknown;
}

/** A copy of `document` whose `servers[0].url` is `url` (the only part that may differ). */
export function withServerUrl(document: OpenApiDocument, url: string): OpenApiDocument {
  const [first, ...rest] = document.servers ?? [];
  return { ...document, servers: [{ ...first, url }, ...rest] };
}

/** The committed bytes of a served document: 2-space JSON and a trailing newline. */
export function renderOpenApi(document: OpenApiDocument): string {
  return `${JSON.stringify(withServerUrl(document, committedServerUrl), null, 2)}\n`;
}

/** Starts the real server on a throw-away in-memory database and fetches its `/openapi.json`. */
export async function fetchServedDocument(): Promise<OpenApiDocument> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tributary-openapi-'));
  try {
    // Only these settings: whatever the caller's environment holds must not shape the document.
    const loaded = loadConfig({
      TRIBUTARY_DATA_DIR: dataDir,
      PORT: String(await freePort()),
      TRIBUTARY_PUBLIC_URL: committedServerUrl,
      TRIBUTARY_LOG_LEVEL: 'error',
    });
    if (!loaded.ok) throw new Error(`configuration refused:\n${loaded.problems.join('\n')}`);
    const runtime = await startRuntime(loaded.config, 'serve', {
      openDatabase: () => openEmbeddedDatabase({ dataDir: 'memory://' }),
      logDestination: process.stderr,
    });
    try {
      const response = await fetch(`${runtime.url}/openapi.json`);
      if (response.status !== 200) throw new Error(`/openapi.json answered ${response.status}`);
      return (await response.json()) as OpenApiDocument;
    } finally {
      await runtime.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const text = renderOpenApi(await fetchServedDocument());
  mkdirSync(dirname(openapiPath), { recursive: true });
  writeFileSync(openapiPath, text);
  await writeSdkTypes(text);
  for (const path of [openapiPath, typesPath])
    console.log(`wrote ${relative(process.cwd(), path)}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
  // PGlite and pg-boss leave nothing that must outlive the write; do not wait on stray timers.
  process.exit(0);
}
