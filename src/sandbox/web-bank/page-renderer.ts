// The main thread's side of the page thread (page-thread.ts). The thread starts with the first
// page asked for, not with the server; until it is up, and should it stop, pages are rendered in
// the request: slower, never different.
import { startThread, ThreadClient } from '../../kernel/threads.ts';
import type { PageThreadRequest } from './page-thread.ts';
import { renderTransactionsPage, type TransactionsPageRequest } from './transactions-page.ts';

export class PageRenderer {
  #client: ThreadClient<PageThreadRequest> | null = null;
  #started: Promise<boolean> | null = null;
  #ready = false;
  #closed = false;

  /** Starts the page thread; resolves with whether it is up (false once closed). */
  start(): Promise<boolean> {
    if (this.#closed) return Promise.resolve(false);
    if (this.#started === null) {
      try {
        const client = new ThreadClient<PageThreadRequest>(
          startThread(new URL('./page-thread.ts', import.meta.url)),
          'web bank page',
        );
        this.#client = client;
        this.#started = client.started().then(
          () => (this.#ready = true),
          () => false,
        );
      } catch {
        this.#started = Promise.resolve(false);
      }
    }
    return this.#started;
  }

  /** The transactions page: its bytes from the page thread, or its text rendered here. */
  async transactions(request: TransactionsPageRequest): Promise<Buffer | string> {
    void this.start();
    const client = this.#client;
    if (client !== null && this.#ready && !client.gone) {
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
    this.#closed = true;
    this.#ready = false;
    const client = this.#client;
    this.#client = null;
    await client?.terminate();
  }
}
