// The main thread's side of the page thread (page-thread.ts). Rendering falls back to this thread
// when the page thread is not there (it could not start, or stopped): slower, never different.
import { startThread, ThreadClient } from '../../kernel/threads.ts';
import type { PageThreadRequest } from './page-thread.ts';
import { renderTransactionsPage, type TransactionsPageRequest } from './transactions-page.ts';

export class PageRenderer {
  #client: ThreadClient<PageThreadRequest> | null = null;

  /** Starts the page thread (in the background: nothing waits for it). */
  start(): void {
    if (this.#client !== null) return;
    try {
      const client = new ThreadClient<PageThreadRequest>(
        startThread(new URL('./page-thread.ts', import.meta.url)),
        'web bank page',
      );
      client.started().catch(() => undefined);
      this.#client = client;
    } catch {
      this.#client = null;
    }
  }

  /** The transactions page: its bytes from the page thread, or its text rendered here. */
  async transactions(request: TransactionsPageRequest): Promise<Buffer | string> {
    const client = this.#client;
    if (client !== null && !client.gone) {
      try {
        const bytes = (await client.call({ op: 'transactions', request })) as Uint8Array;
        return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      } catch (error) {
        if (!client.gone) throw error;
      }
    }
    return renderTransactionsPage(request).html;
  }

  async close(): Promise<void> {
    const client = this.#client;
    this.#client = null;
    await client?.terminate();
  }
}
