// The web bank's page thread: renders transactions pages (the big ones: up to 1,000 rows) beside
// the event loop, and renders the next page of a listing ahead, while the client reads this one,
// as a bank's own servers would work apart from Tributary's. The main thread asks per request
// (page-renderer.ts); a page comes back encoded, its bytes moved, not copied.
import { parentPort } from 'node:worker_threads';
import { toThreadError, type ThreadReply } from '../../kernel/threads.ts';
import { renderTransactionsPage, type TransactionsPageRequest } from './transactions-page.ts';

export interface PageThreadRequest {
  op: 'transactions';
  request: TransactionsPageRequest;
}

interface Rendered {
  bytes: Uint8Array;
  next: TransactionsPageRequest | null;
}

/** Pages rendered ahead, by their request; a few listings' next pages at most. */
const ahead = new Map<string, Rendered>();
const aheadLimit = 8;
const encoder = new TextEncoder();

function keyOf(request: TransactionsPageRequest): string {
  return JSON.stringify(request);
}

function render(request: TransactionsPageRequest): Rendered {
  const { html, next } = renderTransactionsPage(request);
  return { bytes: encoder.encode(html), next };
}

function renderAhead(request: TransactionsPageRequest): void {
  const key = keyOf(request);
  if (ahead.has(key)) return;
  try {
    ahead.set(key, render(request));
    while (ahead.size > aheadLimit) ahead.delete(ahead.keys().next().value ?? '');
  } catch {
    // Rendered again, and its error reported, when the page is asked for.
  }
}

function serve(): void {
  if (parentPort === null) throw new Error('page-thread.ts runs as a worker thread only');
  const port = parentPort;
  port.on('message', (message: PageThreadRequest & { id: number }) => {
    try {
      const key = keyOf(message.request);
      const { bytes, next } = ahead.get(key) ?? render(message.request);
      ahead.delete(key);
      port.postMessage({ id: message.id, ok: true, value: bytes } satisfies ThreadReply, [
        bytes.buffer as ArrayBuffer,
      ]);
      // The next page of the listing, while the client reads this one.
      if (next !== null) setImmediate(() => renderAhead(next));
    } catch (error) {
      port.postMessage({
        id: message.id,
        ok: false,
        error: toThreadError(error),
      } satisfies ThreadReply);
    }
  });
  port.postMessage({ id: 0, ok: true, value: null } satisfies ThreadReply);
}

serve();
